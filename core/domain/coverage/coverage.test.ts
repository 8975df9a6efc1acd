import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregateCoverage } from './aggregate-coverage'
import { type CoverageState, computeCoverage, servedHouseholds } from './compute-coverage'
import { createDemandIndex, type DemandIndex } from './demand-index'
import type { Facility, FacilityType } from './facilities'
import { naiveCoverage } from './naive-coverage'
import { moveFacility, removeFacility, upsertFacility } from './update-coverage'

const types: FacilityType[] = [
  { id: 'kindergarten', tier: '5min', defaultRadiusMeters: 100 },
  { id: 'health-centre', tier: '15min', defaultRadiusMeters: 1000 },
]

function line(xs: number[], households: number[]): DemandIndex {
  return createDemandIndex({
    xMeters: new Float64Array(xs),
    yMeters: new Float64Array(xs.length),
    households: new Float64Array(households),
  })
}

describe('computeCoverage on a hand-checked line', () => {
  // buildings on the x axis at 50, 100, 150, 300, 600 m
  const demand = line([50, 100, 150, 300, 600], [10, 20, 30, 40, 50])
  const facilities: Facility[] = [
    { id: 'k1', typeId: 'kindergarten', xMeters: 0, yMeters: 0, status: 'existing' },
    // an override: reaches 800 m although the type's default is 100 m
    { id: 'k2', typeId: 'kindergarten', xMeters: 1000, yMeters: 0, status: 'existing', radiusMeters: 800 },
    { id: 'h1', typeId: 'health-centre', xMeters: 0, yMeters: 0, status: 'existing' },
  ]
  const state = computeCoverage(demand, facilities, types)
  const k = state.byType.get('kindergarten')!

  it('covers by each facility’s own radius, not only the nearest one', () => {
    // 50 and 100 (on the radius) by k1; 150 by nobody (k1 150 > 100, k2 850 > 800);
    // 300: nearest is k1 at 300 m (no), but k2 at 700 m <= 800 m covers it; 600 by k2
    expect(Array.from(k.covered)).toEqual([1, 1, 0, 1, 1])
    expect(Array.from(k.coverCount)).toEqual([1, 1, 0, 1, 1])
    expect(Array.from(k.nearestMeters)).toEqual([50, 100, 150, 300, 400])
  })

  it('counts the households inside each facility’s radius', () => {
    expect(servedHouseholds(state, 'k1')).toBe(10 + 20)
    expect(servedHouseholds(state, 'k2')).toBe(40 + 50)
    expect(servedHouseholds(state, 'h1')).toBe(150)
  })

  it('keeps tiers apart: a 15-minute facility does not cover the 5-minute need', () => {
    expect(Array.from(state.byType.get('health-centre')!.covered)).toEqual([1, 1, 1, 1, 1])
    expect(Array.from(state.byTier.get('5min')!.covered)).toEqual([1, 1, 0, 1, 1])
    expect(Array.from(state.byTier.get('15min')!.covered)).toEqual([1, 1, 1, 1, 1])
  })

  it('gives Infinity as the nearest distance when a type has no facility', () => {
    const none = computeCoverage(demand, [], types)
    expect(Array.from(none.byType.get('kindergarten')!.nearestMeters)).toEqual(Array(5).fill(Infinity))
  })
})

describe('scenarios', () => {
  const demand = line([0, 500], [1, 1])
  const facilities: Facility[] = [
    { id: 'a', typeId: 'kindergarten', xMeters: 0, yMeters: 0, status: 'existing' },
    { id: 'b', typeId: 'kindergarten', xMeters: 500, yMeters: 0, status: 'planned' },
    { id: 'c', typeId: 'kindergarten', xMeters: 500, yMeters: 0, status: 'retired' },
  ]
  it("'as is' counts existing only, 'with planned' adds planned, retired never count", () => {
    expect(Array.from(computeCoverage(demand, facilities, types).byType.get('kindergarten')!.covered)).toEqual([1, 0])
    const withPlanned = computeCoverage(demand, facilities, types, { scenario: 'with-planned' })
    expect(Array.from(withPlanned.byType.get('kindergarten')!.covered)).toEqual([1, 1])
    const onlyRetired = computeCoverage(demand, [facilities[2]], types, { scenario: 'with-planned' })
    expect(Array.from(onlyRetired.byType.get('kindergarten')!.covered)).toEqual([0, 0])
  })
})

describe('aggregateCoverage', () => {
  it('sums by key by hand and covered + unserved = total', () => {
    const weights = new Float64Array([10, 20, 30, 40, 50])
    const covered = new Uint8Array([1, 0, 1, 1, 0])
    const keys = new Int32Array([0, 0, 1, 1, 2])
    const t = aggregateCoverage(weights, covered, keys)
    expect(Array.from(t.covered)).toEqual([10, 70, 0])
    expect(Array.from(t.unserved)).toEqual([20, 0, 50])
    expect(Array.from(t.total)).toEqual([30, 70, 50])
    expect(Array.from(t.share)).toEqual([1 / 3, 1, 0])
    const district = aggregateCoverage(weights, covered)
    expect(Array.from(district.total)).toEqual([150])
    expect(Array.from(district.covered)).toEqual([80])
  })

  it('rejects keys out of range and length mismatches', () => {
    expect(() => aggregateCoverage(new Float64Array(2), new Uint8Array(2), new Int32Array([0, 3]), 2)).toThrow(/key 3/)
    expect(() => aggregateCoverage(new Float64Array(2), new Uint8Array(3))).toThrow(/length 3/)
  })
})

describe('validation', () => {
  const demand = line([0], [1])
  it('rejects bad input with the bad value', () => {
    expect(() =>
      computeCoverage(demand, [{ id: 'x', typeId: 'nope', xMeters: 0, yMeters: 0, status: 'existing' }], types),
    ).toThrow(/nope/)
    expect(() =>
      computeCoverage(
        demand,
        [{ id: 'x', typeId: 'kindergarten', xMeters: 0, yMeters: 0, status: 'existing', radiusMeters: -5 }],
        types,
      ),
    ).toThrow(/-5/)
    expect(() =>
      computeCoverage(
        demand,
        [{ id: 'x', typeId: 'kindergarten', xMeters: Number.NaN, yMeters: 0, status: 'existing' }],
        types,
      ),
    ).toThrow(/NaN/)
    const f: Facility = { id: 'x', typeId: 'kindergarten', xMeters: 0, yMeters: 0, status: 'existing' }
    expect(() => computeCoverage(demand, [f, f], types)).toThrow(/duplicate facility id: x/)
    expect(() =>
      createDemandIndex({
        xMeters: new Float64Array(2),
        yMeters: new Float64Array(1),
        households: new Float64Array(2),
      }),
    ).toThrow(/yMeters has length 1/)
    expect(() =>
      createDemandIndex({
        xMeters: new Float64Array(1),
        yMeters: new Float64Array(1),
        households: new Float64Array([Number.NaN]),
      }),
    ).toThrow(/households: NaN/)
    expect(() => removeFacility(computeCoverage(demand, [], types), 'ghost')).toThrow(/ghost/)
  })
})

// ---- properties against the brute-force reference ----

const point = fc.record({ x: fc.integer({ min: 0, max: 3000 }), y: fc.integer({ min: 0, max: 3000 }) })
const facilityArb = fc.record({
  x: fc.integer({ min: -500, max: 3500 }),
  y: fc.integer({ min: -500, max: 3500 }),
  typeIndex: fc.integer({ min: 0, max: 1 }),
  radius: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  planned: fc.boolean(),
})

function buildDemand(points: { x: number; y: number }[]): DemandIndex {
  return createDemandIndex({
    xMeters: new Float64Array(points.map((p) => p.x)),
    yMeters: new Float64Array(points.map((p) => p.y)),
    households: new Float64Array(points.map((_, i) => 1 + (i % 7))),
    keys: { grid: new Int32Array(points.map((_, i) => i % 3)) },
  })
}

type RawFacility = { x: number; y: number; typeIndex: number; radius?: number; planned: boolean }

function toFacilities(raw: RawFacility[]): Facility[] {
  return raw.map((r, i) => ({
    id: `f${i}`,
    typeId: types[r.typeIndex].id,
    xMeters: r.x,
    yMeters: r.y,
    status: r.planned ? 'planned' : 'existing',
    radiusMeters: r.radius,
  }))
}

// the state must equal a brute-force recompute over its current facilities
function expectMatchesNaive(state: CoverageState): void {
  const current = [...state.facilities.values()]
  for (const type of types) {
    const truth = naiveCoverage(state.demand, current, type, state.scenario)
    const cov = state.byType.get(type.id)!
    expect(Array.from(cov.covered)).toEqual(Array.from(truth.covered))
    for (let b = 0; b < state.demand.count; b++) {
      expect(cov.nearestMeters[b]).toBeCloseTo(truth.nearestMeters[b], 1)
    }
    for (const [id, served] of truth.servedHouseholds) expect(servedHouseholds(state, id)).toBe(served)
  }
}

describe('properties', () => {
  it('full recompute equals the brute force for every type and scenario', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 60 }),
        fc.array(facilityArb, { maxLength: 12 }),
        fc.boolean(),
        (points, raw, withPlanned) => {
          const state = computeCoverage(buildDemand(points), toFacilities(raw), types, {
            scenario: withPlanned ? 'with-planned' : 'as-is',
          })
          expectMatchesNaive(state)
          // covered + unserved = total at every level
          const cov = state.byType.get('kindergarten')!
          const byGrid = aggregateCoverage(state.demand.households, cov.covered, state.demand.keys.grid)
          const all = aggregateCoverage(state.demand.households, cov.covered)
          const sum = byGrid.total.reduce((a, b) => a + b, 0)
          expect(sum).toBe(state.demand.totalHouseholds)
          expect(all.covered[0] + all.unserved[0]).toBe(state.demand.totalHouseholds)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('incremental adds, moves and removes equal a full recompute', () => {
    const op = fc.record({
      kind: fc.constantFrom('add', 'move', 'remove', 'retire', 'retype', 'resize'),
      target: fc.nat(),
      facility: facilityArb,
    })
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 60 }),
        fc.array(facilityArb, { minLength: 1, maxLength: 8 }),
        fc.array(op, { maxLength: 10 }),
        (points, raw, ops) => {
          const state = computeCoverage(buildDemand(points), toFacilities(raw), types, { scenario: 'with-planned' })
          let next = raw.length
          for (const o of ops) {
            const ids = [...state.facilities.keys()]
            const id = ids[o.target % Math.max(ids.length, 1)]
            if (o.kind === 'add' || !id) upsertFacility(state, { ...toFacilities([o.facility])[0], id: `f${next++}` })
            else if (o.kind === 'move') moveFacility(state, id, o.facility.x, o.facility.y)
            else if (o.kind === 'remove') removeFacility(state, id)
            else if (o.kind === 'retire') upsertFacility(state, { ...state.facilities.get(id)!, status: 'retired' })
            else if (o.kind === 'retype')
              upsertFacility(state, { ...state.facilities.get(id)!, typeId: types[o.facility.typeIndex].id })
            else upsertFacility(state, { ...state.facilities.get(id)!, radiusMeters: o.facility.radius })
          }
          expectMatchesNaive(state)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('a move touches only the buildings inside the old and new radius', () => {
    const demand = line([0, 50, 100, 400, 450, 2000], [1, 1, 1, 1, 1, 1])
    const state = computeCoverage(
      demand,
      [{ id: 'k', typeId: 'kindergarten', xMeters: 0, yMeters: 0, status: 'existing' }],
      types,
    )
    const change = moveFacility(state, 'k', 420, 0)
    // old radius holds 0, 50, 100; new radius holds 400, 450
    expect(change).toEqual({ touchedBuildings: 5, flippedBuildings: 5 })
    expect(Array.from(state.byType.get('kindergarten')!.covered)).toEqual([0, 0, 0, 1, 1, 0])
    expect(state.byType.get('kindergarten')!.nearestMeters[5]).toBe(1580)
  })
})
