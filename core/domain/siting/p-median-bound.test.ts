import { describe, expect, it } from 'vitest'
import { lagrangianBound } from './p-median-bound'
import { createPMedianProblem } from './p-median-problem'

describe('lagrangianBound', () => {
  it('proves the optimum of a two-cluster line (points 0, 1, 2, 10, 11; p = 2; optimum 3)', () => {
    const xs = [0, 1, 2, 10, 11]
    const pr = createPMedianProblem({
      demandWeights: [1, 1, 1, 1, 1],
      candidateCount: 5,
      distance: (i, j) => Math.abs(xs[i] - xs[j]),
    })
    // from a poor incumbent (sites at 0 and 2, cost 1 + 8 + 9 = 18)
    const bound = lagrangianBound(pr, 2, [0, 2], { iterations: 500 })
    expect(bound).toBeLessThanOrEqual(3)
    expect(bound).toBeGreaterThanOrEqual(2)
    // from the optimal incumbent the bound reaches 3
    expect(lagrangianBound(pr, 2, [1, 3], { iterations: 500 })).toBe(3)
  })

  it('counts fixed facilities as always open', () => {
    // one point far from every candidate but on top of a fixed facility: it costs nothing
    const pr = createPMedianProblem({
      demandWeights: [1, 1],
      candidateCount: 1,
      distance: new Float64Array([0, 100]),
      fixedDistance: [50, 0],
    })
    expect(lagrangianBound(pr, 1, [0])).toBe(0)
  })
})
