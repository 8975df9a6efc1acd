import { describe, expect, it } from 'vitest'
import { adjacencyFromPolygons, polygonMetrics } from './adjacency'
import { irregularGraph } from './fixtures'
import type { LngLat } from './types'

const square = (x: number, y: number, s = 1): LngLat[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
]

describe('adjacencyFromPolygons', () => {
  it('links squares sharing an edge, with the shared length, and not corner-touching ones', () => {
    // A(0,0) B(1,0) share x=1; C(1,1) touches A only at a corner, shares y=1 with B
    const adj = adjacencyFromPolygons([[square(0, 0)], [square(1, 0)], [square(1, 1)]])
    expect(adj).toEqual([
      [{ unit: 1, sharedM: 1 }],
      [
        { unit: 0, sharedM: 1 },
        { unit: 2, sharedM: 1 },
      ],
      [{ unit: 1, sharedM: 1 }],
    ])
  })
  it('matches edges traversed in opposite directions and sums several shared segments', () => {
    // B is an L covering the right and top of A = unit square: shares x=1 (len 1) and y=1 (len 1)
    const b: LngLat[] = [
      [1, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 1],
      [1, 1],
      [1, 0],
    ]
    expect(adjacencyFromPolygons([[square(0, 0)], [b]])[0]).toEqual([{ unit: 1, sharedM: 2 }])
  })
  it('measures [lng, lat] edges in metres: 0.001° of latitude ≈ 111.195 m', () => {
    const adj = adjacencyFromPolygons([[square(117.6, 39, 0.001)], [square(117.601, 39, 0.001)]], {
      lngLat: true,
    })
    expect(adj[0][0].sharedM).toBeCloseTo(111.195, 2)
  })
  it('rejects a ring with too few vertices, naming the polygon', () => {
    expect(() =>
      adjacencyFromPolygons([
        [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      ]),
    ).toThrow(/polygon 0 ring 0 has 2 vertices/)
  })
  it('finds symmetric adjacency on a Voronoi tessellation', () => {
    const g = irregularGraph({ cols: 5, rows: 4, households: [50, 100], seed: 3 })
    g.adjacency.forEach((nbrs, u) => {
      for (const { unit: v, sharedM } of nbrs)
        expect(g.adjacency[v].find((n) => n.unit === u)?.sharedM).toBeCloseTo(sharedM, 9)
    })
    // total area of the cells = the clip rectangle 750 × 600 m
    expect(g.areaM2.reduce((a, b) => a + b, 0)).toBeCloseTo(750 * 600, 3)
  })
})

describe('polygonMetrics', () => {
  it('gives area, perimeter and centroid of a square with a hole', () => {
    const hole: LngLat[] = [
      [0.5, 0.5],
      [1.5, 0.5],
      [1.5, 1.5],
      [0.5, 1.5],
    ]
    const m = polygonMetrics([square(0, 0, 2), hole])
    expect(m.areaM2).toBeCloseTo(3, 12)
    expect(m.perimeterM).toBeCloseTo(12, 12)
    expect(m.centroid[0]).toBeCloseTo(1, 12)
    expect(m.centroid[1]).toBeCloseTo(1, 12)
  })
})
