// The coverage store on a world small enough to check by hand: two communities near 117°E (the
// EPSG:4548 central meridian, where 0.001° of latitude ≈ 111 m), one service station, one planned
// in the village; then random facility edits applied incrementally against a full recompute.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_INDICATOR_SETTINGS, indicatorSettingsFrom } from '../equity'
import {
  applyFacilities,
  applyGrids,
  applySettings,
  CoverageQueryError,
  type CoverageStore,
  complianceOf,
  coverageGaps,
  coverageSummary,
  createCoverageStore,
  equityIndicatorProperties,
  equityRows,
  gapRows,
  indicatorProperty,
  SCENARIOS,
  type StoreFacility,
  type StoreWorld,
  scenarioResult,
  wallGaps,
  wallKpis,
} from '.'

const station: StoreFacility = {
  id: 1,
  typeCode: 'community_service_station',
  status: 'existing',
  lng: 117.0,
  lat: 39.001,
  radiusM: null,
  floorAreaM2: 150,
  activityAreaM2: 100,
  capacity: null,
  communityCode: '120116001001',
}
const planned: StoreFacility = {
  ...station,
  id: 2,
  typeCode: 'village_service_station',
  status: 'planned',
  lng: 117.1,
  lat: 39.0,
  floorAreaM2: 100,
  communityCode: '120116001201',
}

function world(): StoreWorld {
  return {
    district: { code: '120116', name: '滨海新区' },
    streets: [{ code: '120116001', name: '甲街道' }],
    units: [
      { id: 1, name: '甲小区', communityCode: '120116001001' },
      { id: 2, name: '乙村一组', communityCode: '120116001201' },
    ],
    communities: [
      {
        code: '120116001001',
        name: '甲社区',
        streetCode: '120116001',
        streetName: '甲街道',
        kind: 'urban',
        households: 200,
        residents: 500,
        workers: 2,
        labelPoint: [117, 39],
      },
      {
        code: '120116001201',
        name: '乙村',
        streetCode: '120116001',
        streetName: '甲街道',
        kind: 'rural',
        households: 30,
        residents: 75,
        workers: 0,
        labelPoint: [117.1, 39],
      },
    ],
    buildings: {
      // A0, A1 within ~111 m of the station; A2 ~1 km away; B0 at the planned station, B1 555 m from it
      id: Int32Array.from([1, 2, 3, 4, 5]),
      unitId: Int32Array.from([1, 1, 1, 2, 2]),
      gridId: Int32Array.from([1, 1, 2, 3, 3]),
      lng: Float64Array.from([117.0, 117.0, 117.0, 117.1, 117.1]),
      lat: Float64Array.from([39.0, 39.002, 39.01, 39.0, 39.005]),
      households: Float64Array.from([100, 50, 50, 20, 10]),
      residents: Float64Array.from([250, 125, 125, 50, 25]),
      community: Int32Array.from([0, 0, 0, 1, 1]),
    },
    facilities: [station, planned],
    types: [
      {
        code: 'community_service_station',
        nameZh: '社区党群服务中心',
        nameEn: 'Community service station',
        service: 'one_window',
        tier: '5min',
        defaultRadiusM: 300,
        minActivityShare: 0.6,
        floorAreaM2Per100Households: 30,
      },
      {
        code: 'kindergarten',
        nameZh: '幼儿园',
        nameEn: 'Kindergarten',
        service: 'childcare',
        tier: '5min',
        defaultRadiusM: 300,
        minActivityShare: null,
        floorAreaM2Per100Households: null,
      },
      {
        code: 'village_service_station',
        nameZh: '村综合服务站',
        nameEn: 'Village service station',
        service: 'one_window',
        tier: 'village',
        defaultRadiusM: 300,
        minActivityShare: 0.6,
        floorAreaM2Per100Households: 30,
      },
    ],
    grids: [
      {
        id: 1,
        code: '120116001001001',
        name: '第1网格',
        communityCode: '120116001001',
        streetCode: '120116001',
        households: 300,
        labelPoint: null,
      },
      {
        id: 2,
        code: '120116001001002',
        name: '第2网格',
        communityCode: '120116001001',
        streetCode: '120116001',
        households: 100,
        labelPoint: null,
      },
      {
        id: 3,
        code: '120116001201001',
        name: '第1网格',
        communityCode: '120116001201',
        streetCode: '120116001',
        households: 30,
        labelPoint: null,
      },
    ],
    settings: DEFAULT_INDICATOR_SETTINGS,
  }
}

describe('the coverage store', () => {
  it('computes the indicators of a small world by hand', () => {
    const store = createCoverageStore(world())
    const { rows } = scenarioResult(store, 'as-is')
    const a = rows[0].values
    const b = rows[1].values
    // coverage: A0 and A1 (150 of 200 households) are within 300 m of the station
    expect(a['coverage_share:community_service_station']).toBeCloseTo(0.75, 12)
    expect(a['coverage_share:tier:5min']).toBeCloseTo(0.75, 12)
    expect(b['coverage_share:community_service_station']).toBe(0)
    // distances: A0, A1 ≈ 111 m, A2 ≈ 999 m; weighted mean (100·111 + 50·111 + 50·999) / 200 ≈ 333 m
    expect(a['mean_nearest_m:community_service_station']).toBeGreaterThan(325)
    expect(a['mean_nearest_m:community_service_station']).toBeLessThan(340)
    // no kindergarten anywhere: every household unreachable, no distance
    expect(a['unreachable_share:kindergarten']).toBe(1)
    expect(a['mean_nearest_m:kindergarten']).toBeNull()
    // floor area: 150 m² / 200 households · 100 = 75; the village has none as is
    expect(a.floor_area_m2_per_100_households).toBeCloseTo(75, 12)
    expect(b.floor_area_m2_per_100_households).toBe(0)
    // 2SFCA: 150 m² over the 375 residents in reach = 0.4 m² each; A's residents-weighted mean
    // (250·0.4 + 125·0.4 + 125·0) / 500 = 0.3 m² per resident = 300 per 1,000
    expect(a['access_2sfca:community_service_station']).toBeCloseTo(300, 9)
    // staffing and grids: 2 / 500 · 10,000 = 40; grids 300 (in band) and 100 (out)
    expect(a.workers_per_10k_residents).toBeCloseTo(40, 12)
    expect(a.grids_in_band_share).toBe(0.5)
    expect(b.grids_in_band_share).toBe(0)
    expect(rows[0].rating.stars).toBeGreaterThanOrEqual(1)
  })

  it('counts the planned station in the with-planned scenario only', () => {
    const store = createCoverageStore(world())
    const asIs = scenarioResult(store, 'as-is').rows[1].values
    const plan = scenarioResult(store, 'with-planned').rows[1].values
    expect(asIs['coverage_share:village_service_station']).toBe(0)
    expect(plan['coverage_share:village_service_station']).toBeCloseTo(20 / 30, 12)
    expect(plan.floor_area_m2_per_100_households).toBeCloseTo((100 / 30) * 100, 9)
  })

  it('sums the wall KPIs and gaps from the same coverage', () => {
    const store = createCoverageStore(world())
    const sums = store.scenarios['as-is']
    const kpis = wallKpis(store, sums, null)
    expect(kpis.households).toBe(230)
    expect(kpis.grids).toBe(3)
    expect(kpis.gridsInBand).toBe(1)
    const stationTile = kpis.coverage.find((c) => c.typeCode === 'community_service_station')!
    expect(stationTile).toMatchObject({ kind: 'urban', coveredHouseholds: 150, share: 0.75 })
    expect(kpis.communitiesBelowWorkerNorm).toBe(1) // the village has no workers
    expect(kpis.alarms.map((a) => a.kind)).toContain('grid_far_out_of_band') // 30 households: −90%
    const gaps = wallGaps(store, sums, null)
    // uncovered by any one-window station: A2 (50), B0 (20), B1 (10), biggest first
    expect(gaps.households).toEqual([50, 20, 10])
    expect(gaps.totalUncoveredHouseholds).toBe(80)
  })

  it("moves the station onto A2: its community's figures and the wall change in one update", () => {
    const store = createCoverageStore(world())
    scenarioResult(store, 'as-is')
    const update = applyFacilities(store, [{ ...station, lat: 39.01 }])
    // the village's buildings are nearer to the station's new place: their distances change too
    expect(update.communities['as-is']).toEqual([0, 1])
    const a = scenarioResult(store, 'as-is').rows[0].values
    // now only A2 (50 of 200) is within 300 m
    expect(a['coverage_share:community_service_station']).toBeCloseTo(0.25, 12)
    const tile = wallKpis(store, store.scenarios['as-is'], null).coverage.find(
      (c) => c.typeCode === 'community_service_station',
    )!
    expect(tile.coveredHouseholds).toBe(50)
    expect(wallGaps(store, store.scenarios['as-is'], null).households).toEqual([100, 50, 20, 10])
  })

  it('answers the coverage questions from the same state: summaries, gaps in building-id order, compliance', () => {
    const store = createCoverageStore(world())
    const summary = coverageSummary(store, { type: 'community_service_station', level: 'community', limit: 10 })
    expect(summary.rows.map((r) => [r.key, r.households, r.covered])).toEqual([
      ['120116001001', 200, 150],
      ['120116001201', 30, 0],
    ])
    expect(summary.urban).toMatchObject({ households: 200, covered: 150 })
    const gaps = coverageGaps(store, {
      type: 'community_service_station',
      aggregate: 'none',
      cellMeters: 1000,
      limit: 10,
    })
    expect(gaps.points.buildingId).toEqual([3, 4, 5])
    expect(gaps.unservedHouseholds).toBe(80)
    // 150 m² for the 150 households served: 30 per 100 is the norm; 100 of 150 m² active
    const c = complianceOf(store, station)
    expect(c).toMatchObject({ servedHouseholds: 150, floorAreaOk: true, radiusM: 300 })
    expect(() => coverageSummary(store, { type: 'school', level: 'district', limit: 1 })).toThrow(CoverageQueryError)
    expect(() =>
      coverageSummary(store, { type: 'kindergarten', tier: 'village', level: 'district', limit: 1 }),
    ).toThrow(/tier 5min, not "village"/)
  })

  it('applies a grid edit and changed norms as a full recompute of the edited world does', () => {
    const store = createCoverageStore(world())
    scenarioResult(store, 'as-is')
    // A2 (50 households) moves from grid 2 to grid 1: 350 and 50 households, both out of a ±10% band
    const grids = world().grids.map((g) =>
      g.id === 1 ? { ...g, households: 350 } : g.id === 2 ? { ...g, households: 50 } : g,
    )
    applyGrids(store, grids, [{ communityCode: '120116001001', gridIds: Int32Array.from([1, 1, 1]) }])
    const settings = { ...DEFAULT_INDICATOR_SETTINGS, gridHouseholdTolerance: 0.1, minWorkersPer10kResidents: 50 }
    applySettings(store, settings, undefined)
    const edited = world()
    edited.grids = grids
    edited.buildings.gridId = Int32Array.from([1, 1, 1, 3, 3])
    const full = createCoverageStore({ ...edited, settings })
    expect(scenarioResult(store, 'as-is').rows[0].values.grids_in_band_share).toBe(0)
    expect(figures(store)).toEqual(figures(full))
    expect(coverageSummary(store, { type: 'kindergarten', level: 'grid', limit: 10 })).toEqual({
      ...coverageSummary(full, { type: 'kindergarten', level: 'grid', limit: 10 }),
      computedAt: expect.any(String),
    })
  })

  it('reads the norms from the settings table, keeping defaults for what is missing', () => {
    const s = indicatorSettingsFrom({ 'staffing.workers_per_10k_urban': 20, 'grid.household_tolerance': '0.1' })
    expect(s.minWorkersPer10kResidents).toBe(20)
    expect(s.gridHouseholdTolerance).toBe(0.1)
    expect(s.gridHouseholdTarget).toBe(300)
  })

  it('rejects buildings out of community order, naming the position', () => {
    const w = world()
    w.buildings.community = Int32Array.from([0, 1, 0, 1, 1])
    expect(() => createCoverageStore(w)).toThrow(/community order at 2/)
  })
})

// --- incremental updates against a full recompute ------------------------------------------------

/** Every figure the API serves from a store: per-community sums and indicator rows, both scenarios. */
function figures(store: CoverageStore) {
  return SCENARIOS.map((scenario) => {
    const f = store.scenarios[scenario]
    const result = scenarioResult(store, scenario)
    return {
      households: [...f.households],
      covered: Object.fromEntries([...f.coveredHouseholds].map(([k, v]) => [k, [...v]])),
      rows: result.rows.map((r) => ({ code: r.community.code, values: r.values, stars: r.rating.stars })),
      wall: { ...wallKpis(store, f, null), computedAt: '' },
    }
  })
}

/** Values equal to 9 decimals (2SFCA sums may differ in the last bits when sites change order). */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN()
    else expect(actual, path).toBeCloseTo(expected, 9)
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected))
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`)
  } else expect(actual, path).toEqual(expected)
}

const lngLat = fc.record({
  lng: fc.double({ min: 116.995, max: 117.105, noNaN: true }),
  lat: fc.double({ min: 38.995, max: 39.012, noNaN: true }),
})
const edit = fc.record({
  id: fc.integer({ min: 1, max: 6 }), // 1, 2 exist; 3–6 are new
  typeCode: fc.constantFrom('community_service_station', 'kindergarten', 'village_service_station'),
  status: fc.constantFrom('existing' as const, 'planned' as const, 'retired' as const),
  at: lngLat,
  radiusM: fc.option(fc.integer({ min: 50, max: 1500 }), { nil: null }),
  floorAreaM2: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  capacity: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  communityCode: fc.constantFrom('120116001001', '120116001201', null),
})

describe('incremental updates', () => {
  it('after any sequence of adds, moves, edits and retirements, every figure equals a full recompute', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const store = createCoverageStore(world())
        scenarioResult(store, 'as-is')
        scenarioResult(store, 'with-planned')
        for (const e of edits) {
          const row: StoreFacility = {
            id: e.id,
            typeCode: e.typeCode,
            status: e.status,
            lng: e.at.lng,
            lat: e.at.lat,
            radiusM: e.radiusM,
            floorAreaM2: e.floorAreaM2,
            activityAreaM2: null,
            capacity: e.capacity,
            communityCode: e.communityCode,
          }
          applyFacilities(store, [row])
        }
        const full = createCoverageStore({ ...world(), facilities: [...store.facilities.values()] })
        expectClose(figures(store), figures(full))
      }),
      { numRuns: 60 },
    )
  })
})

describe('the analysis layers read from the store', () => {
  it('lists each building a type does not reach, per type, with the households the summary counts unserved', () => {
    const store = createCoverageStore(world())
    const station = gapRows(store, { type: 'community_service_station' })
    // A2 is ~1 km from the station; the village's buildings ~8.6 km
    expect(station.map((r) => r.buildingId)).toEqual([3, 4, 5])
    expect(station[0].properties).toMatchObject({ typeCode: 'community_service_station', tier: '5min', households: 50 })
    expect(station[0].properties.nearestM).toBeGreaterThan(990)
    expect(station[0].properties.nearestM).toBeLessThan(1010)
    for (const type of ['community_service_station', 'kindergarten', 'village_service_station'])
      for (const scenario of SCENARIOS) {
        const unserved = coverageSummary(store, { type, scenario, level: 'district', limit: 1 }).totals.unserved
        const rows = gapRows(store, { type, scenario })
        expect(rows.reduce((s, r) => s + r.properties.households, 0)).toBe(unserved)
      }
    // no kindergarten at all: every building, with no nearest distance
    const kindergarten = gapRows(store, { type: 'kindergarten' })
    expect(kindergarten).toHaveLength(5)
    expect(kindergarten.every((r) => r.properties.nearestM === null)).toBe(true)
    // the planned village station reaches B0 only in the with-planned scenario
    expect(gapRows(store, { type: 'village_service_station', scenario: 'with-planned' }).map((r) => r.id)).toEqual([
      'village_service_station.1',
      'village_service_station.2',
      'village_service_station.3',
      'village_service_station.5',
    ])
  })

  it('narrows the gaps to a tier, and names an unknown tier or type', () => {
    const store = createCoverageStore(world())
    expect(new Set(gapRows(store, { tier: '5min' }).map((r) => r.properties.typeCode))).toEqual(
      new Set(['community_service_station', 'kindergarten']),
    )
    expect(gapRows(store)).toHaveLength(3 + 5 + 5)
    expect(() => gapRows(store, { tier: '99min' })).toThrow(CoverageQueryError)
    expect(() => gapRows(store, { type: 'spa' })).toThrow(/unknown facility type "spa"/)
  })

  it('gives one equity row per community with every indicator of the catalogue as a property', () => {
    const store = createCoverageStore(world())
    const rows = equityRows(store)
    const result = scenarioResult(store, 'as-is')
    expect(rows.map((r) => r.code)).toEqual(['120116001001', '120116001201'])
    const names = equityIndicatorProperties(store)
    expect(names).toContain('coverage_share_community_service_station')
    for (const [k, row] of rows.entries()) {
      expect(row.stars).toBe(result.rows[k].rating.stars)
      for (const info of store.catalogue)
        expect(row[indicatorProperty(info.code)]).toBe(result.rows[k].values[info.code] ?? null)
    }
    // A0 and A1 covered: 150 of 200 households
    expect(rows[0].coverage_share_community_service_station).toBe(0.75)
  })
})
