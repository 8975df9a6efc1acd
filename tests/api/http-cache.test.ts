// Conditional GETs: API reads carry an ETag and Cache-Control, and answer 304 to a client that
// already holds the current body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

describe('ETag, Cache-Control and 304 on API reads', () => {
  it('a repeated read with If-None-Match gets 304 and no body; another page has another ETag', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/ogc/collections/streets/items?limit=5' })
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/)
    expect(first.headers['cache-control']).toBe('no-cache')
    const again = await ctx.app.inject({
      method: 'GET',
      url: '/ogc/collections/streets/items?limit=5',
      headers: { 'if-none-match': etag },
    })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    const other = await ctx.app.inject({ method: 'GET', url: '/ogc/collections/streets/items?limit=6' })
    expect(other.headers.etag).not.toBe(etag)
    const api = await ctx.app.inject({ method: 'GET', url: '/api/streets', headers: { 'if-none-match': etag } })
    expect(api.statusCode).toBe(200)
    expect(api.headers.etag).toMatch(/^W\//)
  })

  it('errors carry no ETag', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/ogc/collections/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.headers.etag).toBeUndefined()
  })
})
