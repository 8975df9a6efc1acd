import { describe, expect, it } from 'vitest'
import type { XY } from './local-plane'
import { cleanRing, distanceToBoundaryM, partsCentroid, pointInParts, signedAreaM2 } from './planar-polygon'

const sq: XY[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
]

describe('planar polygon helpers', () => {
  it('computes area, centroid, inside and boundary distance', () => {
    expect(signedAreaM2(sq)).toBe(100)
    expect(partsCentroid([sq])).toEqual([5, 5])
    expect(pointInParts(5, 5, [sq])).toBe(true)
    expect(pointInParts(15, 5, [sq])).toBe(false)
    expect(distanceToBoundaryM(5, 2, [sq])).toBe(2)
  })

  it('cleans repeated, collinear and spike vertices and orients counter-clockwise', () => {
    const dirty: XY[] = [
      [0, 0],
      [0, 10],
      [0, 10],
      [5, 10],
      [10, 10],
      [10, 12],
      [10, 10],
      [10, 0],
      [0, 0],
    ]
    const ring = cleanRing(dirty)
    expect(ring).not.toBeNull()
    expect(ring).toHaveLength(5)
    expect(signedAreaM2(ring!)).toBe(100)
  })

  it('drops slivers', () => {
    expect(
      cleanRing([
        [0, 0],
        [10, 0],
        [10, 0.01],
        [0, 0],
      ]),
    ).toBeNull()
  })
})
