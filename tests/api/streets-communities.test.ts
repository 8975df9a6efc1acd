import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, StreetPage } from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })

describe('GET /api/health', () => {
  it('names the engine and counts the loaded world', async () => {
    const res = await get('/api/health')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.engine).toBe(ctx.database.kind)
    expect(body.postgis).toMatch(/^3\./)
    expect(body.world.streets).toBe(26)
    expect(body.world.communities).toBe(505)
    expect(body.world.grids).toBeGreaterThan(505)
  })
})

describe('GET /api/streets', () => {
  it('returns the 26 township-level units as GeoJSON with totals and label points', async () => {
    const res = await get('/api/streets')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/geo+json')
    const fc = res.json<StreetPage>()
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.total).toBe(26)
    expect(fc.features).toHaveLength(26)
    const tanggu = fc.features.find((f) => f.properties.code === '120116001')!
    expect(tanggu.properties.name).toBe('塘沽街道')
    expect(tanggu.properties.kind).toBe('subdistrict')
    expect(tanggu.geometry.type).toBe('MultiPolygon')
    const sumHouseholds = fc.features.reduce((s, f) => s + f.properties.households, 0)
    const health = (await get('/api/health')).json()
    expect(sumHouseholds).toBe(health.world.households)
    expect(fc.features.reduce((s, f) => s + f.properties.communityCount, 0)).toBe(505)
  })

  it('rounds coordinates to 6 decimals', async () => {
    const text = (await get('/api/streets?limit=1')).body
    const decimals = [...text.matchAll(/\d+\.(\d+)/g)].map((m) => m[1].length)
    expect(Math.max(...decimals)).toBeLessThanOrEqual(6)
  })

  it('filters by bbox and pages with limit/offset', async () => {
    const all = (await get('/api/streets')).json<StreetPage>()
    const east = (await get('/api/streets?bbox=117.75,39.0,118.1,39.4')).json<StreetPage>()
    expect(east.total).toBeGreaterThan(0)
    expect(east.total).toBeLessThan(all.total)
    const page = (await get('/api/streets?limit=10&offset=20')).json<StreetPage>()
    expect(page.total).toBe(26)
    expect(page.features.map((f) => f.properties.code)).toEqual(
      all.features.slice(20, 30).map((f) => f.properties.code),
    )
    const beyond = (await get('/api/streets?offset=100')).json<StreetPage>()
    expect(beyond.features).toHaveLength(0)
    expect(beyond.total).toBe(26)
  })

  it('gets one street and says 404 / 400 for unknown and malformed codes', async () => {
    const one = await get('/api/streets/120116001')
    expect(one.statusCode).toBe(200)
    expect(one.json().properties.name).toBe('塘沽街道')
    const missing = await get('/api/streets/120116999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('120116999') })
    const malformed = await get('/api/streets/abc')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().message).toContain('code')
  })

  it.each([
    ['bbox=1,2,3', 'BAD_BBOX', '4 comma-separated'],
    ['bbox=117,39,x,40', 'BAD_BBOX', '"x"'],
    ['bbox=118,39,117,40', 'BAD_BBOX', 'min must be below max'],
    ['bbox=117,39,200,40', 'BAD_BBOX', 'longitude'],
    ['limit=0', 'BAD_REQUEST', 'limit'],
    ['limit=100000', 'BAD_REQUEST', 'limit'],
    ['offset=-1', 'BAD_REQUEST', 'offset'],
    ['colour=red', 'BAD_REQUEST', '"colour"'],
  ])('rejects ?%s with a clear 400', async (query, code, message) => {
    const res = await get(`/api/streets?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ statusCode: 400, code })
    expect(res.json().message).toContain(message)
  })
})

describe('GET /api/communities', () => {
  it('lists 505 communities: 366 urban 社区 and 139 rural 村', async () => {
    const all = (await get('/api/communities?limit=1000')).json<CommunityPage>()
    expect(all.total).toBe(505)
    const urban = (await get('/api/communities?kind=urban&limit=1')).json<CommunityPage>()
    const rural = (await get('/api/communities?kind=rural&limit=1')).json<CommunityPage>()
    expect(urban.total).toBe(366)
    expect(rural.total).toBe(139)
    const c = all.features[0].properties
    expect(c.workersPer10k).toBeCloseTo((c.workers * 10000) / c.residents, 1)
  })

  it('filters by street, and every community of a street has that street code', async () => {
    const fc = (await get('/api/communities?street=120116001')).json<CommunityPage>()
    expect(fc.total).toBeGreaterThan(0)
    expect(fc.features.every((f) => f.properties.streetCode === '120116001')).toBe(true)
    expect(fc.features.every((f) => f.properties.streetName === '塘沽街道')).toBe(true)
  })

  it('gets one community; 404 for an unknown code, 400 for a bad kind or street', async () => {
    const first = (await get('/api/communities?limit=1')).json<CommunityPage>().features[0]
    const one = await get(`/api/communities/${first.properties.code}`)
    expect(one.statusCode).toBe(200)
    expect(one.json().properties).toEqual(first.properties)
    expect((await get('/api/communities/120116999999')).statusCode).toBe(404)
    expect((await get('/api/communities?kind=suburban')).statusCode).toBe(400)
    const badStreet = await get('/api/communities?street=12')
    expect(badStreet.statusCode).toBe(400)
    expect(badStreet.json().message).toContain('street')
  })
})

describe('API documentation', () => {
  it('serves an OpenAPI document listing every endpoint, and a docs page', async () => {
    const doc = (await get('/openapi.json')).json()
    for (const path of ['/api/health', '/api/streets', '/api/communities/{code}', '/api/grids', '/api/facilities'])
      expect(Object.keys(doc.paths)).toContain(path)
    expect((await get('/docs/')).statusCode).toBe(200)
  })
  it('answers an unknown route with a JSON 404', async () => {
    const res = await get('/api/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })
})
