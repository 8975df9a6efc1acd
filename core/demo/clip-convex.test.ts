import { describe, expect, it } from 'vitest'
import { clipConvex } from './clip-convex'
import type { XY } from './local-plane'
import { signedAreaM2 } from './planar-polygon'

const square = (x: number, y: number, s: number): XY[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
]

describe('clipConvex', () => {
  it('intersects two overlapping squares', () => {
    const r = clipConvex(square(0, 0, 10), square(5, 5, 10))
    expect(signedAreaM2(r)).toBeCloseTo(25, 9)
    expect(r[0]).toEqual(r[r.length - 1])
  })

  it('returns the subject when inside and nothing when disjoint', () => {
    expect(signedAreaM2(clipConvex(square(2, 2, 1), square(0, 0, 10)))).toBeCloseTo(1, 9)
    expect(clipConvex(square(20, 20, 1), square(0, 0, 10))).toEqual([])
  })
})
