import { describe, expect, it } from 'vitest'
import { lloydRelax } from './lloyd-relax'
import type { XY } from './local-plane'
import { createRandom } from './random'

describe('lloydRelax', () => {
  it('spreads clustered sites over uniform samples', () => {
    const rng = createRandom(3)
    const samples: XY[] = Array.from({ length: 4000 }, () => [rng.range(0, 100), rng.range(0, 100)])
    const sites: XY[] = [
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ]
    const relaxed = lloydRelax(sites, samples, 20)
    // four sites in a square settle near the quadrant centres (25/75)
    const xs = relaxed.map((p) => p[0]).sort((a, b) => a - b)
    expect(xs[0]).toBeLessThan(40)
    expect(xs[3]).toBeGreaterThan(60)
  })

  it('leaves a single site alone', () => {
    expect(lloydRelax([[5, 5]], [[1, 1]], 3)).toEqual([[5, 5]])
  })
})
