import { describe, expect, it } from 'vitest'
import { nodeVertices } from './node-vertices'

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  ],
})

describe('nodeVertices', () => {
  it('inserts a neighbour corner that lies on an edge (no T-junction)', () => {
    // a big square on the left, two small ones on its right side meeting at (1, 0.5)
    const [big, low, high] = nodeVertices([square(0, 0, 1, 1), square(1, 0, 2, 0.5), square(1, 0.5, 2, 1)])
    expect(big.coordinates[0][0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 0.5],
      [1, 1],
      [0, 1],
      [0, 0],
    ])
    expect(low.coordinates[0][0]).toHaveLength(5)
    expect(high.coordinates[0][0]).toHaveLength(5)
  })

  it('snaps vertices closer than eps to one point, and rounds to the served grid alike', () => {
    const a = square(0, 0, 1.0000000001, 1)
    const b = square(1, 0, 2, 1)
    const [na, nb] = nodeVertices([a, b], 1e-6, 1e-6)
    expect(na.coordinates[0][0][1]).toEqual(nb.coordinates[0][0][0])
    expect(na.coordinates[0][0].flat().every((v) => Math.abs(v * 1e6 - Math.round(v * 1e6)) < 1e-6)).toBe(true)
  })

  it('leaves polygons that share nothing as they were', () => {
    const input = [square(0, 0, 1, 1), square(5, 5, 6, 6)]
    expect(nodeVertices(input)).toEqual(input)
  })
})
