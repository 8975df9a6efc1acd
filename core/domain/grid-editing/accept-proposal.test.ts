import { describe, expect, it } from 'vitest'
import { withUnitIds } from '../grids/edit-op'
import { latticeGraph } from '../grids/fixtures'
import { acceptProposalOps } from './accept-proposal'
import { planEdit } from './edit-plan'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 4 × 1 lattice, unit ids 1–4; grid 10 = units 1–2, grid 20 = units 3–4
const graph = { ...latticeGraph({ cols: 4, rows: 1, households: 100 }), ids: ['1', '2', '3', '4'] }
const current = [10, 10, 20, 20]
const unitIds = [1, 2, 3, 4]

describe('acceptProposalOps', () => {
  it('a rebalance moves only the units whose grid changes, grouped by grid', () => {
    expect(
      acceptProposalOps({ mode: 'rebalance', unitIds, current, proposed: [10, 20, 20, 10], gridIds: [10, 20] }),
    ).toEqual([
      { kind: 'moveUnits', unitIds: [2], toGrid: 20 },
      { kind: 'moveUnits', unitIds: [4], toGrid: 10 },
    ])
  })

  it('changes nothing when the proposal is the current plan', () => {
    expect(acceptProposalOps({ mode: 'propose', unitIds, current, proposed: current, gridIds: [10, 20] })).toEqual([])
  })

  it('a new proposal creates its grids, moves their units in and deletes the old grids: replayed, that is the proposal', () => {
    const ops = acceptProposalOps({ mode: 'propose', unitIds, current, proposed: [0, 0, 0, 1], gridIds: [10, 20] })
    expect(ops).toEqual([
      { kind: 'createGrid' },
      { kind: 'moveUnits', unitIds: [1, 2, 3], toGrid: 21 },
      { kind: 'createGrid' },
      { kind: 'moveUnits', unitIds: [4], toGrid: 22 },
      { kind: 'deleteGrid', grid: 10 },
      { kind: 'deleteGrid', grid: 20 },
    ])
    const plan = planEdit({ graph, assignment: current, settings, ops: ops.map((op) => withUnitIds(op, String)) })
    expect([...plan.assignment]).toEqual([21, 21, 21, 22])
    expect(plan.retired).toEqual([10, 20])
  })
})
