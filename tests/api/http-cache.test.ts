// Conditional GETs: API reads carry an ETag and Cache-Control, and answer 304 to a client that
// already holds the current body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { signInTestApp } from '../support/auth'
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

describe('CORS by configured origin', () => {
  it('is off by default: no Access-Control-Allow-Origin for any origin', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/ogc', headers: { origin: 'https://qgis.example' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('allows exactly the configured origins, and answers their preflight', async () => {
    const app = await buildApp({ database: ctx.database, logLevel: 'silent', corsOrigins: ['https://map.example'] })
    await signInTestApp(app, ctx.database, 'administrator')
    try {
      const ok = await app.inject({ method: 'GET', url: '/ogc', headers: { origin: 'https://map.example' } })
      expect(ok.headers['access-control-allow-origin']).toBe('https://map.example')
      const other = await app.inject({ method: 'GET', url: '/ogc', headers: { origin: 'https://evil.example' } })
      expect(other.headers['access-control-allow-origin']).toBeUndefined()
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/facilities',
        headers: { origin: 'https://map.example', 'access-control-request-method': 'POST' },
      })
      expect(preflight.statusCode).toBe(204)
      expect(preflight.headers['access-control-allow-methods']).toContain('POST')
    } finally {
      await app.close()
    }
  })
})
