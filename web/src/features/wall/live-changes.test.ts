import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ChangeMessage, subscribeToChanges } from './live-changes'

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

describe('subscribeToChanges', () => {
  it('passes change events on and asks for a refetch after a reconnect, not on the first open', () => {
    const changes: ChangeMessage[] = []
    const onReconnect = vi.fn()
    const statuses: string[] = []
    const stop = subscribeToChanges(
      { onChange: (c) => changes.push(c), onReconnect, onStatus: (s) => statuses.push(s) },
      open,
    )
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
    const stop = subscribeToChanges({ onChange: () => {}, onReconnect }, open)
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
    subscribeToChanges({ onChange, onReconnect: () => {} }, open)
    FakeSource.all[0].listeners.get('change')!({ data: '{not json' })
    expect(onChange).not.toHaveBeenCalled()
  })
})
