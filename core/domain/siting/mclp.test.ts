import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { bestCover, coverValue } from './brute-force.test-helpers'
import { coverageWithinRadius } from './coverage-relation'
import type { LinearSolver } from './linear-model'
import { solveMclp } from './mclp'
import { loadSolver } from './solver'

let solver: LinearSolver
beforeAll(async () => {
  solver = await loadSolver()
})

// A covers {0,1,2,3}; B {0,1,4}; C {2,3,5}: greedy takes A then B or C (5), the optimum is B + C (6)
const trap = {
  demandWeights: [1, 1, 1, 1, 1, 1],
  coverage: [
    [0, 1, 2, 3],
    [0, 1, 4],
    [2, 3, 5],
  ],
}

describe('solveMclp', () => {
  it('escapes the greedy trap by interchange and proves it by the greedy bound', () => {
    const r = solveMclp(trap, 2)
    expect(r.sites.sort()).toEqual([1, 2])
    expect(r.objective).toBe(6)
    expect(r.marginalWeights).toEqual([3, 3])
    expect(r.shareAfter).toBe(1)
    // 6 covers everything, so it is optimal
    expect(r.method).toBe('exact')
    expect(r.gapPercent).toBe(0)
  })

  it('keeps existing facilities fixed: pre-covered demand adds nothing', () => {
    // demand 0..3 already covered: only B's 4 and C's 5 are new
    const r = solveMclp({ ...trap, preCovered: [1, 1, 1, 1, 0, 0] }, 1)
    expect(r.objective).toBe(1)
    expect(r.weightBefore).toBe(4)
    expect(r.weightAfter).toBe(5)
    expect(r.shareBefore).toBeCloseTo(4 / 6, 12)
  })

  it('reports marginals in pick order that sum to the objective', () => {
    const r = solveMclp({ demandWeights: [5, 1, 1, 10], coverage: [[0, 1], [1, 2], [3]] }, 2)
    expect(r.sites).toEqual([2, 0])
    expect(r.marginalWeights).toEqual([10, 6])
  })

  it('matches brute force on random instances (heuristic <= optimum <= bound; exact with HiGHS)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 14 }).chain((n) =>
          fc.record({
            weights: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
            coverage: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 6 }), {
              minLength: 3,
              maxLength: 9,
            }),
            pre: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
            k: fc.integer({ min: 1, max: 3 }),
          }),
        ),
        ({ weights, coverage, pre, k }) => {
          const kk = Math.min(k, coverage.length)
          const optimum = bestCover(weights, coverage, pre, kk)
          const input = { demandWeights: weights, coverage, preCovered: pre }
          const heuristic = solveMclp(input, kk)
          expect(heuristic.objective).toBe(coverValue(weights, coverage, pre, heuristic.sites))
          expect(heuristic.objective).toBeLessThanOrEqual(optimum)
          expect(heuristic.bound).toBeGreaterThanOrEqual(optimum - 1e-9)
          expect(heuristic.marginalWeights.reduce((a, b) => a + b, 0)).toBe(heuristic.objective)
          const exact = solveMclp(input, kk, { solver })
          expect(exact.method).toBe('exact')
          expect(exact.objective).toBe(optimum)
          expect(exact.gapPercent).toBe(0)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('gives an LP bound at or above the optimum when exact solving is off', () => {
    const r = solveMclp(trap, 1, { solver, exact: 'never' })
    // the optimum for k = 1 is 4 (A); the LP cannot do better either
    expect(r.objective).toBe(4)
    expect(r.bound).toBeGreaterThanOrEqual(4)
  })

  it('builds the coverage relation from metric points and a radius', () => {
    const rel = coverageWithinRadius(
      new Float64Array([0, 100, 300]),
      new Float64Array([0, 0, 0]),
      new Float64Array([0, 300]),
      new Float64Array([0, 0]),
      100,
    )
    expect(rel.map((r) => Array.from(r))).toEqual([[0, 1], [2]])
    expect(() =>
      coverageWithinRadius(new Float64Array(), new Float64Array(), new Float64Array(), new Float64Array(), -1),
    ).toThrow(/-1/)
  })

  it('rejects bad input with the bad value', () => {
    expect(() => solveMclp(trap, 4)).toThrow(/k = 4 exceeds the number of candidates \(3\)/)
    expect(() => solveMclp(trap, 0)).toThrow(/got 0/)
    expect(() => solveMclp(trap, 1.5)).toThrow(/got 1.5/)
    expect(() => solveMclp({ ...trap, demandWeights: [1, Number.NaN, 1, 1, 1, 1] }, 1)).toThrow(
      /weight 1 is invalid: NaN/,
    )
    expect(() => solveMclp({ ...trap, demandWeights: [1, -2, 1, 1, 1, 1] }, 1)).toThrow(/-2/)
    expect(() => solveMclp({ ...trap, coverage: [[0, 9]] }, 1)).toThrow(/demand index 9/)
  })
})
