import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ChangeMessage, createLiveChanges } from './live-changes'

class FakeSource {
  static all: FakeSource[] = []
  readyState = 0
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  listeners = new Map<string, (e: { data: string }) => void>()
  closed = false
  constructor(readonly url: string) {
    FakeSource.all.push(this)
  }
  addEventListener(type: string, listener: (e: { data: string }) => void) {
    this.listeners.set(type, listener)
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) })
  }
}
const open = (url: string) => new FakeSource(url) as unknown as EventSource

afterEach(() => {
  FakeSource.all = []
  vi.useRealTimers()
})

describe('the live-changes client', () => {
  it('passes change events on and asks for a refetch after a reconnect, not on the first open', () => {
    const changes: ChangeMessage[] = []
    const onReconnect = vi.fn()
    const statuses: string[] = []
    const stop = createLiveChanges(open).subscribe({
      onChange: (c) => changes.push(c),
      onReconnect,
      onStatus: (s) => statuses.push(s),
    })
    const s = FakeSource.all[0]
    expect(s.url).toBe('/api/events')
    s.onopen!()
    s.emit('change', { kind: 'grids', ids: [1] })
    expect(changes).toEqual([{ kind: 'grids', ids: [1] }])
    expect(onReconnect).not.toHaveBeenCalled()
    // the browser reconnects by itself (readyState CONNECTING), then opens again
    s.onerror!()
    s.onopen!()
    expect(onReconnect).toHaveBeenCalledTimes(1)
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    stop()
    expect(s.closed).toBe(true)
  })

  it('reopens by itself when the browser gives up (a restart answered with an error)', () => {
    vi.useFakeTimers()
    const onReconnect = vi.fn()
    const stop = createLiveChanges(open).subscribe({ onChange: () => {}, onReconnect })
    FakeSource.all[0].onopen!()
    FakeSource.all[0].readyState = 2
    FakeSource.all[0].onerror!()
    vi.advanceTimersByTime(2000)
    expect(FakeSource.all.length).toBe(2)
    FakeSource.all[1].onopen!()
    expect(onReconnect).toHaveBeenCalledTimes(1)
    stop()
  })

  it('ignores a malformed message', () => {
    const onChange = vi.fn()
    createLiveChanges(open).subscribe({ onChange, onReconnect: () => {} })
    FakeSource.all[0].listeners.get('change')!({ data: '{not json' })
    expect(onChange).not.toHaveBeenCalled()
  })

  it('shares one connection between subscribers and closes it with the last one', () => {
    const client = createLiveChanges(open)
    const first: ChangeMessage[] = []
    const second: ChangeMessage[] = []
    const stopFirst = client.subscribe({ onChange: (c) => first.push(c) })
    FakeSource.all[0].onopen!()
    const lateStatuses: string[] = []
    const lateReconnect = vi.fn()
    const stopSecond = client.subscribe({
      onChange: (c) => second.push(c),
      onReconnect: lateReconnect,
      onStatus: (s) => lateStatuses.push(s),
    })
    expect(FakeSource.all.length).toBe(1)
    // a late subscriber learns the current state at once
    expect(lateStatuses).toEqual(['live'])
    FakeSource.all[0].emit('change', { kind: 'facilities', ids: [7] })
    expect(first).toEqual([{ kind: 'facilities', ids: [7] }])
    expect(second).toEqual([{ kind: 'facilities', ids: [7] }])
    // a reconnect asks every subscriber to refetch
    FakeSource.all[0].onerror!()
    FakeSource.all[0].onopen!()
    expect(lateReconnect).toHaveBeenCalledTimes(1)
    stopFirst()
    expect(FakeSource.all[0].closed).toBe(false)
    FakeSource.all[0].emit('change', { kind: 'grids' })
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(2)
    stopSecond()
    expect(FakeSource.all[0].closed).toBe(true)
    // the next subscriber opens a fresh connection, whose first open is no reconnect
    const reconnect = vi.fn()
    client.subscribe({ onChange: () => {}, onReconnect: reconnect })
    expect(FakeSource.all.length).toBe(2)
    FakeSource.all[1].onopen!()
    expect(reconnect).not.toHaveBeenCalled()
  })

  it('passes a change to the other subscribers when one of them throws', () => {
    const client = createLiveChanges(open)
    const onChange = vi.fn()
    client.subscribe({
      onChange: () => {
        throw new Error('broken subscriber')
      },
    })
    client.subscribe({ onChange })
    FakeSource.all[0].emit('change', { kind: 'grids' })
    expect(onChange).toHaveBeenCalledWith({ kind: 'grids' })
  })
})
