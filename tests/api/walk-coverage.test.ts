// Coverage by walking distance through the API (issue 11), on the demo world's walk network.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BarrierEffect, CoverageSummary, Isochrones } from '../../core/api'
import { coverageSummary, createCoverageStore, storeFor } from '../../core/domain/coverage-store'
import { toMetric } from '../../core/geo'
import { WalkSearch } from '../../core/network'
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
    // one facility: its access, and our distances to every building
    const f = [...store.facilities.values()].find((x) => x.status === 'existing' && x.typeCode === 'middle_school')!
    const [fx, fy] = toMetric([f.lng, f.lat])
    const from = walk.ctx.snap(fx, fy)!
    const search = new WalkSearch(graph)
    search.run([from])
    const hit = { meters: 0, label: 0 }
    // 1,000 buildings spread over the district (every k-th in id order)
    const step = Math.max(1, Math.floor(store.byId.length / 1000))
    const sample = Array.from({ length: Math.min(1000, store.byId.length) }, (_, i) => store.byId[i * step])
    const targets = new Set<number>()
    for (const b of sample) {
      targets.add(graph.nodeIds[graph.edgeSource[points.edge[b]]])
      targets.add(graph.nodeIds[graph.edgeTarget[points.edge[b]]])
    }
    const starts = [graph.nodeIds[graph.edgeSource[from.edge]], graph.nodeIds[graph.edgeTarget[from.edge]]]
    const { rows } = await sql<{ start_vid: number; end_vid: number; agg_cost: number }>`
      SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost(
        'SELECT id, source, target, cost, reverse_cost FROM walk_edges',
        ${sql.raw(`ARRAY[${starts.join(',')}]::bigint[]`)}, ${sql.raw(`ARRAY[${[...targets].join(',')}]::bigint[]`)}, false)`.execute(
      ctx.database.db,
    )
    const cost = new Map(rows.map((r) => [`${r.start_vid}:${r.end_vid}`, Number(r.agg_cost)]))
    const pgr = (s: number, t: number) => (s === t ? 0 : (cost.get(`${s}:${t}`) ?? Number.POSITIVE_INFINITY))
    const fl = graph.edgeLength[from.edge]
    const startOffsets = [from.accessM + from.t * fl, from.accessM + (1 - from.t) * fl]
    let compared = 0
    for (const b of sample) {
      const e = points.edge[b]
      const l = graph.edgeLength[e]
      const ends = [graph.nodeIds[graph.edgeSource[e]], graph.nodeIds[graph.edgeTarget[e]]]
      const endOffsets = [points.t[b] * l, (1 - points.t[b]) * l]
      let want = Number.POSITIVE_INFINITY
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) want = Math.min(want, startOffsets[i] + pgr(starts[i], ends[j]) + endOffsets[j])
      if (e === from.edge) want = Math.min(want, from.accessM + Math.abs(from.t - points.t[b]) * l)
      want += points.accessM[b]
      search.distanceTo(e, points.t[b], points.accessM[b], hit)
      if (want === Number.POSITIVE_INFINITY) expect(hit.meters).toBe(want)
      else {
        expect(Math.abs(hit.meters - want), `building ${store.world.buildings.id[b]}`).toBeLessThanOrEqual(1)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(500)
  })
})
