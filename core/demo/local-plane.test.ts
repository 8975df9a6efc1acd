import { area, polygon } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { createLocalPlane } from './local-plane'

describe('createLocalPlane', () => {
  const plane = createLocalPlane([117.65, 39.03])

  it('round-trips a point', () => {
    const p = plane.toLngLat(plane.toXY([117.8, 39.25]))
    expect(p[0]).toBeCloseTo(117.8, 12)
    expect(p[1]).toBeCloseTo(39.25, 12)
  })

  it('keeps areas within 1% of the geodesic area near the origin', () => {
    const square = [
      [0, 0],
      [1000, 0],
      [1000, 1000],
      [0, 1000],
      [0, 0],
    ].map((p) => plane.toLngLat(p as [number, number]))
    expect(area(polygon([square])) / 1e6).toBeCloseTo(1, 2)
  })

  it('rejects a bad origin', () => {
    expect(() => createLocalPlane([Number.NaN, 39])).toThrow(/NaN/)
  })
})
