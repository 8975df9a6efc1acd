import { describe, expect, it } from 'vitest'
import { sideOfLine, unitsInPolygon } from './selection'
import type { LngLat } from './types'

describe('sideOfLine', () => {
  it('splits by a straight line drawn west → east: north is left', () => {
    const centroids: LngLat[] = [
      [117.6, 39.01],
      [117.7, 38.99],
      [117.5, 39.02],
    ]
    const line: LngLat[] = [
      [117.55, 39],
      [117.65, 39],
    ]
    // the end segments extend, so units beyond the line's ends are still split
    expect(sideOfLine(centroids, line)).toEqual({ left: [0, 2], right: [1] })
  })
  it('follows a bent line: an L turning north', () => {
    // metric: line (0,0) → (10,0) → (10,10); point (12,-1) is right of the first leg,
    // (9, 5) is left of the second leg, (11, 5) is right of it, (5, -1) right, (5, 1) left
    const line: LngLat[] = [
      [0, 0],
      [10, 0],
      [10, 10],
    ]
    const pts: LngLat[] = [
      [12, -1],
      [9, 5],
      [11, 5],
      [5, -1],
      [5, 1],
    ]
    expect(sideOfLine(pts, line, { lngLat: false })).toEqual({ left: [1, 4], right: [0, 2, 3] })
  })
  it('judges points nearest the bend by the bisector', () => {
    // (11, -1) is outside the bend (right), (9, 1) inside (left)
    const line: LngLat[] = [
      [0, 0],
      [10, 0],
      [10, 10],
    ]
    expect(
      sideOfLine(
        [
          [11, -1],
          [9, 1],
        ],
        line,
        { lngLat: false },
      ),
    ).toEqual({ left: [1], right: [0] })
  })
  it('rejects a line of one point', () => {
    expect(() => sideOfLine([], [[117, 39]])).toThrow(/line needs ≥ 2 points, got 1/)
  })
})

describe('unitsInPolygon', () => {
  it('selects centroids inside a lasso ring, open or closed', () => {
    const ring: LngLat[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
    ]
    const pts: LngLat[] = [
      [1, 1],
      [5, 1],
      [3, 3.9],
      [-1, 2],
    ]
    expect(unitsInPolygon(pts, ring)).toEqual([0, 2])
    expect(unitsInPolygon(pts, [...ring, [0, 0]])).toEqual([0, 2])
  })
  it('handles a concave (U-shaped) lasso', () => {
    // U: the notch x 1..3, y 1..4 is outside
    const ring: LngLat[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [3, 4],
      [3, 1],
      [1, 1],
      [1, 4],
      [0, 4],
    ]
    expect(
      unitsInPolygon(
        [
          [2, 2],
          [0.5, 3],
          [3.5, 3],
          [2, 0.5],
        ],
        ring,
      ),
    ).toEqual([1, 2, 3])
  })
  it('rejects a bad vertex, naming it', () => {
    expect(() =>
      unitsInPolygon(
        [],
        [
          [0, 0],
          [1, Number.NaN],
          [1, 1],
        ],
      ),
    ).toThrow(/ring\[1\]/)
  })
})
