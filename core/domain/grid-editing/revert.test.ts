import { describe, expect, it } from 'vitest'
import { withUnitIds } from '../grids/edit-op'
import { latticeGraph } from '../grids/fixtures'
import { planEdit } from './edit-plan'
import { type RevertOps, revertOps } from './revert'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 4 × 2 lattice, unit ids 1–8 (row 0 = 1–4, row 1 = 5–8); before the edit grid 10 = columns 0–1, grid 20 = columns 2–3
const graph = { ...latticeGraph({ cols: 4, rows: 2, households: 100 }), ids: ['1', '2', '3', '4', '5', '6', '7', '8'] }
const units = (grids: number[]) => grids.map((gridId, i) => ({ id: i + 1, gridId }))

describe('revertOps', () => {
  it('moves the units back to the grids they left', () => {
    const revision = { moves: [{ unitId: 3, from: 20, to: 10 }], created: [], retired: [] }
    const now = { gridIds: [10, 20], units: units([10, 10, 10, 20, 10, 10, 20, 20]) }
    expect(revertOps(revision, now)).toEqual({
      kind: 'ops',
      ops: [{ kind: 'moveUnits', unitIds: [3], toGrid: 20 }],
      parentHints: new Map(),
    })
  })

  it('recreates the grids a merge retired and deletes the merged grid: replayed, the old grids are back', () => {
    // the merge moved every unit into the new grid 30 and retired 10 and 20
    const revision = {
      moves: [1, 2, 5, 6]
        .map((unitId) => ({ unitId, from: 10, to: 30 }))
        .concat([3, 4, 7, 8].map((unitId) => ({ unitId, from: 20, to: 30 }))),
      created: [30],
      retired: [10, 20],
    }
    const assignment = [30, 30, 30, 30, 30, 30, 30, 30]
    const built = revertOps(revision, { gridIds: [30], units: units(assignment) }) as Extract<
      RevertOps,
      { kind: 'ops' }
    >
    expect(built.kind).toBe('ops')
    expect(built.ops).toEqual([
      { kind: 'createGrid' },
      { kind: 'createGrid' },
      { kind: 'moveUnits', unitIds: [1, 2, 5, 6], toGrid: 31 },
      { kind: 'moveUnits', unitIds: [3, 4, 7, 8], toGrid: 32 },
      { kind: 'deleteGrid', grid: 30 },
    ])
    expect(built.parentHints).toEqual(
      new Map([
        [31, [10]],
        [32, [20]],
      ]),
    )
    const plan = planEdit({ graph, assignment, settings, ops: built.ops.map((op) => withUnitIds(op, String)) })
    expect([...plan.assignment]).toEqual([31, 31, 32, 32, 31, 31, 32, 32])
    expect(plan.retired).toEqual([30])
  })

  it('names the units moved again since, and refuses', () => {
    const revision = { moves: [{ unitId: 3, from: 20, to: 10 }], created: [], retired: [] }
    const now = { gridIds: [10, 20, 40], units: units([10, 10, 40, 20, 10, 10, 20, 20]) }
    expect(revertOps(revision, now)).toEqual({ kind: 'drifted', unitIds: [3] })
  })

  it('has nothing to do for a revision that moved no units', () => {
    expect(revertOps({ moves: [], created: [], retired: [] }, { gridIds: [10], units: units([10]) })).toEqual({
      kind: 'empty',
    })
  })
})
