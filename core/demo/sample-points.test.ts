import { describe, expect, it } from 'vitest'
import type { XY } from './local-plane'
import { distanceToBoundaryM, pointInParts } from './planar-polygon'
import { createRandom } from './random'
import { interiorPoint, randomPointInside, samplePointsInside } from './sample-points'

const triangle: XY[] = [
  [0, 0],
  [100, 0],
  [0, 100],
  [0, 0],
]
const sliver: XY[] = [
  [0, 0],
  [1000, 0],
  [1000, 0.5],
  [0, 0],
]

describe('sample points', () => {
  it('samples only inside', () => {
    const pts = samplePointsInside([triangle], 500, createRandom(1))
    expect(pts).toHaveLength(500)
    for (const [x, y] of pts) expect(pointInParts(x, y, [triangle])).toBe(true)
  })

  it('places a random point with a margin, and falls back inside a sliver', () => {
    const rng = createRandom(2)
    const p = randomPointInside([triangle], rng, 5)
    expect(distanceToBoundaryM(p[0], p[1], [triangle])).toBeGreaterThanOrEqual(5)
    const q = randomPointInside([sliver], rng, 5)
    expect(pointInParts(q[0], q[1], [sliver])).toBe(true)
    expect(distanceToBoundaryM(q[0], q[1], [sliver])).toBeGreaterThan(0)
  })

  it('finds an interior point of a concave ring', () => {
    const u: XY[] = [
      [0, 0],
      [30, 0],
      [30, 30],
      [20, 30],
      [20, 10],
      [10, 10],
      [10, 30],
      [0, 30],
      [0, 0],
    ]
    const [x, y] = interiorPoint([u])
    expect(pointInParts(x, y, [u])).toBe(true)
  })
})
