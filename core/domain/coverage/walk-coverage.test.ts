import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildWalkGraph } from '../../network'
import { metres, riverWithOneBridge } from '../../network/test-networks'
import { seededRandom } from '../../seeded-random'
import { type CoverageState, computeCoverage } from './compute-coverage'
import { createDemandIndex } from './demand-index'
import type { Facility, FacilityType } from './facilities'
import { createWalkContext, upsertWalkFacility, walkCoverage } from './walk-coverage'

const types: FacilityType[] = [
  { id: 'kindergarten', tier: '5min', defaultRadiusMeters: 300 },
  { id: 'school', tier: '10min', defaultRadiusMeters: 500 },
  { id: 'clinic', tier: '5min', defaultRadiusMeters: 300 },
]

// buildings scattered over both banks of the river (y in -1000..1100)
function world(seed: number, count = 300) {
  const random = seededRandom(seed)
  const graph = buildWalkGraph(riverWithOneBridge(), metres)
  const xs = Float64Array.from({ length: count }, () => random() * 1000)
  const ys = Float64Array.from({ length: count }, () => (random() < 0.5 ? -random() * 1000 : 100 + random() * 1000))
  const demand = createDemandIndex({
    xMeters: xs,
    yMeters: ys,
    households: Float64Array.from({ length: count }, () => Math.floor(random() * 50)),
  })
  return { graph, demand }
}

function expectSame(a: CoverageState, b: CoverageState) {
  for (const [id, cov] of a.byType) {
    const other = b.byType.get(id)!
    expect([...cov.covered], id).toEqual([...other.covered])
    expect([...cov.coverCount], id).toEqual([...other.coverCount])
    expect([...cov.nearestMeters], id).toEqual([...other.nearestMeters])
    const served = (s: CoverageState, t: string) =>
      [...s.facilities.keys()]
        .filter((f) => s.slotOf.get(f)?.typeId === t)
        .map((f) => [f, s.byType.get(t)!.sites.servedHouseholds[s.slotOf.get(f)!.slot]])
        .sort()
    expect(served(a, id)).toEqual(served(b, id))
  }
  for (const [tier, t] of a.byTier) expect([...t.covered], tier).toEqual([...b.byTier.get(tier)!.covered])
}

describe('coverage by walking distance', () => {
  it('a facility on the south bank covers the south bank only, though its radius crosses the river', () => {
    const { graph, demand } = world(1)
    const ctx = createWalkContext(graph, demand)
    const f: Facility = { id: 'k', typeId: 'kindergarten', xMeters: 300, yMeters: -20, status: 'existing' }
    const walk = walkCoverage(ctx, demand, [f], types)
    const radius = computeCoverage(demand, [f], types)
    const kWalk = walk.byType.get('kindergarten')!
    const kRadius = radius.byType.get('kindergarten')!
    let northInRadius = 0
    for (let b = 0; b < demand.count; b++) {
      // never covered on foot where the straight line does not cover, never nearer on foot
      if (kWalk.covered[b]) expect(kRadius.covered[b]).toBe(1)
      expect(kWalk.nearestMeters[b]).toBeGreaterThanOrEqual(kRadius.nearestMeters[b] * (1 - 1e-6))
      if (demand.yMeters[b] > 100) {
        expect(kWalk.covered[b]).toBe(0) // the bridge is 600 m away
        northInRadius += kRadius.covered[b]
      }
    }
    expect(northInRadius).toBeGreaterThan(0) // the barrier effect
  })

  it('after any sequence of adds, moves, re-types and retirements equals a full recompute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(
          fc.record({
            id: fc.integer({ min: 0, max: 5 }),
            type: fc.constantFrom('kindergarten', 'school', 'clinic'),
            x: fc.integer({ min: -100, max: 1100 }),
            y: fc.integer({ min: -1100, max: 1200 }),
            status: fc.constantFrom('existing', 'planned', 'retired'),
            radius: fc.option(fc.integer({ min: 50, max: 800 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('as-is', 'with-planned'),
        (seed, edits, scenario) => {
          const { graph, demand } = world(seed, 120)
          const ctx = createWalkContext(graph, demand)
          const state = walkCoverage(ctx, demand, [], types, { scenario })
          const current = new Map<string, Facility>()
          for (const e of edits) {
            const f: Facility = {
              id: `f${e.id}`,
              typeId: e.type,
              xMeters: e.x,
              yMeters: e.y,
              status: e.status as Facility['status'],
              radiusMeters: e.radius,
            }
            current.set(f.id, f)
            upsertWalkFacility(ctx, state, f)
          }
          const fresh = walkCoverage(createWalkContext(graph, demand), demand, [...current.values()], types, {
            scenario,
          })
          expectSame(state, fresh)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('the second scenario, started from the distances of the first, equals its own full computation', () => {
    const random = seededRandom(7)
    const { graph, demand } = world(7, 200)
    const facilities: Facility[] = Array.from({ length: 12 }, (_, i) => ({
      id: `f${i}`,
      typeId: types[i % 3].id,
      xMeters: random() * 1000,
      yMeters: random() < 0.5 ? -random() * 1000 : 100 + random() * 1000,
      status: i % 4 === 0 ? 'planned' : 'existing',
    }))
    const ctx = createWalkContext(graph, demand)
    walkCoverage(ctx, demand, facilities, types, { scenario: 'as-is' })
    const second = walkCoverage(ctx, demand, facilities, types, { scenario: 'with-planned' })
    const alone = walkCoverage(createWalkContext(graph, demand), demand, facilities, types, {
      scenario: 'with-planned',
    })
    expectSame(second, alone)
    for (const [id, cov] of second.byType)
      expect([...cov.nearestSlot], id).toEqual([...alone.byType.get(id)!.nearestSlot])
  })
})
