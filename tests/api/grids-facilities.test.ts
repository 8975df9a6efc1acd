import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommunityPage,
  CommunitySummaryList,
  FacilityPage,
  FacilityType,
  GridPage,
  GridSummaryList,
} from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })

describe('GET /api/grids', () => {
  it('serves every current grid of the district in one page, with balance figures', async () => {
    const res = await get('/api/grids?limit=5000')
    expect(res.statusCode).toBe(200)
    const fc = res.json<GridPage>()
    expect(fc.features.length).toBe(fc.total)
    const settings = (await get('/api/settings')).json()
    const target = settings['grid.household_target'] as number
    const tolerance = settings['grid.household_tolerance'] as number
    for (const f of fc.features.slice(0, 200)) {
      const p = f.properties
      expect(p.code).toMatch(/^\d{15}$/)
      expect(p.code.slice(0, 12)).toBe(p.communityCode)
      expect(p.targetHouseholds).toBe(target)
      expect(p.deviation).toBeCloseTo((p.households - target) / target, 3)
      expect(p.inBand).toBe(Math.abs(p.households - target) <= target * tolerance)
      expect(p.validTo).toBeNull()
    }
    const health = (await get('/api/health')).json()
    expect(fc.features.reduce((s, f) => s + f.properties.households, 0)).toBe(health.world.households)
  })

  it('filters by community and by bbox', async () => {
    const community = (await get('/api/communities?limit=1')).json().features[0].properties
    const fc = (await get(`/api/grids?community=${community.code}`)).json<GridPage>()
    expect(fc.total).toBe(community.gridCount)
    expect(fc.features.reduce((s, f) => s + f.properties.households, 0)).toBe(community.households)
    const small = (await get('/api/grids?bbox=117.69,39.01,117.71,39.03&limit=5000')).json<GridPage>()
    const all = (await get('/api/grids?limit=1')).json<GridPage>()
    expect(small.total).toBeGreaterThan(0)
    expect(small.total).toBeLessThan(all.total)
  })

  it('gets one grid by id; 404 unknown, 400 malformed, 400 unknown parameter', async () => {
    const first = (await get('/api/grids?limit=1')).json<GridPage>().features[0]
    const one = await get(`/api/grids/${first.properties.id}`)
    expect(one.statusCode).toBe(200)
    expect(one.json().properties).toEqual(first.properties)
    expect((await get('/api/grids/99999999')).statusCode).toBe(404)
    const bad = await get('/api/grids/abc')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('id')
    const unknown = await get('/api/grids?communty=120116001001')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toContain('"communty"')
  })
})

describe('GET /api/grids/summary and /api/communities/summary (what the map keeps whole)', () => {
  it('give every grid and community with the figures of their features, a label point inside and a box, no geometry', async () => {
    const grids = await get('/api/grids/summary')
    expect(grids.statusCode).toBe(200)
    const { grids: rows } = grids.json<GridSummaryList>()
    const fc = (await get('/api/grids?limit=5000')).json<GridPage>()
    expect(rows.length).toBe(fc.total)
    const byId = new Map(fc.features.map((f) => [f.properties.id, f]))
    for (const row of rows) {
      const { labelPoint, bbox, ...properties } = row
      const feature = byId.get(row.id)!
      const { validTo, parentIds, ...served } = feature.properties
      expect(validTo).toBeNull()
      expect(properties).toEqual(served)
      expect(row).not.toHaveProperty('geometry')
      const coords = feature.geometry.coordinates.flat(2)
      const box = [
        Math.min(...coords.map((c) => c[0])),
        Math.min(...coords.map((c) => c[1])),
        Math.max(...coords.map((c) => c[0])),
        Math.max(...coords.map((c) => c[1])),
      ]
      for (const [i, v] of bbox.entries()) expect(v).toBeCloseTo(box[i], 5)
      expect(labelPoint[0]).toBeGreaterThanOrEqual(bbox[0])
      expect(labelPoint[0]).toBeLessThanOrEqual(bbox[2])
      expect(labelPoint[1]).toBeGreaterThanOrEqual(bbox[1])
      expect(labelPoint[1]).toBeLessThanOrEqual(bbox[3])
    }
    // well under the whole GeoJSON
    expect(grids.body.length).toBeLessThan(JSON.stringify(fc).length * 0.6)

    const communities = (await get('/api/communities/summary')).json<CommunitySummaryList>().communities
    const all = (await get('/api/communities?limit=5000')).json<CommunityPage>()
    expect(communities.map(({ bbox, ...p }) => p)).toEqual(all.features.map((f) => f.properties))
    expect(communities.every((c) => c.bbox[0] < c.bbox[2] && c.bbox[1] < c.bbox[3])).toBe(true)
  })
})

describe('GET /api/facility-types and /api/facilities', () => {
  it('lists the standards table with tiers and default radii', async () => {
    const types = (await get('/api/facility-types')).json<FacilityType[]>()
    expect(types.length).toBeGreaterThanOrEqual(13)
    const station = types.find((t) => t.code === 'community_service_station')!
    expect(station).toMatchObject({ tier: '5min', defaultRadiusM: 300, minActivityShare: 0.6 })
    expect(types.find((t) => t.code === 'middle_school')).toMatchObject({ tier: '15min', defaultRadiusM: 1000 })
  })

  it('lists facilities of every type with their effective radius', async () => {
    const types = (await get('/api/facility-types')).json<FacilityType[]>()
    const fc = (await get('/api/facilities?limit=5000')).json<FacilityPage>()
    expect(fc.total).toBe(fc.features.length)
    const present = new Set(fc.features.map((f) => f.properties.typeCode))
    for (const t of types) expect(present, t.code).toContain(t.code)
    for (const f of fc.features) {
      const type = types.find((t) => t.code === f.properties.typeCode)!
      if (!f.properties.radiusOverridden) expect(f.properties.radiusM).toBe(type.defaultRadiusM)
      expect(f.geometry.type).toBe('Point')
      expect(f.properties.status).not.toBe('retired')
    }
  })

  it('filters by type and status; rejects an unknown type by name', async () => {
    const schools = (await get('/api/facilities?type=primary_school')).json<FacilityPage>()
    expect(schools.total).toBeGreaterThan(0)
    expect(schools.features.every((f) => f.properties.typeCode === 'primary_school')).toBe(true)
    const planned = (await get('/api/facilities?status=planned')).json<FacilityPage>()
    expect(planned.features.every((f) => f.properties.status === 'planned')).toBe(true)
    const bad = await get('/api/facilities?type=spaceport')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'UNKNOWN_FACILITY_TYPE', message: expect.stringContaining('spaceport') })
    expect((await get('/api/facilities?status=demolished')).statusCode).toBe(400)
  })

  it('gets one facility; 404 for an unknown id', async () => {
    const first = (await get('/api/facilities?limit=1')).json<FacilityPage>().features[0]
    expect((await get(`/api/facilities/${first.id}`)).json().properties).toEqual(first.properties)
    expect((await get('/api/facilities/99999999')).statusCode).toBe(404)
  })
})
