import { describe, expect, it } from 'vitest'
import type { GridError } from './errors'
import { latticeGraph } from './fixtures'
import { indexGraph } from './graph-index'
import type { UnitGraph } from './types'

const two = (): UnitGraph => ({
  ids: ['a', 'b'],
  households: [10, 20],
  residents: [25, 50],
  areaM2: [100, 100],
  perimeterM: [40, 40],
  centroids: [
    [117.6, 39],
    [117.601, 39],
  ],
  adjacency: [[{ unit: 1, sharedM: 10 }], [{ unit: 0, sharedM: 10 }]],
})

describe('indexGraph', () => {
  it('builds the compressed adjacency of a 2 × 2 lattice', () => {
    // 2 3 / 0 1: each unit has two neighbours, 100 m each
    const index = indexGraph(latticeGraph({ cols: 2, rows: 2, households: 1 }))
    expect([...index.offsets]).toEqual([0, 2, 4, 6, 8])
    expect([...index.nbr]).toEqual([1, 2, 0, 3, 0, 3, 1, 2])
    expect([...index.sharedM]).toEqual([100, 100, 100, 100, 100, 100, 100, 100])
  })
  it('rejects one-sided adjacency, naming both units', () => {
    const g = two()
    g.adjacency[1] = []
    expect(() => indexGraph(g)).toThrow('adjacency is not symmetric: 0 lists 1 but 1 does not list 0')
  })
  it('rejects a duplicate id, a negative household count and a short array', () => {
    const dup = two()
    dup.ids[1] = 'a'
    expect(() => indexGraph(dup)).toThrow('duplicate unit id "a" at index 1')
    const neg = two()
    neg.households[1] = -3
    expect(() => indexGraph(neg)).toThrow('graph.households[1] (unit b) is -3')
    const short = two()
    short.areaM2.pop()
    try {
      indexGraph(short)
      expect.unreachable()
    } catch (e) {
      expect((e as GridError).code).toBe('INVALID_GRAPH')
      expect((e as GridError).message).toBe('graph.areaM2 has 1 entries, expected 2 (one per unit)')
    }
  })
})
