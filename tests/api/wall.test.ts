// Issue 5: the wall display's KPIs and coverage gaps. Figures reconcile with the health, grids and
// coverage endpoints; a facility saved through the API shows in the KPIs at once (the change
// event invalidates the equity model); bad input names the bad value.

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommunityPage,
  CoverageSummary,
  GridPage,
  Health,
  IndicatorTable,
  StreetPage,
  WallGaps,
  WallKpis,
} from '../../core/api'
import { snapshotDay } from '../../core/domain/indicator-snapshots'
import { openSessionAs } from '../../server/modules/auth/sessions'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

async function get<T>(url: string): Promise<T> {
  const res = await ctx.app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

describe('GET /api/wall/kpis', () => {
  it('sums the district as the health and grids endpoints do', async () => {
    const kpis = await get<WallKpis>('/api/wall/kpis')
    const health = await get<Health>('/api/health')
    const grids = await get<GridPage>('/api/grids?limit=5000')
    expect(kpis.street).toBeNull()
    expect(kpis.households).toBe(health.world.households)
    expect(kpis.residents).toBe(health.world.residents)
    expect(kpis.communities).toBe(health.world.communities)
    expect(kpis.grids).toBe(health.world.grids)
    expect(kpis.gridsInBand).toBe(grids.features.filter((g) => g.properties.inBand).length)
    expect(kpis.gridsInBandShare).toBeCloseTo(kpis.gridsInBand / kpis.grids, 12)
    expect(kpis.householdBand).toEqual([240, 360])
    expect(kpis.workerNormPer10k).toBe(18)
  })

  it('counts communities under 18 workers per 10,000 as the indicator table does', async () => {
    const kpis = await get<WallKpis>('/api/wall/kpis')
    const table = await get<IndicatorTable>('/api/equity/indicators')
    const below = table.rows.filter(
      (r) => r.values.workers_per_10k_residents !== null && r.values.workers_per_10k_residents < 18,
    ).length
    expect(kpis.communitiesBelowWorkerNorm).toBe(below)
  })

  it('reconciles coverage per key type with the coverage endpoints', async () => {
    const kpis = await get<WallKpis>('/api/wall/kpis')
    expect(kpis.coverage.find((c) => c.typeCode === 'community_service_station')?.kind).toBe('urban')
    expect(kpis.coverage.find((c) => c.typeCode === 'village_service_station')?.kind).toBe('rural')
    expect(kpis.coverage.find((c) => c.typeCode === 'kindergarten')?.kind).toBeNull()
    for (const tile of kpis.coverage) {
      const summary = await get<CoverageSummary>(
        `/api/coverage/summary?type=${tile.typeCode}&level=district&method=radius`,
      )
      // one-window types count their own kind of community only
      const totals = tile.kind === null ? summary.totals : summary[tile.kind]
      expect(tile.coveredHouseholds, tile.typeCode).toBe(totals.covered)
      expect(tile.share, tile.typeCode).toBeCloseTo(totals.share, 9)
    }
  })

  it('keeps one snapshot a day of each stop and gives every tile its trend since the first', async () => {
    const streets = await get<StreetPage>('/api/streets')
    const street = streets.features[0].properties.code
    const kpis = await get<WallKpis>(`/api/wall/kpis?street=${street}`)
    const rows = async () =>
      (
        await sql<{ day: string; scope: string; figures: Record<string, number> }>`
          SELECT day::text AS day, scope, figures FROM indicator_snapshots ORDER BY scope`.execute(ctx.database.db)
      ).rows
    const written = await rows()
    // the district and every street, today (Asia/Shanghai)
    expect(written.map((r) => r.scope)).toEqual(
      ['district', ...streets.features.map((f) => f.properties.code).sort()].sort(),
    )
    expect(new Set(written.map((r) => r.day))).toEqual(new Set([snapshotDay(new Date())]))
    // the trend is since that snapshot, keyed like the tiles
    expect(kpis.trend?.since).toBe(snapshotDay(new Date()))
    expect(kpis.trend?.figures.households).toBe(kpis.households)
    expect(kpis.trend?.figures[`coverage-${kpis.coverage[0].typeCode}`]).toBeCloseTo(kpis.coverage[0].share, 12)
    // idempotent per day: asking again (or a restart's write) adds nothing
    await ctx.app.snapshots.ensureToday()
    await get<WallKpis>('/api/wall/kpis')
    expect(await rows()).toEqual(written)
    // an older first snapshot: the trend is since that day
    await sql`INSERT INTO indicator_snapshots (day, scope, figures)
      VALUES ('2025-01-01', ${street}, ${JSON.stringify({ households: kpis.households - 100 })}::jsonb)`.execute(
      ctx.database.db,
    )
    await ctx.app.snapshots.ensureToday(new Date('2099-06-01T04:00:00Z'))
    const later = await get<WallKpis>(`/api/wall/kpis?street=${street}`)
    expect(later.trend).toEqual({ since: '2025-01-01', figures: { households: kpis.households - 100 } })
  })

  it('gives the urban–rural gap of a street over that street only', async () => {
    const streets = await get<StreetPage>('/api/streets')
    const table = await get<IndicatorTable>('/api/equity/indicators')
    // a street with both communities and villages
    const mixed = streets.features.find((s) => {
      const kinds = new Set(table.rows.filter((r) => r.streetCode === s.properties.code).map((r) => r.kind))
      return kinds.size === 2
    })!.properties.code
    const kpis = await get<WallKpis>(`/api/wall/kpis?street=${mixed}`)
    const cmp = await get<{ theil: { between: number } }>(
      `/api/equity/compare?indicator=${kpis.gap.indicator}&street=${mixed}`,
    )
    expect(kpis.gap.theilBetween).toBeCloseTo(cmp.theil.between, 12)
    const district = await get<WallKpis>('/api/wall/kpis')
    expect(kpis.gap.theilBetween).not.toBeCloseTo(district.gap.theilBetween, 6)
  })

  it('gives the urban–rural gap as Theil between/total of the equity comparison', async () => {
    const kpis = await get<WallKpis>('/api/wall/kpis')
    const cmp = await get<{ theil: { between: number; total: number } }>(
      `/api/equity/compare?indicator=${kpis.gap.indicator}`,
    )
    expect(kpis.gap.theilBetween).toBeCloseTo(cmp.theil.between, 12)
    expect(kpis.gap.theilTotal).toBeCloseTo(cmp.theil.total, 12)
  })

  it('narrows to one street, and lists alarms far out of the band', async () => {
    const streets = await get<StreetPage>('/api/streets')
    const street = streets.features[0].properties
    const kpis = await get<WallKpis>(`/api/wall/kpis?street=${street.code}`)
    expect(kpis.street).toBe(street.code)
    expect(kpis.streetName).toBe(street.name)
    expect(kpis.households).toBe(street.households)
    expect(kpis.grids).toBe(street.gridCount)
    const district = await get<WallKpis>('/api/wall/kpis')
    for (const a of district.alarms.filter((x) => x.kind === 'grid_far_out_of_band'))
      expect(Math.abs(a.value)).toBeGreaterThan(0.5)
    expect(kpis.alarms.every((a) => a.streetCode === street.code)).toBe(true)
  })

  it('shows a facility saved through the API in the next KPIs', async () => {
    const before = await get<WallKpis>('/api/wall/kpis')
    const gaps = await get<WallGaps>('/api/wall/gaps')
    // put a community service station on the biggest uncovered building
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/facilities',
      payload: {
        typeCode: 'community_service_station',
        name: '测试党群服务中心',
        lngLat: [gaps.lng[0], gaps.lat[0]],
        floorAreaM2: 400,
        activityAreaM2: 300,
        author: 'wall-test',
        reason: 'issue 5 wall test',
      },
    })
    expect(res.statusCode, res.body).toBeLessThan(300)
    const after = await get<WallKpis>('/api/wall/kpis')
    const tile = (k: WallKpis) => k.coverage.find((c) => c.typeCode === 'community_service_station')!
    expect(tile(after).coveredHouseholds).toBeGreaterThanOrEqual(tile(before).coveredHouseholds + gaps.households[0])
    const gapsAfter = await get<WallGaps>('/api/wall/gaps')
    expect(gapsAfter.totalUncoveredHouseholds).toBeLessThan(gaps.totalUncoveredHouseholds)
  })
})

describe('GET /api/wall/gaps', () => {
  it('lists uncovered buildings biggest first, with valid coordinates', async () => {
    const gaps = await get<WallGaps>('/api/wall/gaps')
    expect(gaps.lng.length).toBe(gaps.lat.length)
    expect(gaps.lng.length).toBe(gaps.households.length)
    expect(gaps.lng.length).toBeGreaterThan(0)
    for (let i = 1; i < gaps.households.length; i++)
      expect(gaps.households[i - 1]).toBeGreaterThanOrEqual(gaps.households[i])
    for (let i = 0; i < gaps.lng.length; i += 97) {
      expect(gaps.lng[i]).toBeGreaterThan(117)
      expect(gaps.lng[i]).toBeLessThan(118.2)
      expect(gaps.lat[i]).toBeGreaterThan(38.5)
      expect(gaps.lat[i]).toBeLessThan(39.4)
    }
  })
})

describe('bad input', () => {
  it.each([
    ['/api/wall/kpis?street=120116999', 400, /120116999/],
    ['/api/wall/kpis?street=abc', 400, /street/],
    ['/api/wall/gaps?street=120116999', 400, /120116999/],
    ['/api/wall/kpis?zoom=3', 400, /zoom/],
  ] as [string, number, RegExp][])('%s → %i naming the bad value', async (url, status, pattern) => {
    const res = await ctx.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(pattern)
  })
})

describe('a wall link bound to a street (issue 13)', () => {
  it('sees only its street on every read, and is refused other streets and district-wide reads', async () => {
    const streets = (await get<StreetPage>('/api/streets')).features.map((f) => f.properties.code)
    const [mine, other] = streets
    const wall = await openSessionAs(ctx.database.db, 'kiosk', { kioskStreet: mine })
    const read = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: wall.headers.cookie } })

    // the KPIs and gaps without a street are its street's, the same as an administrator asking for it
    const kpis = await read('/api/wall/kpis')
    expect(kpis.statusCode, kpis.body).toBe(200)
    expect(kpis.json<WallKpis>()).toEqual(await get<WallKpis>(`/api/wall/kpis?street=${mine}`))
    const gaps = await read('/api/wall/gaps')
    expect(gaps.json<WallGaps>()).toEqual(await get<WallGaps>(`/api/wall/gaps?street=${mine}`))
    // lists: one street, its communities, its grids
    expect((await read('/api/streets')).json<StreetPage>().features.map((f) => f.properties.code)).toEqual([mine])
    const communities = (await read('/api/communities?limit=5000')).json<CommunityPage>().features
    expect(communities.length).toBeGreaterThan(0)
    expect(new Set(communities.map((c) => c.properties.streetCode))).toEqual(new Set([mine]))
    const grids = (await read('/api/grids?limit=5000')).json<GridPage>().features
    const allGrids = await get<GridPage>('/api/grids?limit=5000')
    expect(grids.length).toBeGreaterThan(0)
    expect(grids.length).toBeLessThan(allGrids.features.length)
    const mineCodes = new Set(communities.map((c) => c.properties.code))
    for (const g of grids) expect(mineCodes.has(g.properties.communityCode)).toBe(true)

    // another street, one of its communities, or a read with no street to narrow it: 403, named
    const theirCommunity = (await get<CommunityPage>(`/api/communities?street=${other}&limit=1`)).features[0]
    for (const url of [
      `/api/wall/kpis?street=${other}`,
      `/api/streets/${other}`,
      `/api/grids?community=${theirCommunity.properties.code}`,
      `/api/equity/scorecard/${theirCommunity.properties.code}`,
      '/api/search?q=社区',
    ]) {
      const res = await read(url)
      expect(res.statusCode, url).toBe(403)
      expect(res.json().code).toBe('OUTSIDE_STREETS')
      expect(res.json().message).toContain(mine)
    }
    // a district wall link (no street) still sees the district
    const district = await openSessionAs(ctx.database.db, 'kiosk')
    const all = await ctx.app.inject({ url: '/api/streets', headers: { cookie: district.headers.cookie } })
    expect(all.json<StreetPage>().features.length).toBe(streets.length)
  })
})
