import { describe, expect, it } from 'vitest'
import { allGridPieces, gridPieces, isGridConnected } from './connectivity'
import { latticeGraph } from './fixtures'

// 3 × 2 lattice:  3 4 5
//                 0 1 2
const graph = latticeGraph({ cols: 3, rows: 2, households: 100 })

describe('connectivity', () => {
  it('finds one piece for an L-shaped grid', () => {
    expect(gridPieces(graph, [0, 0, 1, 0, 1, 1], 0)).toEqual([[0, 1, 3]])
    expect(isGridConnected(graph, [0, 0, 1, 0, 1, 1], 0)).toBe(true)
  })
  it('splits a grid whose units only touch diagonally (rook adjacency)', () => {
    // grid 0 = units 0 and 4 (diagonal), grid 1 = the rest
    expect(gridPieces(graph, [0, 1, 1, 1, 0, 1], 0)).toEqual([[0], [4]])
    expect(isGridConnected(graph, [0, 1, 1, 1, 0, 1], 0)).toBe(false)
  })
  it('lists the largest piece first', () => {
    // grid 0 = units 0, 2, 5 → pieces {2,5} and {0}
    expect(gridPieces(graph, [0, 1, 0, 1, 1, 0], 0)).toEqual([[2, 5], [0]])
  })
  it('gives the pieces of all grids', () => {
    expect(allGridPieces(graph, [0, 1, 0, 1, 1, 0])).toEqual(
      new Map([
        [0, [[2, 5], [0]]],
        [1, [[1, 3, 4]]],
      ]),
    )
  })
  it('counts an absent grid as connected', () => {
    expect(isGridConnected(graph, [0, 0, 0, 0, 0, 0], 9)).toBe(true)
  })
})
