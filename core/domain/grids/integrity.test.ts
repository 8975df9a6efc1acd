import { describe, expect, it } from 'vitest'
import { latticeGraph } from './fixtures'
import { integrityReport } from './integrity'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 3 × 2 lattice, 100 households per unit:  3 4 5
//                                          0 1 2
const graph = latticeGraph({ cols: 3, rows: 2, households: 100 })

describe('integrityReport', () => {
  it('is ok for two 300-household connected grids that cover the community', () => {
    const r = integrityReport(graph, [0, 0, 0, 1, 1, 1], settings, { communityHouseholds: { '': 600 } })
    expect(r.ok).toBe(true)
    expect(r.reconciliation).toEqual([
      {
        communityId: '',
        gridHouseholds: 600,
        unitHouseholds: 600,
        declaredHouseholds: 600,
        difference: 0,
        reconciles: true,
      },
    ])
  })
  it('finds unassigned units, out-of-band and split grids, empty grids and a gap in the totals', () => {
    // grid 0 = units 0 and 2 (two pieces, 200 hh), grid 1 = 3, 4, 5 (300 hh), unit 1 in no grid
    const r = integrityReport(graph, [0, -1, 0, 1, 1, 1], settings, { emptyGrids: [1, 7] })
    expect(r.ok).toBe(false)
    expect(r.unassignedUnits).toEqual(['r0c1'])
    expect(r.outOfBand.map((g) => [g.grid, g.households])).toEqual([[0, 200]])
    expect(r.multiPiece).toEqual([{ grid: 0, pieces: [['r0c0'], ['r0c2']] }])
    expect(r.emptyGrids).toEqual([7])
    expect(r.reconciliation[0]).toMatchObject({
      gridHouseholds: 500,
      unitHouseholds: 600,
      difference: -100,
      reconciles: false,
    })
  })
  it('flags a declared community figure that disagrees with the units', () => {
    const r = integrityReport(graph, [0, 0, 0, 1, 1, 1], settings, { communityHouseholds: { '': 640 } })
    expect(r.reconciliation[0]).toMatchObject({ difference: -40, reconciles: false })
    expect(r.ok).toBe(false)
  })
  it('flags a grid spanning two communities', () => {
    const two = latticeGraph({ cols: 3, rows: 2, households: 100, community: (col) => (col === 0 ? 'A' : 'B') })
    const r = integrityReport(two, [0, 0, 0, 1, 1, 1], settings)
    expect(r.mixedCommunity).toEqual([
      { grid: 0, communityIds: ['A', 'B'] },
      { grid: 1, communityIds: ['A', 'B'] },
    ])
  })
  it('rejects a declared figure for a community with no units, naming it', () => {
    expect(() => integrityReport(graph, [0, 0, 0, 1, 1, 1], settings, { communityHouseholds: { X: 1 } })).toThrow(
      /community "X"/,
    )
  })
})
