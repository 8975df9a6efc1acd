import { describe, expect, it } from 'vitest'
import { interiorPoint } from '../../../../core/geo/interior-point'
import { bboxesIntersect, geometryBbox } from './bbox'

const square = (x: number, y: number, size: number): GeoJSON.Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
]

// point-in-ring, even–odd
const inside = ([px, py]: number[], rings: GeoJSON.Position[][]) => {
  let hit = false
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]
      const [xj, yj] = ring[j]
      if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) hit = !hit
    }
  return hit
}

describe('geometryBbox', () => {
  it('covers every vertex of a MultiPolygon and handles points', () => {
    const mp: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(117, 39, 0.1)], [square(118, 38.5, 0.2)]],
    }
    expect(geometryBbox(mp)).toEqual([117, 38.5, 118.2, 39.1])
    expect(geometryBbox({ type: 'Point', coordinates: [117.6, 39] })).toEqual([117.6, 39, 117.6, 39])
    expect(geometryBbox(null)).toBeNull()
  })
  it('intersects boxes that touch or overlap only', () => {
    expect(bboxesIntersect([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true)
    expect(bboxesIntersect([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false)
  })
})

describe('interiorPoint', () => {
  it('finds the centre of a square', () => {
    expect(interiorPoint({ type: 'Polygon', coordinates: [square(0, 0, 2)] })).toEqual([1, 1])
  })
  it('stays out of a hole and inside a U shape', () => {
    const holed: GeoJSON.Polygon = { type: 'Polygon', coordinates: [square(0, 0, 3), square(1, 1, 1).reverse()] }
    expect(inside(interiorPoint(holed), holed.coordinates)).toBe(true)
    const u: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    }
    expect(inside(interiorPoint(u), u.coordinates)).toBe(true)
  })
  it('uses the largest part of a MultiPolygon', () => {
    const mp: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 0.1)], [square(5, 5, 2)]] }
    expect(interiorPoint(mp)).toEqual([6, 6])
  })
})
