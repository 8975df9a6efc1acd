// Coverage by walking distance through the API (issue 11), on the demo world's walk network.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BarrierEffect, CoverageSummary, IndicatorTable, Isochrones, SitingResponse } from '../../core/api'
import { coverageSummary, createCoverageStore, storeFor } from '../../core/domain/coverage-store'
import { toMetric } from '../../core/geo'
import { readStoreWorld } from '../../server/modules/coverage/coverage.repository'
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
const LEVELS = ['district', 'street', 'community', 'grid', 'unit'] as const

describe('coverage by walking distance', () => {
  it('is the default where a network is stored, and the straight line is there when asked for', async () => {
    const walk = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten')
    const radius = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&method=radius')
    expect(walk.method).toBe('walk')
    expect(radius.method).toBe('radius')
    expect(walk.totals.households).toBe(radius.totals.households)
    // the demo's rivers, railways and expressways cost some households their kindergarten on foot
    expect(walk.totals.covered).toBeLessThan(radius.totals.covered)
    expect(walk.totals.covered).toBeGreaterThan(0)
  })

  it('never exceeds radius coverage for the same threshold, on any row of any level, for every type and tier', async () => {
    const types = (await json<{ code: string }[]>('/api/facility-types')).map((t) => t.code)
    const subjects = [...types.map((t) => `type=${t}`), 'tier=5min', 'tier=10min', 'tier=15min']
    for (const subject of subjects)
      for (const scenario of ['as-is', 'with-planned'])
        for (const level of ['community', 'grid'] as const) {
          const q = `${subject}&scenario=${scenario}&level=${level}&limit=20000`
          const walk = await json<CoverageSummary>(`/api/coverage/summary?${q}&method=walk`)
          const radius = await json<CoverageSummary>(`/api/coverage/summary?${q}&method=radius`)
          expect(walk.totals.covered, q).toBeLessThanOrEqual(radius.totals.covered)
          const byKey = new Map(radius.rows.map((r) => [r.key, r]))
          for (const r of walk.rows) expect(r.covered, `${q} ${r.key}`).toBeLessThanOrEqual(byKey.get(r.key)!.covered)
        }
  })

  it('reconciles at every level: buildings → grids → communities → streets → district, urban + rural', async () => {
    for (const subject of ['type=kindergarten', 'type=middle_school', 'tier=10min'])
      for (const scenario of ['as-is', 'with-planned']) {
        const rowsOf = async (level: string) =>
          json<CoverageSummary>(`/api/coverage/summary?${subject}&scenario=${scenario}&level=${level}&limit=20000`)
        const district = await rowsOf('district')
        expect(district.totals.covered + district.totals.unserved).toBe(district.totals.households)
        expect(district.urban.covered + district.rural.covered).toBe(district.totals.covered)
        for (const level of LEVELS) {
          const s = await rowsOf(level)
          expect(s.method).toBe('walk')
          let covered = 0
          let households = 0
          for (const r of s.rows) {
            expect(r.covered + r.unserved).toBe(r.households)
            covered += r.covered
            households += r.households
          }
          expect(covered, `${subject} ${scenario} ${level}`).toBe(district.totals.covered)
          expect(households).toBe(district.totals.households)
        }
        // the buildings: the unserved points sum to the district's unserved households
        const gaps = await json<{ unservedHouseholds: number }>(
          `/api/coverage/gaps?${subject}&scenario=${scenario}&limit=100000`,
        )
        expect(gaps.unservedHouseholds).toBe(district.totals.unserved)
      }
  })

  it('refuses a bad method with a 400 naming it, and changes nothing', async () => {
    const res = await get('/api/coverage/summary?type=kindergarten&method=crow')
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('method')
  })
})

describe('the barrier effect', () => {
  it('lists households inside the radius but beyond walking distance, worst first, reconciling with coverage', async () => {
    const b = await json<BarrierEffect>('/api/coverage/barrier?type=kindergarten&level=community&limit=5000')
    const walk = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&method=walk')
    const radius = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&method=radius')
    expect(b.totals.radiusCovered).toBe(radius.totals.covered)
    expect(b.totals.walkCovered).toBe(walk.totals.covered)
    // walking coverage is inside radius coverage building by building, so the difference is the barrier
    expect(b.totals.barrierHouseholds).toBe(radius.totals.covered - walk.totals.covered)
    expect(b.totals.barrierHouseholds).toBeGreaterThan(0)
    expect(b.rows.reduce((s, r) => s + r.barrierHouseholds, 0)).toBe(b.totals.barrierHouseholds)
    for (let i = 1; i < b.rows.length; i++)
      expect(b.rows[i].barrierHouseholds).toBeLessThanOrEqual(b.rows[i - 1].barrierHouseholds)
    for (const r of b.rows) expect(r.barrierHouseholds).toBe(r.radiusCovered - r.walkCovered)
    expect(b.points.households.reduce((s, h) => s + h, 0)).toBe(b.totals.barrierHouseholds)
    // each such building is within some facility's radius, and its walk to the nearest one is no shorter than the line
    for (let i = 0; i < b.points.buildingId.length; i++) {
      expect(b.points.radiusMeters[i]).not.toBeNull()
      const w = b.points.walkMeters[i]
      if (w !== null) expect(w).toBeGreaterThanOrEqual(b.points.radiusMeters[i]! - 1)
    }
    const grids = await json<BarrierEffect>('/api/coverage/barrier?tier=5min&level=grid&limit=3')
    expect(grids.rows.length).toBeLessThanOrEqual(3)
    expect(grids.total).toBeGreaterThanOrEqual(grids.rows.length)
  })

  it('answers a bad subject or street with a 400', async () => {
    for (const [url, code] of [
      ['/api/coverage/barrier?type=spaceport', 'UNKNOWN_FACILITY_TYPE'],
      ['/api/coverage/barrier?street=999999999', 'UNKNOWN_STREET'],
      ['/api/coverage/barrier?type=kindergarten&level=galaxy', 'BAD_REQUEST'],
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().code, url).toBe(code)
    }
  })
})

describe('isochrones', () => {
  it('draws the 5-, 10- and 15-minute areas of a facility, nested, largest first', async () => {
    const { rows } = await sql<{
      id: number
    }>`SELECT id FROM facilities WHERE status = 'existing' ORDER BY id LIMIT 1`.execute(ctx.database.db)
    const iso = await json<Isochrones>(`/api/coverage/isochrones?facility=${rows[0].id}`)
    expect(iso.origin.facilityId).toBe(rows[0].id)
    expect(iso.features.map((f) => f.properties.minutes)).toEqual([15, 10, 5])
    expect(iso.features.map((f) => f.properties.meters)).toEqual([1000, 500, 300])
    const areas = iso.features.map((f) => f.properties.areaM2)
    expect(areas[0]).toBeGreaterThan(areas[1])
    expect(areas[1]).toBeGreaterThan(areas[2])
    expect(areas[2]).toBeGreaterThan(0)
    // a 1,000 m walk covers less than the 1,000 m circle
    expect(areas[0]).toBeLessThan(Math.PI * 1000 ** 2)
  })

  it('draws them from a point, and refuses a missing origin, an unknown facility and a point far off the network', async () => {
    const { rows } = await sql<{ lng: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM communities ORDER BY households DESC LIMIT 1`.execute(
      ctx.database.db,
    )
    const iso = await json<Isochrones>(`/api/coverage/isochrones?lng=${rows[0].lng}&lat=${rows[0].lat}`)
    expect(iso.origin.facilityId).toBeNull()
    expect(iso.features).toHaveLength(3)
    for (const [url, status, code] of [
      ['/api/coverage/isochrones', 400, 'MISSING_ORIGIN'],
      ['/api/coverage/isochrones?facility=99999999', 404, 'NOT_FOUND'],
      ['/api/coverage/isochrones?lng=100&lat=30', 400, 'POINT_OFF_NETWORK'],
    ] as const) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(status)
      expect(res.json().code, url).toBe(code)
    }
  })
})

describe('a facility move through the API', () => {
  it('updates walking coverage incrementally to what a store built afresh from PostGIS gives', async () => {
    const { rows } = await sql<{ id: number; version: number; lng: number; lat: number }>`
      SELECT id, version, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities
      WHERE type_code = 'kindergarten' AND status = 'existing' ORDER BY id LIMIT 1`.execute(ctx.database.db)
    const f = rows[0]
    await json('/api/coverage/status?wait=true')
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/facilities/${f.id}`,
      payload: {
        version: f.version,
        lngLat: [f.lng + 0.006, f.lat - 0.003],
        author: 'walk-test',
        reason: 'issue 11 move',
      },
    })
    expect(res.statusCode, res.body).toBe(200)
    const served = await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=community&limit=5000')
    const store = createCoverageStore(await readStoreWorld(ctx.database.db))
    const full = coverageSummary(storeFor(store, 'walk'), { type: 'kindergarten', level: 'community', limit: 5000 })
    expect(served.rows).toEqual(full.rows)
    expect(served.totals).toEqual(full.totals)
  })
})

describe('walking distances agree with pgRouting', () => {
  it('within 1 m on a sample of 1,000 buildings (server engine with pgRouting; skipped on PGlite)', async (test) => {
    const { rows: ext } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pgrouting'`.execute(ctx.database.db)
    if (ext[0].n === 0) {
      test.skip('no pgRouting on this engine (PGlite has none; apt-get install postgresql-15-pgrouting)')
      return
    }
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.execute(ctx.database.db)
    const store = createCoverageStore(await readStoreWorld(ctx.database.db))
    const walk = store.walk!
    const { graph, points } = walk.ctx
    // every building's walking distance to its nearest kindergarten, as the store has it
    const cov = walk.scenarios['as-is'].coverage.byType.get('kindergarten')!
    const seeds = [...store.facilities.values()]
      .filter((f) => f.status === 'existing' && f.typeCode === 'kindergarten')
      .map((f) => walk.ctx.snap(...toMetric([f.lng, f.lat]))!)
    // pgRouting over the same walkable edges, costed in the same metric (EPSG:4548 lengths; the
    // stored length_m is a spherical haversine that differs by up to ~0.3%), from one virtual
    // node joined to both ends of each kindergarten's edge at its access distances
    const origin = Math.max(...graph.nodeIds) + 1
    const virtual = seeds.flatMap((a, i) => {
      const l = graph.edgeLength[a.edge]
      return [
        `(${-1 - 2 * i}, ${origin}, ${graph.nodeIds[graph.edgeSource[a.edge]]}, ${a.accessM + a.t * l}, -1)`,
        `(${-2 - 2 * i}, ${origin}, ${graph.nodeIds[graph.edgeTarget[a.edge]]}, ${a.accessM + (1 - a.t) * l}, -1)`,
      ]
    })
    const edgesSql = `SELECT id, source, target, ST_Length(ST_Transform(geom, 4548)) AS cost,
        ST_Length(ST_Transform(geom, 4548)) AS reverse_cost FROM walk_edges WHERE walkable
      UNION ALL SELECT * FROM (VALUES ${virtual.join(', ')}) AS v(id, source, target, cost, reverse_cost)`
    const { rows } = await sql<{ node: number; agg_cost: number }>`
      SELECT node, agg_cost FROM pgr_drivingDistance(${edgesSql}, ${origin}::bigint, 1e9::float8, true)`.execute(
      ctx.database.db,
    )
    const agg = new Map(rows.map((r) => [Number(r.node), Number(r.agg_cost)]))
    const cost = (node: number) => agg.get(node) ?? Number.POSITIVE_INFINITY
    // 1,000 buildings spread over the district (every k-th in id order)
    const step = Math.max(1, Math.floor(store.byId.length / 1000))
    const sample = Array.from({ length: Math.min(1000, store.byId.length) }, (_, i) => store.byId[i * step])
    let compared = 0
    let worst = 0
    for (const b of sample) {
      const e = points.edge[b]
      const l = graph.edgeLength[e]
      let want = Math.min(
        cost(graph.nodeIds[graph.edgeSource[e]]) + points.t[b] * l,
        cost(graph.nodeIds[graph.edgeTarget[e]]) + (1 - points.t[b]) * l,
      )
      for (const a of seeds) if (a.edge === e) want = Math.min(want, a.accessM + Math.abs(a.t - points.t[b]) * l)
      want += points.accessM[b]
      const mine = cov.nearestMeters[b]
      if (want === Number.POSITIVE_INFINITY) expect(mine).toBe(want)
      else {
        worst = Math.max(worst, Math.abs(mine - want))
        expect(Math.abs(mine - want), `building ${store.world.buildings.id[b]}`).toBeLessThanOrEqual(1)
        compared++
      }
    }
    console.log(`pgRouting agreement: ${compared} buildings, largest difference ${worst.toFixed(4)} m`)
    expect(compared).toBeGreaterThan(500)
  })
})

describe('siting and equity on walking distances', () => {
  it('MCLP on foot starts from the walking coverage, adds households, and reports its gap', async () => {
    const street = (await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=street&method=walk'))
      .rows[0]
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/siting/mclp',
      payload: { type: 'kindergarten', k: 5, street: street.key, distanceMethod: 'walk' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<SitingResponse>()
    expect(r.distanceMethod).toBe('walk')
    expect(r.sites).toHaveLength(5)
    expect(Math.round(r.before.covered)).toBe(street.covered)
    expect(r.after.covered).toBeGreaterThan(r.before.covered)
    expect(r.gapPercent === null || r.gapPercent >= 0).toBe(true)
    // on foot the same sites cover no more than in a straight line
    const radius = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/siting/mclp',
        payload: { type: 'kindergarten', k: 5, street: street.key, distanceMethod: 'radius' },
      })
    ).json<SitingResponse>()
    expect(r.before.covered).toBeLessThanOrEqual(radius.before.covered)
  })

  it('p-median on foot lowers the capped walking distance, reports its bound and gap, and says what the cap is', async () => {
    const street = (await json<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=street&method=walk'))
      .rows[0]
    const ask = async (distanceMethod: 'walk' | 'radius') => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/siting/p-median',
        payload: { type: 'kindergarten', k: 2, street: street.key, distanceMethod },
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json<SitingResponse>()
    }
    const r = await ask('walk')
    expect(r.distanceMethod).toBe('walk')
    expect(r.sites).toHaveLength(2)
    expect(r.after.totalDistance!).toBeLessThan(r.before.totalDistance!)
    expect(r.objective).toBe(r.after.totalDistance)
    expect(r.bound!).toBeLessThanOrEqual(r.objective + 1e-6)
    expect(r.gapPercent === null || r.gapPercent >= 0).toBe(true)
    expect(['exact', 'heuristic']).toContain(r.method)
    expect(r.note).toMatch(/capped at 1000 m/)
    expect(r.after.covered).toBeGreaterThanOrEqual(r.before.covered)
    // a demand area within the radius on foot is within it in a straight line too
    const radius = await ask('radius')
    expect(radius.distanceMethod).toBe('radius')
    expect(r.demandCount).toBe(radius.demandCount)
    expect(r.before.covered).toBeLessThanOrEqual(radius.before.covered)
  })

  it('equity indicators on foot: coverage shares per community are the walking ones', async () => {
    const table = await json<IndicatorTable>('/api/equity/indicators?method=walk')
    const summary = await json<CoverageSummary>(
      '/api/coverage/summary?type=kindergarten&level=community&limit=5000&method=walk',
    )
    const byCode = new Map(table.rows.map((r) => [r.code, r]))
    let differs = 0
    const radius = new Map(
      (await json<IndicatorTable>('/api/equity/indicators')).rows.map((r) => [
        r.code,
        r.values['coverage_share:kindergarten'],
      ]),
    )
    for (const row of summary.rows) {
      const v = byCode.get(row.key)!.values['coverage_share:kindergarten'] ?? 0
      expect(v, row.key).toBeCloseTo(row.share, 9)
      if (Math.abs(v - (radius.get(row.key) ?? 0)) > 1e-9) differs++
    }
    expect(differs).toBeGreaterThan(0)
  })
})
