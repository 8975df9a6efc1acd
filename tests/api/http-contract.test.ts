// HTTP the way clients expect (ADR 17): RFC 9457 problems with today's codes kept, an HTML page
// for an unknown page, gzip/brotli for large answers, Range on downloads.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers })

describe('errors are RFC 9457 problems', () => {
  it('a bad parameter: problem+json with type, title, status, detail, instance, and the code kept', async () => {
    const res = await get('/api/grids?limit=abc')
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json()
    expect(body).toMatchObject({
      type: 'urn:wangge:problem:BAD_REQUEST',
      status: 400,
      instance: '/api/grids',
      statusCode: 400,
      code: 'BAD_REQUEST',
      error: 'Bad Request',
    })
    expect(body.title).toMatch(/does not match the schema/)
    expect(body.detail).toMatch(/"limit"/)
    expect(body.message).toBe(body.detail)
  })

  it('a thing that does not exist and a route that does not exist are 404 problems', async () => {
    const missing = await get('/api/streets/999999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(missing.json()).toMatchObject({ type: 'urn:wangge:problem:NOT_FOUND', status: 404, code: 'NOT_FOUND' })
    for (const url of ['/api/nope', '/ogc/nope/deeper?x=1']) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/)
      expect(res.json(), url).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: url.split('?')[0] })
      expect(res.json().detail, url).toContain(url.split('?')[0])
    }
  })

  it('an unknown page gets an HTML page in Chinese, then English', async () => {
    const res = await get('/no-such-page')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('页面不存在')
    expect(res.body).toContain('Page not found')
    expect(res.body.indexOf('页面不存在')).toBeLessThan(res.body.indexOf('Page not found'))
    const hostile = await get('/%3Cscript%3Ealert(1)%3C/script%3E')
    expect(hostile.body).not.toContain('<script>')
  })
})

describe('compression', () => {
  it('all grids as GeoJSON: brotli and gzip decode to the same bytes, several times smaller', async () => {
    const raw = await get('/api/grids?limit=5000')
    expect(raw.statusCode).toBe(200)
    expect(raw.headers['content-encoding']).toBeUndefined()
    const gz = await get('/api/grids?limit=5000', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toMatch(/accept-encoding/i)
    const br = await get('/api/grids?limit=5000', { 'accept-encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(gunzipSync(gz.rawPayload).equals(raw.rawPayload)).toBe(true)
    expect(brotliDecompressSync(br.rawPayload).equals(raw.rawPayload)).toBe(true)
    const mb = (n: number) => (n / 1e6).toFixed(2)
    console.log(
      `[http] all grids GeoJSON: raw ${mb(raw.rawPayload.length)} MB, gzip ${mb(gz.rawPayload.length)} MB, brotli ${mb(br.rawPayload.length)} MB`,
    )
    expect(gz.rawPayload.length).toBeLessThan(raw.rawPayload.length / 4)
    expect(br.rawPayload.length).toBeLessThan(gz.rawPayload.length)
    // the ETag is the same whichever the encoding, and a 304 still works
    expect(gz.headers.etag).toBe(raw.headers.etag)
    const again = await get('/api/grids?limit=5000', {
      'accept-encoding': 'gzip',
      'if-none-match': String(gz.headers.etag),
    })
    expect(again.statusCode).toBe(304)
  })

  it('small answers and zips are sent as they are', async () => {
    const small = await get('/api/health', { 'accept-encoding': 'gzip' })
    expect(small.headers['content-encoding']).toBeUndefined()
    const zip = await get('/api/exports/streets?format=shp', { 'accept-encoding': 'gzip, br' })
    expect(zip.statusCode).toBe(200)
    expect(zip.headers['content-encoding']).toBeUndefined()
  })

  it('API reads carry Cache-Control', async () => {
    const res = await get('/api/streets')
    expect(res.headers['cache-control']).toBe('no-cache')
  })
})

describe('Range on downloads', () => {
  it('a download says it takes ranges; a range is 206 with Content-Range and the right bytes', async () => {
    const whole = await get('/api/exports/streets?format=shp')
    expect(whole.headers['accept-ranges']).toBe('bytes')
    const etag = String(whole.headers.etag)
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/) // strong
    const size = whole.rawPayload.length
    // each export is written afresh (its provenance names the time): a resume with If-Range
    // gets the rest of the very file it started
    const part = await get('/api/exports/streets?format=shp', { range: 'bytes=100-1099', 'if-range': etag })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${size}`)
    expect(part.rawPayload.equals(whole.rawPayload.subarray(100, 1100))).toBe(true)
    const tail = await get('/api/exports/streets?format=shp', { range: 'bytes=-10', 'accept-encoding': 'gzip' })
    expect(tail.statusCode).toBe(206)
    expect(tail.rawPayload.length).toBe(10)
    const beyond = await get('/api/exports/streets?format=shp', { range: `bytes=${size + 10}-` })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
    const stale = await get('/api/exports/streets?format=shp', { range: 'bytes=0-9', 'if-range': '"stale"' })
    expect(stale.statusCode).toBe(200)
  })
})
