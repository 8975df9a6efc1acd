import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoverageSummary, SitingResponse } from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const post = (url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })
const district = async (type: string, scenario = 'as-is') =>
  (await get(`/api/coverage/summary?type=${type}&scenario=${scenario}&method=radius`)).json<CoverageSummary>().totals

describe('POST /api/siting/mclp', () => {
  it('proposes k sites from the grid centroids with before/after that match the coverage summary, and a gap', async () => {
    const res = await post('/api/siting/mclp', { type: 'kindergarten', k: 5 })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<SitingResponse>()
    const totals = await district('kindergarten')
    expect(r.candidateCount).toBeGreaterThanOrEqual(2000)
    expect(r.sites).toHaveLength(5)
    expect(r.before.covered).toBe(totals.covered)
    expect(r.totalHouseholds).toBe(totals.households)
    expect(r.after.covered - r.before.covered).toBeCloseTo(
      r.sites.reduce((a, s) => a + s.newlyCoveredHouseholds, 0),
      6,
    )
    expect(r.objective).toBeCloseTo(r.after.covered - r.before.covered, 6)
    expect(r.bound).toBeGreaterThanOrEqual(r.objective - 1e-6)
    expect(r.gapPercent).toBeCloseTo((100 * (r.bound! - r.objective)) / r.objective, 6)
    for (let i = 1; i < r.sites.length; i++)
      expect(r.sites[i - 1].newlyCoveredHouseholds).toBeGreaterThanOrEqual(r.sites[i].newlyCoveredHouseholds)
  })

  it('adopting the proposed sites as planned facilities gives the promised coverage with planned facilities', async () => {
    const r = (
      await post('/api/siting/mclp', { type: 'culture_room', k: 3, scenario: 'with-planned' })
    ).json<SitingResponse>()
    expect(r.before.covered).toBe((await district('culture_room', 'with-planned')).covered)
    for (const site of r.sites) {
      const res = await post('/api/facilities', {
        typeCode: 'culture_room',
        name: `规划文化活动室 ${site.rank}`,
        lngLat: site.lngLat,
        status: 'planned',
        author: '测试',
        reason: 'adopted from MCLP',
      })
      expect(res.statusCode, res.body).toBe(201)
    }
    const after = await district('culture_room', 'with-planned')
    // sites are rounded to 1e-6° (~0.1 m): a building exactly on a radius may flip
    expect(Math.abs(after.covered - r.after.covered)).toBeLessThanOrEqual(0.001 * r.after.covered)
    expect((await district('culture_room', 'as-is')).covered).toBeLessThan(after.covered)
  })

  it('finds the true optimum among drawn candidates (checked by PostGIS over every pair)', async () => {
    // six drawn points: the centroids of the six least-covered grids of one street
    const worst = (
      await get('/api/coverage/worst?type=health_station&level=grid&limit=6&street=120116001&method=radius')
    ).json<{
      rows: { bbox: number[] }[]
    }>().rows
    const points = worst.map((w) => [(w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2])
    const r = (
      await post('/api/siting/mclp', { type: 'health_station', k: 2, candidates: { points } })
    ).json<SitingResponse>()
    expect(r.method).toBe('exact')
    expect(r.gapPercent).toBe(0)
    // PostGIS: households not reached by an existing health station, within 300 m of either point of each pair
    const lng = points.map((p) => p[0])
    const lat = points.map((p) => p[1])
    const { rows } = await sql<{ best: number }>`
      WITH p AS (SELECT i, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography AS g
                 FROM unnest(${lng}::float8[], ${lat}::float8[]) WITH ORDINALITY AS t(x, y, i)),
      open AS (SELECT b.id, b.households, b.geom::geography AS g FROM buildings b
               WHERE NOT EXISTS (SELECT 1 FROM facilities f JOIN facility_types t ON t.code = f.type_code
                 WHERE f.type_code = 'health_station' AND f.status = 'existing'
                 AND ST_DWithin(b.geom::geography, f.geom::geography, coalesce(f.radius_m, t.default_radius_m)))),
      pairs AS (SELECT a.i AS i, c.i AS j FROM p a JOIN p c ON a.i < c.i)
      SELECT max((SELECT coalesce(sum(o.households), 0) FROM open o, p q
                  WHERE q.i IN (pairs.i, pairs.j) AND ST_DWithin(o.g, q.g, 300)
                  AND q.i = (SELECT min(q2.i) FROM p q2 WHERE q2.i IN (pairs.i, pairs.j) AND ST_DWithin(o.g, q2.g, 300))))::float8 AS best
      FROM pairs`.execute(ctx.database.db)
    expect(Math.abs(r.objective - rows[0].best)).toBeLessThanOrEqual(0.005 * rows[0].best + 1)
  })
})

describe('POST /api/siting/lscp and /api/siting/p-median', () => {
  it('LSCP reaches the target share with the fewest sites it can prove', async () => {
    const before = await district('elderly_daycare')
    const target = Math.min(0.99, before.share + 0.03)
    const res = await post('/api/siting/lscp', { type: 'elderly_daycare', targetShare: target })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<SitingResponse>()
    expect(r.after.share).toBeGreaterThanOrEqual(target - 1e-9)
    expect(r.objective).toBe(r.sites.length)
    expect(r.bound).toBeLessThanOrEqual(r.sites.length)
  })

  it('p-median in one street lowers the total household distance, solved exactly', async () => {
    const res = await post('/api/siting/p-median', { type: 'middle_school', k: 2, street: '120116001' })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<SitingResponse>()
    expect(r.sites).toHaveLength(2)
    expect(r.after.totalDistance!).toBeLessThan(r.before.totalDistance!)
    expect(r.method).toBe('exact')
    expect(r.after.covered).toBeGreaterThanOrEqual(r.before.covered)
  })

  it('p-median over the whole district thins the centroid candidates to fit, and says so', async () => {
    const res = await post('/api/siting/p-median', { type: 'elderly_home', k: 3 })
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<SitingResponse>()
    expect(r.demandCount * r.candidateCount).toBeLessThanOrEqual(2_000_000)
    expect(r.note).toContain(`${r.candidateCount} of`)
    expect(r.after.totalDistance!).toBeLessThan(r.before.totalDistance!)
    expect(r.bound).toBeLessThanOrEqual(r.objective + 1e-6)
  })

  it('rejects bad inputs with a clear message and changes nothing', async () => {
    // 900 drawn points in a small square in Tanggu: too many for a dense p-median matrix
    const manyPoints = Array.from({ length: 900 }, (_, i) => [
      117.64 + (i % 30) * 0.0005,
      39.02 + Math.floor(i / 30) * 0.0005,
    ])
    const { rows: before } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM facilities`.execute(
      ctx.database.db,
    )
    const cases: [string, unknown, string, string][] = [
      ['/api/siting/mclp', { type: 'spaceport', k: 2 }, 'UNKNOWN_FACILITY_TYPE', 'spaceport'],
      [
        '/api/siting/mclp',
        {
          type: 'kindergarten',
          k: 3,
          candidates: {
            points: [
              [117.65, 39.03],
              [117.66, 39.04],
            ],
          },
        },
        'K_EXCEEDS_CANDIDATES',
        '3',
      ],
      [
        '/api/siting/mclp',
        {
          type: 'kindergarten',
          k: 1,
          candidates: {
            points: [
              [117.65, 39.03],
              [110, 30],
            ],
          },
        },
        'POINT_OUTSIDE_DISTRICT',
        '110',
      ],
      ['/api/siting/mclp', { type: 'kindergarten', k: 0 }, 'BAD_REQUEST', 'k'],
      ['/api/siting/mclp', { type: 'kindergarten', k: 2, radiusM: -10 }, 'BAD_REQUEST', 'radiusM'],
      ['/api/siting/lscp', { type: 'kindergarten', targetShare: 1.5 }, 'BAD_REQUEST', 'targetShare'],
      [
        '/api/siting/lscp',
        { type: 'kindergarten', targetShare: 1, street: '120116001' },
        'TARGET_UNREACHABLE',
        'targetShare 1',
      ],
      [
        '/api/siting/p-median',
        { type: 'middle_school', k: 2, candidates: { points: manyPoints } },
        'PROBLEM_TOO_LARGE',
        'street',
      ],
      ['/api/siting/p-median', { type: 'middle_school', k: 2, street: '999999999' }, 'UNKNOWN_STREET', '999999999'],
    ]
    for (const [url, body, code, text] of cases) {
      const res = await post(url, body)
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400)
      expect(res.json(), code).toMatchObject({ code, message: expect.stringContaining(text) })
    }
    const { rows: after } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM facilities`.execute(ctx.database.db)
    expect(after[0].n).toBe(before[0].n)
  })
})
