import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoverageGaps, CoverageSummary, CoverageWorst, FacilityType, Health } from '../../core/api'
import { referenceCoverage, referenceNearestMeters } from '../support/coverage-reference'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const json = async <T>(url: string): Promise<T> => {
  const res = await get(url)
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200)
  return res.json<T>()
}

/** The community with the most households among those the type covers only in part. */
async function partlyCovered(type: string): Promise<string> {
  const s = await json<CoverageSummary>(`/api/coverage/summary?type=${type}&level=community&method=radius`)
  const rows = s.rows.filter((r) => r.share > 0.2 && r.share < 0.8).sort((a, b) => b.households - a.households)
  expect(rows.length).toBeGreaterThan(0)
  return rows[0].key
}

describe('coverage figures reconcile', () => {
  it('covered + unserved = households on every row of every level, rows sum to the district, urban + rural too', async () => {
    const health = await json<Health>('/api/health')
    for (const subject of ['type=community_service_station', 'type=middle_school', 'tier=10min']) {
      for (const scenario of ['as-is', 'with-planned']) {
        for (const level of ['district', 'street', 'community', 'grid', 'unit']) {
          const s = await json<CoverageSummary>(
            `/api/coverage/summary?${subject}&scenario=${scenario}&level=${level}&limit=20000`,
          )
          expect(s.total).toBe(s.rows.length)
          expect(s.totals.households).toBe(health.world.households)
          expect(s.totals.covered + s.totals.unserved).toBe(s.totals.households)
          expect(s.urban.households + s.rural.households).toBe(s.totals.households)
          expect(s.urban.covered + s.rural.covered).toBe(s.totals.covered)
          let households = 0
          let covered = 0
          for (const r of s.rows) {
            expect(r.covered + r.unserved, `${level} ${r.key}`).toBe(r.households)
            households += r.households
            covered += r.covered
          }
          expect(households, `${subject} ${scenario} ${level}`).toBe(s.totals.households)
          expect(covered, `${subject} ${scenario} ${level}`).toBe(s.totals.covered)
        }
      }
    }
  })

  it('agrees with a PostGIS ST_Distance on geography for one community (within the 0.5% band)', async () => {
    for (const type of ['kindergarten', 'middle_school']) {
      const code = await partlyCovered(type)
      for (const scenario of ['as-is', 'with-planned'] as const) {
        const s = await json<CoverageSummary>(
          `/api/coverage/summary?type=${type}&scenario=${scenario}&level=community&community=${code}&method=radius`,
        )
        const row = s.rows.find((r) => r.key === code)!
        const ref = await referenceCoverage(ctx.database.db, code, type, scenario)
        expect(row.households).toBe(ref.households)
        expect(row.covered).toBeGreaterThanOrEqual(ref.coveredLow)
        expect(row.covered).toBeLessThanOrEqual(ref.coveredHigh)
        // a building within 0.5% of a radius is rare: the figures are equal or nearly so
        expect(Math.abs(row.covered - ref.covered)).toBeLessThanOrEqual(ref.coveredHigh - ref.coveredLow)
      }
    }
  })

  it('gives each unserved building its distance to the nearest facility within 0.5% of the geodesic distance', async () => {
    const code = await partlyCovered('kindergarten')
    const s = await json<CoverageSummary>(
      `/api/coverage/summary?type=kindergarten&level=community&community=${code}&method=radius`,
    )
    const bbox = s.rows[0].bbox.join(',')
    const gaps = await json<CoverageGaps>(`/api/coverage/gaps?type=kindergarten&bbox=${bbox}&method=radius`)
    expect(gaps.points.buildingId.length).toBeGreaterThan(0)
    const ids = gaps.points.buildingId.slice(0, 200)
    const truth = await referenceNearestMeters(ctx.database.db, ids, 'kindergarten')
    ids.forEach((id, i) => {
      const d = gaps.points.nearestMeters[i]!
      const geodesic = truth.get(id)!
      expect(d).toBeGreaterThan(300 * 0.995) // unserved: beyond the 300 m radius
      expect(Math.abs(d - geodesic), `building ${id}`).toBeLessThanOrEqual(0.005 * geodesic + 0.5)
    })
  })

  it('counts tiers separately: a tier is the union of its own types only', async () => {
    const types = await json<FacilityType[]>('/api/facility-types')
    const tier5 = await json<CoverageSummary>('/api/coverage/summary?tier=5min')
    const own = types.filter((t) => t.tier === '5min')
    const coveredOf = async (code: string) =>
      (await json<CoverageSummary>(`/api/coverage/summary?type=${code}`)).totals.covered
    const ownCovered = await Promise.all(own.map((t) => coveredOf(t.code)))
    expect(tier5.totals.covered).toBeGreaterThanOrEqual(Math.max(...ownCovered))
    expect(tier5.totals.covered).toBeLessThanOrEqual(ownCovered.reduce((a, b) => a + b, 0))
    // a 15-minute facility does not count for the 5-minute need
    const mismatch = await get('/api/coverage/summary?type=middle_school&tier=5min')
    expect(mismatch.statusCode).toBe(400)
    expect(mismatch.json()).toMatchObject({ code: 'TIER_MISMATCH', message: expect.stringContaining('15min') })
  })

  it('with planned facilities covers at least as much as as-is', async () => {
    for (const type of ['kindergarten', 'health_station']) {
      const asIs = await json<CoverageSummary>(`/api/coverage/summary?type=${type}&scenario=as-is`)
      const planned = await json<CoverageSummary>(`/api/coverage/summary?type=${type}&scenario=with-planned`)
      expect(planned.totals.covered).toBeGreaterThanOrEqual(asIs.totals.covered)
    }
  })
})

describe('the gap layer and the worst list', () => {
  it('draws exactly the unserved households: as points and as hexagons', async () => {
    const s = await json<CoverageSummary>('/api/coverage/summary?type=culture_room')
    const points = await json<CoverageGaps>('/api/coverage/gaps?type=culture_room&limit=100000')
    expect(points.truncated).toBe(false)
    expect(points.unservedHouseholds).toBe(s.totals.unserved)
    expect(points.points.households.reduce((a, b) => a + b, 0)).toBe(s.totals.unserved)
    const hex = await json<CoverageGaps>('/api/coverage/gaps?type=culture_room&aggregate=hex&cellMeters=2000')
    expect(hex.hexagons.reduce((a, h) => a + h.households, 0)).toBe(s.totals.unserved)
    expect(hex.hexagons.every((h) => h.polygon.length === 6)).toBe(true)
  })

  it('lists the worst grids first, each matching its summary row', async () => {
    const worst = await json<CoverageWorst>('/api/coverage/worst?type=kindergarten&level=grid&limit=10')
    expect(worst.rows.length).toBe(10)
    for (let i = 1; i < worst.rows.length; i++)
      expect(worst.rows[i - 1].unserved).toBeGreaterThanOrEqual(worst.rows[i].unserved)
    const grids = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=grid&limit=20000')
    const max = Math.max(...grids.rows.map((r) => r.unserved))
    expect(worst.rows[0].unserved).toBe(max)
    const row = grids.rows.find((r) => r.key === worst.rows[0].key)!
    expect(row).toMatchObject({ households: worst.rows[0].households, covered: worst.rows[0].covered })
    const units = await json<CoverageWorst>('/api/coverage/worst?type=kindergarten&level=unit&limit=5&sort=share')
    expect(units.rows.every((r) => r.share <= units.rows[units.rows.length - 1].share)).toBe(true)
  })

  it('rejects bad inputs with the bad value in the message', async () => {
    const cases: [string, string, string][] = [
      ['/api/coverage/summary?type=spaceport', 'UNKNOWN_FACILITY_TYPE', 'spaceport'],
      ['/api/coverage/summary', 'MISSING_SUBJECT', 'type'],
      ['/api/coverage/summary?type=kindergarten&level=galaxy', 'BAD_REQUEST', 'level'],
      ['/api/coverage/gaps?type=kindergarten&bbox=1,2,3', 'BAD_BBOX', '1,2,3'],
      ['/api/coverage/worst?type=kindergarten&limit=0', 'BAD_REQUEST', 'limit'],
      ['/api/coverage/compliance?type=spaceport', 'UNKNOWN_FACILITY_TYPE', 'spaceport'],
    ]
    for (const [url, code, text] of cases) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json(), url).toMatchObject({ code, message: expect.stringContaining(text) })
    }
  })
})

describe('compliance', () => {
  it('flags activity share, floor area per households served and radius per tier', async () => {
    const list = (
      await json<{ total: number; items: Record<string, unknown>[] }>(
        '/api/coverage/compliance?type=community_service_station&limit=5000',
      )
    ).items
    expect(list.length).toBeGreaterThan(100)
    const rows = await ctx.database.db
      .selectFrom('facilities')
      .select(['id', 'floor_area_m2', 'activity_area_m2'])
      .where('type_code', '=', 'community_service_station')
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const item of list) {
      const row = byId.get(item.id as number)!
      if (row.floor_area_m2 !== null && row.activity_area_m2 !== null) {
        const share = Number(row.activity_area_m2) / Number(row.floor_area_m2)
        expect(item.activityOk).toBe(share >= 0.6 - 1e-9)
        expect(item.floorAreaRequiredM2).toBeCloseTo((30 * (item.servedHouseholds as number)) / 100, 6)
        expect(item.floorAreaOk).toBe(Number(row.floor_area_m2) >= (item.floorAreaRequiredM2 as number) - 1e-9)
      }
      expect(item.radiusOk).toBe((item.radiusM as number) <= 300)
    }
    const one = await json<Record<string, unknown>>(`/api/facilities/${list[0].id}/compliance`)
    expect(one).toEqual(list[0])
    expect((await get('/api/facilities/99999999/compliance')).statusCode).toBe(404)
  })

  it('takes the tier radius ranges from settings when a deployment sets them (data, not code)', async () => {
    const station = (
      await json<{ items: { id: number; radiusM: number }[] }>('/api/coverage/compliance?type=kindergarten&limit=1')
    ).items[0]
    expect((await json<{ radiusRangeM: number[] }>(`/api/facilities/${station.id}/compliance`)).radiusRangeM).toEqual([
      0, 300,
    ])
    const ranges = { '5min': [100, 250], '10min': [0, 500], '15min': [800, 1000], village: [0, 1000] }
    await sql`INSERT INTO settings (key, value) VALUES ('facility.tier_radius_m', ${JSON.stringify(ranges)}::jsonb)`.execute(
      ctx.database.db,
    )
    ctx.app.coverage.invalidate() // a settings change is read when the model is next built
    const after = await json<{ radiusRangeM: number[]; radiusOk: boolean }>(`/api/facilities/${station.id}/compliance`)
    expect(after.radiusRangeM).toEqual([100, 250])
    expect(after.radiusOk).toBe(station.radiusM >= 100 && station.radiusM <= 250)
  })
})
