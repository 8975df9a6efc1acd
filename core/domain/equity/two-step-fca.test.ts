import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DemandFacilityPairs, decayWeight, twoStepFca } from './two-step-fca'

function pairsOf(rows: [demand: number, facility: number, distanceMeters: number][]): DemandFacilityPairs {
  return {
    demandIndex: Uint32Array.from(rows, (r) => r[0]),
    facilityIndex: Uint32Array.from(rows, (r) => r[1]),
    distanceMeters: Float64Array.from(rows, (r) => r[2]),
  }
}

describe('twoStepFca', () => {
  // Demand P = 100, 200, 300; facilities S = 10, 20; catchment 500 m; pairs (i, j, d):
  //   (0,0,100) (1,0,400) (1,1,300) (2,1,450) (2,0,600 → beyond 500 m, ignored)
  const pairs = pairsOf([
    [0, 0, 100],
    [1, 0, 400],
    [1, 1, 300],
    [2, 1, 450],
    [2, 0, 600],
  ])

  it('computes a small case by hand (no decay)', () => {
    // step 1: R_0 = 10 / (100 + 200) = 1/30; R_1 = 20 / (200 + 300) = 1/25
    // step 2: A_0 = R_0 = 0.0333…; A_1 = R_0 + R_1 = 0.0733…; A_2 = R_1 = 0.04
    // check: Σ P·A = 100/30 + 200·(1/30 + 1/25) + 300/25 = 10 + 20 = 30 = Σ S
    const r = twoStepFca({ pairs, population: [100, 200, 300], supply: [10, 20], catchmentMeters: 500 })
    expect(r.ratio[0]).toBeCloseTo(1 / 30, 15)
    expect(r.ratio[1]).toBeCloseTo(1 / 25, 15)
    expect(r.accessibility[0]).toBeCloseTo(1 / 30, 15)
    expect(r.accessibility[1]).toBeCloseTo(1 / 30 + 1 / 25, 15)
    expect(r.accessibility[2]).toBeCloseTo(1 / 25, 15)
    expect(r.facilitiesWithoutDemand).toEqual([])
  })

  it('uses each facility its own catchment, and lists facilities nobody reaches', () => {
    // facility 0 reaches 300 m only: (1,0,400) drops out → R_0 = 10/100 = 0.1, A_1 = R_1 = 1/25
    // facility 2 (supply 5) has no pairs → R_2 = 0, listed
    const r = twoStepFca({ pairs, population: [100, 200, 300], supply: [10, 20, 5], catchmentMeters: [300, 500, 500] })
    expect(Array.from(r.ratio)).toEqual([0.1, 1 / 25, 0])
    expect(r.accessibility[0]).toBeCloseTo(0.1, 15)
    expect(r.accessibility[1]).toBeCloseTo(1 / 25, 15)
    expect(r.facilitiesWithoutDemand).toEqual([2])
  })

  it('matches the published Gaussian example of the sdc-catchment package', () => {
    // Published: pypi.org/project/sdc-catchment (README quickstart): consumers of 100 at x = 0, 1, 2,
    // providers of 10 at x = 0, 2, Euclidean cost, weight="gaussian", scale=1.0 →
    //   c1 0.065179, c2 0.069641, c3 0.065179
    // By hand, w(d) = exp(−d²/2): w(0) = 1, w(1) = 0.6065307, w(2) = 0.1353353
    //   R = 10 / (100·(1 + 0.6065307 + 0.1353353)) = 0.0574097 for both providers
    //   A_c1 = R·(1 + 0.1353353) = 0.0651793; A_c2 = R·2·0.6065307 = 0.0696410
    const r = twoStepFca({
      pairs: pairsOf([
        [0, 0, 0],
        [0, 1, 2],
        [1, 0, 1],
        [1, 1, 1],
        [2, 0, 2],
        [2, 1, 0],
      ]),
      population: [100, 100, 100],
      supply: [10, 10],
      catchmentMeters: 10, // wider than every pair: the package applies no cut-off here
      decay: { kind: 'gaussian', sigmaMeters: 1 },
    })
    expect(r.accessibility[0]).toBeCloseTo(0.065179, 6)
    expect(r.accessibility[1]).toBeCloseTo(0.069641, 6)
    expect(r.accessibility[2]).toBeCloseTo(0.065179, 6)
  })

  it('Dai Gaussian weight is 1 at the facility and 0 at the catchment edge', () => {
    expect(decayWeight({ kind: 'gaussian-dai' }, 0, 300)).toBe(1)
    expect(decayWeight({ kind: 'gaussian-dai' }, 300, 300)).toBeCloseTo(0, 15)
    // halfway: (e^(−1/8) − e^(−1/2)) / (1 − e^(−1/2)) = (0.8824969 − 0.6065307)/0.3934693 = 0.7013670
    expect(decayWeight({ kind: 'gaussian-dai' }, 150, 300)).toBeCloseTo(0.701367, 6)
    // plain Gaussian with σ defaulting to the catchment: e^(−1/2) at d = d0
    expect(decayWeight({ kind: 'gaussian' }, 300, 300)).toBeCloseTo(Math.exp(-0.5), 15)
  })

  it('conserves supply: Σ P_i·A_i = Σ S_j over facilities with demand in reach (property)', () => {
    const decays = fc.constantFrom(
      { kind: 'none' } as const,
      { kind: 'gaussian' } as const,
      { kind: 'gaussian', sigmaMeters: 200 } as const,
      { kind: 'gaussian-dai' } as const,
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0, max: 1500, noNaN: true })), { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 30, maxLength: 30 }), // people: whole numbers
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 10, maxLength: 10 }),
        decays,
        (nDemand, nFacility, raw, pop, sup, decay) => {
          const population = pop.slice(0, nDemand)
          const supply = sup.slice(0, nFacility)
          const pairs = pairsOf(raw.map(([i, j, d]) => [i % nDemand, j % nFacility, d]))
          const r = twoStepFca({ pairs, population, supply, catchmentMeters: 1000, decay })
          let demandSide = 0
          for (let i = 0; i < nDemand; i++) demandSide += population[i] * r.accessibility[i]
          let supplySide = 0
          for (let j = 0; j < nFacility; j++) if (!r.facilitiesWithoutDemand.includes(j)) supplySide += supply[j]
          expect(demandSide).toBeCloseTo(supplySide, 6)
        },
      ),
    )
  })

  it('rejects bad input with the bad value in the message', () => {
    const base = { population: [100, 200, 300], supply: [10, 20], catchmentMeters: 500 }
    expect(() => twoStepFca({ ...base, pairs: pairsOf([[3, 0, 10]]) })).toThrow('pairs.demandIndex[0] out of range: 3')
    expect(() => twoStepFca({ ...base, pairs: pairsOf([[0, 2, 10]]) })).toThrow(
      'pairs.facilityIndex[0] out of range: 2',
    )
    expect(() => twoStepFca({ ...base, pairs: pairsOf([[0, 0, Number.NaN]]) })).toThrow('got NaN')
    expect(() => twoStepFca({ ...base, pairs, population: [100, -1, 300] })).toThrow(
      'population[1] must be a finite number >= 0, got -1',
    )
    expect(() => twoStepFca({ ...base, pairs, catchmentMeters: [500, 0] })).toThrow(
      'catchmentMeters[1] must be > 0, got 0',
    )
    expect(() => twoStepFca({ ...base, pairs, decay: { kind: 'gaussian', sigmaMeters: -5 } })).toThrow('got -5')
    expect(() =>
      twoStepFca({ ...base, pairs: { demandIndex: [0], facilityIndex: [0, 1], distanceMeters: [1] } }),
    ).toThrow('pairs.demandIndex has 1 entries but pairs.facilityIndex has 2')
  })
})
