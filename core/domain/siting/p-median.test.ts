import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { subsets } from './brute-force.test-helpers'
import type { LinearSolver } from './linear-model'
import { solvePMedian } from './p-median'
import { loadSolver } from './solver'

let solver: LinearSolver
beforeAll(async () => {
  solver = await loadSolver()
})

function bruteForce(w: number[], d: number[][], fixed: number[] | undefined, p: number): number {
  let best = Number.POSITIVE_INFINITY
  for (const s of subsets(d[0].length, p)) {
    let cost = 0
    for (let i = 0; i < w.length; i++) {
      let near = fixed ? fixed[i] : Number.POSITIVE_INFINITY
      for (const j of s) near = Math.min(near, d[i][j])
      cost += w[i] * near
    }
    best = Math.min(best, cost)
  }
  return best
}

describe('solvePMedian', () => {
  it('solves a line by hand: points 0, 1, 2, 10, 11 with p = 2 -> sites at 1 and 10 or 11, cost 3', () => {
    const xs = [0, 1, 2, 10, 11]
    const r = solvePMedian(
      { demandWeights: [1, 1, 1, 1, 1], candidateCount: 5, distance: (i, j) => Math.abs(xs[i] - xs[j]) },
      2,
    )
    expect(r.objective).toBe(3)
    expect(r.sites).toContain(1)
  })

  it('keeps fixed facilities: a demand point next to one needs nothing new', () => {
    const xs = [0, 10]
    const r = solvePMedian(
      { demandWeights: [1, 5], candidateCount: 2, distance: (i, j) => Math.abs(xs[i] - xs[j]), fixedDistance: [0, 10] },
      1,
    )
    // opening at 10 serves the heavy point; the light one stays with the fixed facility
    expect(r.sites).toEqual([1])
    expect(r.objective).toBe(0)
    expect(r.costBefore).toBe(50)
    expect(r.marginalReductions).toEqual([50])
  })

  it('matches brute force on random instances; exact with HiGHS', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }).chain((n) =>
          fc.record({
            w: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
            d: fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 6, maxLength: 6 }), {
              minLength: n,
              maxLength: n,
            }),
            fixed: fc.option(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: n, maxLength: n }), {
              nil: undefined,
            }),
            p: fc.integer({ min: 1, max: 3 }),
          }),
        ),
        ({ w, d, fixed, p }) => {
          const optimum = bruteForce(w, d, fixed, p)
          const input = {
            demandWeights: w,
            candidateCount: 6,
            distance: Float64Array.from(d.flat()),
            fixedDistance: fixed,
          }
          const heuristic = solvePMedian(input, p)
          expect(heuristic.objective).toBeGreaterThanOrEqual(optimum)
          // the Lagrangian bound never exceeds the optimum, the heuristic is within its own gap of
          // it (so a closed gap means optimal), and it claims 'exact' exactly when the gap is closed
          expect(heuristic.boundSource).toBe('lagrangian')
          expect(heuristic.bound).toBeLessThanOrEqual(optimum + 1e-9)
          expect(heuristic.objective - optimum).toBeLessThanOrEqual(heuristic.objective - heuristic.bound + 1e-9)
          expect(heuristic.method).toBe(heuristic.bound >= heuristic.objective - 1e-9 ? 'exact' : 'heuristic')
          const exact = solvePMedian(input, p, { solver })
          expect(exact.objective).toBe(optimum)
          expect(exact.method).toBe('exact')
          expect(exact.bound).toBe(optimum)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('rejects bad input with the bad value', () => {
    const base = { demandWeights: [1, 1], candidateCount: 2, distance: new Float64Array([0, 1, 1, 0]) }
    expect(() => solvePMedian(base, 3)).toThrow(/p = 3 exceeds/)
    expect(() => solvePMedian(base, 0)).toThrow(/got 0/)
    expect(() => solvePMedian({ ...base, distance: new Float64Array([0, Number.NaN, 1, 0]) }, 1)).toThrow(
      /\(0, 1\) is invalid: NaN/,
    )
    expect(() => solvePMedian({ ...base, demandWeights: [1, -1] }, 1)).toThrow(/-1/)
    expect(() => solvePMedian({ ...base, distance: new Float64Array(3) }, 1)).toThrow(/length 3, expected 4/)
  })
})
