// Norms are data: PUT /api/settings changes the household target and tolerance, and every figure
// judged against them follows (grids, the editor's community data, the wall, the equity norms);
// a bad value is refused with a clear 400 and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityUnits, GridPage, IndicatorInfo, Settings, WallKpis } from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const put = (payload: unknown) => ctx.app.inject({ method: 'PUT', url: '/api/settings', payload: payload as object })

describe('PUT /api/settings', () => {
  it('refuses an out-of-range value, an unknown key and an empty change with 400, changing nothing', async () => {
    const before = (await get('/api/settings')).json<Settings>()
    const cases: [unknown, RegExp][] = [
      [{ 'grid.household_tolerance': 1.5 }, /grid\.household_tolerance.*must be < 1/],
      [{ 'grid.household_target': 250, 'grid.household_tolerance': 0 }, /grid\.household_tolerance.*must be > 0/],
      [{ 'grid.household_target': 0 }, /grid\.household_target.*must be >= 1/],
      [{ 'grid.household_target': 250.5 }, /grid\.household_target.*must be integer/],
      [{ 'grid.household_target': 'many' }, /grid\.household_target.*must be integer/],
      [{ 'crs.metric_srid': 4326 }, /unknown body parameter "crs\.metric_srid"/],
      [{}, /must NOT have fewer than 1 properties/],
    ]
    for (const [body, message] of cases) {
      const res = await put(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().code).toBe('BAD_REQUEST')
      expect(res.json().message).toMatch(message)
    }
    expect((await get('/api/settings')).json()).toEqual(before)
  })

  it('changes the target and tolerance; grids, the editor, the wall and the equity norms follow', async () => {
    const res = await put({
      'grid.household_target': 250,
      'grid.household_tolerance': 0.15,
      'staffing.workers_per_10k_urban': 20,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      'grid.household_target': 250,
      'grid.household_tolerance': 0.15,
      'staffing.workers_per_10k_urban': 20,
      'crs.metric_srid': 4548,
    })
    expect((await get('/api/settings')).json()).toMatchObject({ 'grid.household_target': 250 })

    const grids = (await get('/api/grids?limit=5000')).json<GridPage>()
    for (const f of grids.features) {
      const p = f.properties
      expect(p.targetHouseholds).toBe(250)
      expect(p.deviation).toBeCloseTo((p.households - 250) / 250, 3)
      expect(p.inBand).toBe(p.households >= 213 && p.households <= 287)
    }
    // with the smaller target fewer grids are in band than before (the demo world is built for 300)
    const inBand = grids.features.filter((f) => f.properties.inBand).length
    expect(inBand).toBeLessThan(grids.features.length * 0.8)

    const community = grids.features[0].properties.communityCode
    const units = (await get(`/api/communities/${community}/units`)).json<CommunityUnits>()
    expect(units.settings).toEqual({ targetHouseholds: 250, tolerance: 0.15 })

    const kpis = (await get('/api/wall/kpis')).json<WallKpis>()
    expect(kpis.householdBand).toEqual([212.5, 287.5])
    expect(kpis.workerNormPer10k).toBe(20)
    expect(kpis.gridsInBand).toBe(inBand)

    const catalogue = (await get('/api/equity/indicators')).json<{ indicators: IndicatorInfo[] }>()
    const workers = catalogue.indicators.find((i) => i.code === 'workers_per_10k_residents')
    expect(workers?.norm).toBe(20)
  })
})
