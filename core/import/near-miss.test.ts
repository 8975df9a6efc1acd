import { describe, expect, it } from 'vitest'
import { nearMiss, rowsNearNeighbours } from './near-miss'

const square = (x0: number, y0: number, x1: number, y1: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
})
const d = 1 / 111_320 // 1 m in degrees

describe('nearMiss', () => {
  it('is false for neighbours sharing an edge vertex for vertex, and for distant ones', () => {
    const a = square(117, 39, 117.001, 39.001).coordinates
    const b = square(117.001, 39, 117.002, 39.001).coordinates
    expect(nearMiss(a, b, d)).toBe(false)
    expect(nearMiss(a, square(117.01, 39, 117.02, 39.001).coordinates, d)).toBe(false)
  })

  it('finds a sliver gap, a sliver overlap and a T-junction (a vertex on the other edge, not a vertex of it)', () => {
    const a = square(117, 39, 117.001, 39.001).coordinates
    // 0.5 m to the east: a gap narrower than the tolerance
    expect(nearMiss(a, square(117.001 + 0.5 * d, 39, 117.002, 39.001).coordinates, d)).toBe(true)
    // 0.5 m into it: a sliver overlap
    expect(nearMiss(a, square(117.001 - 0.5 * d, 39, 117.002, 39.001).coordinates, d)).toBe(true)
    // the neighbour's edge runs along a's but is half as tall: its corner lies on a's edge
    expect(nearMiss(a, square(117.001, 39, 117.002, 39.0005).coordinates, d)).toBe(true)
    // 2 m away: a road, not a sliver
    expect(nearMiss(a, square(117.001 + 2 * d, 39, 117.002, 39.001).coordinates, d)).toBe(false)
  })
})

describe('rowsNearNeighbours', () => {
  it("checks each row against the stored rows of its parent and the file's earlier rows of that parent", () => {
    const stored = [{ key: 's1', parent: 'A', geometry: square(117, 39, 117.001, 39.001) }]
    const rows = [
      // shares s1's edge exactly
      { key: 'r1', parent: 'A', geometry: square(117.001, 39, 117.002, 39.001) },
      // a sliver gap from r1 (an earlier row of the file)
      { key: 'r2', parent: 'A', geometry: square(117.002 + 0.3 * d, 39, 117.003, 39.001) },
      // the same gap from s1's outline, but under another parent: not a neighbour
      { key: 'r3', parent: 'B', geometry: square(117.001 + 0.3 * d, 39.002, 117.002, 39.003) },
    ]
    expect(rowsNearNeighbours(rows, stored, d)).toEqual([false, true, false])
  })
})
