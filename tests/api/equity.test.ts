// Issue 5: the equalization endpoints on the real test world. Figures reconcile with the
// communities and grids APIs, the table with the comparison, the CSV with the table; bad input
// is a 4xx that names the bad value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommunityPage,
  Comparison,
  CoverageSummary,
  GridPage,
  IndicatorTable,
  Scorecard,
  StreetPage,
} from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let table: IndicatorTable
beforeAll(async () => {
  ctx = await startTestApp()
  table = await get<IndicatorTable>('/api/equity/indicators')
})
afterAll(() => ctx?.close())

async function get<T>(url: string): Promise<T> {
  const res = await ctx.app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

describe('GET /api/equity/indicators', () => {
  it('has one row per community and village, with the catalogue of indicators', async () => {
    const communities = await get<CommunityPage>('/api/communities?limit=5000')
    expect(table.rows.length).toBe(communities.total)
    expect(table.scenario).toBe('as-is')
    const codes = table.indicators.map((i) => i.code)
    for (const code of [
      'coverage_share:community_service_station',
      'coverage_share:tier:5min',
      'mean_nearest_m:kindergarten',
      'p90_nearest_m:health_centre',
      'access_2sfca:kindergarten',
      'floor_area_m2_per_100_households',
      'workers_per_10k_residents',
      'grids_in_band_share',
    ])
      expect(codes).toContain(code)
    expect(table.rows.filter((r) => r.kind === 'urban').length).toBeGreaterThan(0)
    expect(table.rows.filter((r) => r.kind === 'rural').length).toBeGreaterThan(0)
  })

  it('reconciles households, residents, staffing and grid balance with the communities and grids APIs', async () => {
    const communities = await get<CommunityPage>('/api/communities?limit=5000')
    const grids = await get<GridPage>('/api/grids?limit=5000')
    const byCode = new Map(table.rows.map((r) => [r.code, r]))
    for (const c of communities.features) {
      const row = byCode.get(c.properties.code)!
      expect(row.households).toBe(c.properties.households)
      expect(row.residents).toBe(c.properties.residents)
      expect(row.gridCount).toBe(c.properties.gridCount)
      if (c.properties.residents > 0)
        expect(row.values.workers_per_10k_residents).toBeCloseTo(c.properties.workersPer10k, 1)
    }
    // share of grids in band per community = the grids API's inBand flags
    const inBand = new Map<string, [number, number]>()
    for (const g of grids.features) {
      const [k, n] = inBand.get(g.properties.communityCode) ?? [0, 0]
      inBand.set(g.properties.communityCode, [k + (g.properties.inBand ? 1 : 0), n + 1])
    }
    for (const [code, [k, n]] of inBand) expect(byCode.get(code)!.values.grids_in_band_share).toBeCloseTo(k / n, 9)
  })

  it('reconciles coverage per community with the coverage endpoints, by type and by tier', async () => {
    const byCode = new Map(table.rows.map((r) => [r.code, r]))
    for (const [query, code] of [
      ['type=kindergarten', 'coverage_share:kindergarten'],
      ['type=village_service_station', 'coverage_share:village_service_station'],
      ['tier=5min', 'coverage_share:tier:5min'],
    ]) {
      const summary = await get<CoverageSummary>(
        `/api/coverage/summary?${query}&level=community&limit=5000&method=radius`,
      )
      expect(summary.rows.length).toBe(table.rows.length)
      for (const row of summary.rows) {
        const mine = byCode.get(row.key)!
        expect(mine.households, row.key).toBe(row.households)
        expect(mine.values[code] ?? 0, `${row.key} ${code}`).toBeCloseTo(row.share, 9)
      }
    }
  })

  it('keeps every share in [0, 1], distances ≥ 0, and tier coverage at least each of its types', () => {
    for (const r of table.rows) {
      for (const [code, v] of Object.entries(r.values)) {
        if (v === null) continue
        expect(Number.isFinite(v), code).toBe(true)
        expect(v, `${r.code} ${code}`).toBeGreaterThanOrEqual(0)
        if (code.includes('share')) expect(v, `${r.code} ${code}`).toBeLessThanOrEqual(1 + 1e-9)
      }
      const tier = r.values['coverage_share:tier:5min']
      const station = r.values['coverage_share:community_service_station']
      if (tier !== null && station !== null) expect(tier).toBeGreaterThanOrEqual(station - 1e-9)
    }
  })

  it('filters by street', async () => {
    const streets = await get<StreetPage>('/api/streets')
    const street = streets.features[0].properties
    const one = await get<IndicatorTable>(`/api/equity/indicators?street=${street.code}`)
    expect(one.rows.length).toBe(street.communityCount)
    expect(one.rows.every((r) => r.streetCode === street.code)).toBe(true)
    expect(one.rows.reduce((s, r) => s + r.households, 0)).toBe(street.households)
  })

  it('counts planned facilities in the with-planned scenario: coverage never falls', async () => {
    const planned = await get<IndicatorTable>('/api/equity/indicators?scenario=with-planned')
    expect(planned.scenario).toBe('with-planned')
    const asIs = new Map(table.rows.map((r) => [r.code, r]))
    let rose = 0
    for (const r of planned.rows) {
      for (const [code, v] of Object.entries(r.values)) {
        if (!code.startsWith('coverage_share:') || v === null) continue
        const before = asIs.get(r.code)!.values[code]!
        expect(v, `${r.code} ${code}`).toBeGreaterThanOrEqual(before - 1e-9)
        if (v > before + 1e-9) rose++
      }
    }
    // the test world has planned facilities, and they raise some community's coverage
    const facilities = await get<{ total: number }>('/api/facilities?status=planned&limit=1')
    expect(facilities.total).toBeGreaterThan(0)
    expect(rose).toBeGreaterThan(0)
  })
})

describe('GET /api/equity/compare', () => {
  it('splits urban vs rural consistently with the table, with Gini, Lorenz and Theil', async () => {
    const indicator = 'workers_per_10k_residents'
    const cmp = await get<Comparison>(`/api/equity/compare?indicator=${indicator}`)
    const urban = table.rows
      .filter((r) => r.kind === 'urban' && r.values[indicator] !== null)
      .map((r) => r.values[indicator]!)
      .sort((a, b) => a - b)
    expect(cmp.groups.urban!.count).toBe(urban.length)
    expect(cmp.groups.urban!.min).toBeCloseTo(urban[0], 9)
    expect(cmp.groups.urban!.max).toBeCloseTo(urban.at(-1)!, 9)
    const mid = (urban.length - 1) / 2
    expect(cmp.groups.urban!.median).toBeCloseTo((urban[Math.floor(mid)] + urban[Math.ceil(mid)]) / 2, 9)
    expect(cmp.gini).toBeGreaterThanOrEqual(0)
    expect(cmp.gini).toBeLessThan(1)
    expect(cmp.theil.total).toBeCloseTo(cmp.theil.between + cmp.theil.within, 12)
    expect(cmp.lorenz[0]).toEqual([0, 0])
    expect(cmp.lorenz.at(-1)).toEqual([1, 1])
    expect(cmp.info.norm).toBe(18)
  })

  it('takes a street and a scenario', async () => {
    const streets = await get<StreetPage>('/api/streets')
    const code = streets.features[0].properties.code
    const cmp = await get<Comparison>(
      `/api/equity/compare?indicator=coverage_share:tier:5min&street=${code}&scenario=with-planned`,
    )
    expect(cmp.street).toBe(code)
    expect(cmp.scenario).toBe('with-planned')
  })
})

describe('GET /api/equity/scorecard/:communityCode', () => {
  it('rates a community 1–5 stars with what pulls it down, matching the table', async () => {
    const worst = [...table.rows].filter((r) => r.score !== null).sort((a, b) => a.score! - b.score!)[0]
    const card = await get<Scorecard>(`/api/equity/scorecard/${worst.code}`)
    expect(card.stars).toBe(worst.stars)
    expect(card.score).toBeCloseTo(worst.score!, 12)
    expect(card.pullingDown.length).toBeGreaterThan(0)
    for (const s of card.pullingDown) expect(card.values[s.indicator]).toBeCloseTo(s.value, 9)
    // worst first
    for (let i = 1; i < card.pullingDown.length; i++)
      expect(card.pullingDown[i - 1].weightedLoss).toBeGreaterThanOrEqual(card.pullingDown[i].weightedLoss)
  })
})

describe('GET /api/equity/indicators.csv', () => {
  it('is an attachment, UTF-8 with a BOM, one line per community plus the header', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/equity/indicators.csv' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines.length).toBe(table.rows.length + 1)
    const head = lines[0].split(',')
    expect(head).toContain('每万常住人口社区工作者 [workers_per_10k_residents]')
    expect(head.length).toBe(11 + table.indicators.length)
    const first = table.rows[0]
    expect(lines[1]).toContain(first.code)
    expect(lines[1]).toContain(first.name)
  })
})

describe('GET /report', () => {
  it('is a printable A4 page with the charts and the map inline, for a street too', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/report?indicator=workers_per_10k_residents' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.body).toContain('@page { size: A4')
    expect(res.body).toContain('每万常住人口社区工作者')
    expect((res.body.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4)
    expect(res.body).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
    const streets = await get<StreetPage>('/api/streets')
    const street = streets.features[0].properties
    const one = await ctx.app.inject({ method: 'GET', url: `/report?street=${street.code}&scenario=with-planned` })
    expect(one.statusCode).toBe(200)
    expect(one.body).toContain(street.name)
    expect(one.body).toContain('含规划设施')
  })
})

describe('bad input', () => {
  const cases: [string, number, RegExp][] = [
    ['/api/equity/compare?indicator=coverage_share:nope', 400, /coverage_share:nope/],
    ['/api/equity/compare', 400, /indicator/],
    ['/api/equity/indicators?scenario=someday', 400, /scenario/],
    ['/api/equity/indicators?street=120116999', 400, /120116999/],
    ['/api/equity/indicators?street=12', 400, /street/],
    ['/api/equity/indicators.csv?street=120116999', 400, /120116999/],
    ['/api/equity/scorecard/120116999999', 404, /120116999999/],
    ['/api/equity/scorecard/abc', 400, /communityCode/],
    ['/api/equity/indicators?colour=red', 400, /colour/],
    ['/api/wall/kpis?street=120116999', 400, /120116999/],
    ['/report?indicator=nope', 400, /nope/],
    ['/report?street=120116999', 400, /120116999/],
    ['/report?scenario=later', 400, /scenario/],
  ]
  it.each(cases)('%s → %i naming the bad value', async (url, status, pattern) => {
    const res = await ctx.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(pattern)
  })
})
