import geodesic from 'geographiclib-geodesic'
import { describe, expect, it } from 'vitest'
import { haversineDistanceMeters, planarDistanceMeters } from './distance'

const GRS80 = new geodesic.Geodesic.Geodesic(6378137, 1 / 298.257222101)

describe('distance', () => {
  it('planar distance is the Euclidean norm (3-4-5)', () => {
    expect(planarDistanceMeters(0, 0, 3, 4)).toBe(5)
  })

  it('haversine is within 0.5% of the geodesic in Binhai', () => {
    const pairs: [[number, number], [number, number]][] = [
      [
        [117.65, 39.03],
        [117.66, 39.035],
      ],
      [
        [117.13, 38.56],
        [118.07, 39.33],
      ],
      [
        [117.7, 39.0],
        [117.7005, 39.0],
      ],
    ]
    for (const [a, b] of pairs) {
      const truth = GRS80.Inverse(a[1], a[0], b[1], b[0]).s12 as number
      expect(Math.abs(haversineDistanceMeters(a, b) - truth) / truth).toBeLessThan(0.005)
    }
  })
})
