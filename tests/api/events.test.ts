import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp({ listen: true })
})
afterAll(() => ctx?.close())

/** Reads server-sent events from /api/events until `count` events of `type` have arrived. */
async function collect(type: string, count: number, during: () => void | Promise<void>) {
  const controller = new AbortController()
  const res = await fetch(`${ctx.url}/api/events`, { signal: controller.signal })
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: unknown[] = []
  let buffer = ''
  let triggered = false
  while (events.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, i)
      buffer = buffer.slice(i + 2)
      const event = block.match(/^event: (.+)$/m)?.[1]
      const data = block.match(/^data: (.+)$/m)?.[1]
      if (event === 'hello' && !triggered) {
        triggered = true
        await during()
      }
      if (event === type && data) events.push(JSON.parse(data))
    }
  }
  controller.abort()
  return events
}

describe('GET /api/events', () => {
  it('streams every published change to a listening client, in order', async () => {
    const events = await collect('change', 2, () => {
      ctx.app.events.publish({ kind: 'grids', communityCode: '120116001001', ids: [1, 2] })
      ctx.app.events.publish({ kind: 'facilities', ids: [7] })
    })
    expect(events).toMatchObject([
      { kind: 'grids', communityCode: '120116001001', ids: [1, 2] },
      { kind: 'facilities', ids: [7] },
    ])
  })
})
