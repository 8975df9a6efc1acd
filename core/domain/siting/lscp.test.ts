import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { coverValue, subsets } from './brute-force.test-helpers'
import type { LinearSolver } from './linear-model'
import { solveLscp } from './lscp'
import { loadSolver } from './solver'

let solver: LinearSolver
beforeAll(async () => {
  solver = await loadSolver()
})

// fewest sites whose coverage (plus pre-covered) reaches target share, by enumeration
function fewest(weights: number[], coverage: number[][], pre: number[], target: number): number {
  const total = weights.reduce((a, b) => a + b, 0)
  const before = weights.reduce((a, w, i) => a + (pre[i] ? w : 0), 0)
  if (before >= target * total - 1e-9 * total) return 0
  for (let k = 1; k <= coverage.length; k++) {
    for (const s of subsets(coverage.length, k)) {
      if (before + coverValue(weights, coverage, pre, s) >= target * total - 1e-9 * total) return k
    }
  }
  return Number.POSITIVE_INFINITY
}

describe('solveLscp', () => {
  // greedy takes A (4 of 6) then needs two more; B + C alone cover all six
  const trap = {
    demandWeights: [1, 1, 1, 1, 1, 1],
    coverage: [
      [0, 1, 2, 3],
      [0, 1, 4],
      [2, 3, 5],
    ],
  }

  it('finds the two-site full cover (greedy takes A, B, C; dropping redundant A leaves B + C)', () => {
    const r = solveLscp(trap, 1)
    expect(r.sites.sort()).toEqual([1, 2])
    expect(r.objective).toBe(2)
    expect(r.shareAfter).toBe(1)
  })

  it('needs no site when the fixed facilities already reach the target', () => {
    const r = solveLscp({ ...trap, preCovered: [1, 1, 1, 1, 1, 0] }, 0.8)
    expect(r.sites).toEqual([])
    expect(r.method).toBe('exact')
  })

  it('matches enumeration on random instances, with a valid lower bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 12 }).chain((n) =>
          fc.record({
            weights: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: n, maxLength: n }),
            coverage: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 5 }), {
              minLength: 3,
              maxLength: 8,
            }),
            pre: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
            target: fc.double({ min: 0.05, max: 1, noNaN: true }),
          }),
        ),
        ({ weights, coverage, pre, target }) => {
          const optimum = fewest(weights, coverage, pre, target)
          const input = { demandWeights: weights, coverage, preCovered: pre }
          if (optimum === Number.POSITIVE_INFINITY) {
            expect(() => solveLscp(input, target)).toThrow(/unreachable/)
            return
          }
          const heuristic = solveLscp(input, target)
          expect(heuristic.objective).toBeGreaterThanOrEqual(optimum)
          expect(heuristic.bound).toBeLessThanOrEqual(optimum)
          expect(heuristic.shareAfter).toBeGreaterThanOrEqual(target - 1e-9)
          const exact = solveLscp(input, target, { solver })
          expect(exact.objective).toBe(optimum)
          expect(exact.method).toBe('exact')
        },
      ),
      { numRuns: 60 },
    )
  })

  it('rejects bad targets with the bad value', () => {
    expect(() => solveLscp(trap, 0)).toThrow(/got 0/)
    expect(() => solveLscp(trap, 1.2)).toThrow(/1.2/)
    expect(() => solveLscp({ ...trap, coverage: [[0], [1]] }, 0.9)).toThrow(/unreachable/)
  })
})
