import { describe, expect, it } from 'vitest'
import type { EditOp } from '../grids/edit-op'
import { GridError } from '../grids/errors'
import { latticeGraph } from '../grids/fixtures'
import { PlanError, planEdit } from './edit-plan'
import { rebaseOps } from './rebase'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 4 × 2 lattice of 100 m squares, 100 households each; grid 10 = columns 0–1, grid 20 = columns 2–3
//   r1c0 r1c1 | r1c2 r1c3
//   r0c0 r0c1 | r0c2 r0c3
const graph = latticeGraph({ cols: 4, rows: 2, households: 100 })
const start = [10, 10, 20, 20, 10, 10, 20, 20]
const plan = (ops: EditOp[], emptyGrids?: number[]) => planEdit({ graph, assignment: start, settings, emptyGrids, ops })
const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    if (e instanceof GridError || e instanceof PlanError) return e.code
    throw e
  }
  return 'no error'
}
const households = (p: ReturnType<typeof plan>) =>
  [...p.kept, ...p.created].reduce((s, g) => s + g.unitIds.length * 100, 0)

describe('planEdit', () => {
  it('keeps both grids on a plain move, with the net move listed', () => {
    const p = plan([{ kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 }])
    expect(p.kept.map((g) => [g.key, g.unitIds.length])).toEqual([
      [10, 3],
      [20, 5],
    ])
    expect(p.created).toEqual([])
    expect(p.retired).toEqual([])
    expect(p.moves).toEqual([{ unitId: 'r0c1', from: 10, to: 20 }])
  })

  it('retires a split grid and creates two children with its id as parent', () => {
    // a horizontal line between the rows, drawn west → east: row 1 is on the left (north)
    const p = plan([
      {
        kind: 'splitByLine',
        grid: 10,
        line: [
          [-50, 100],
          [450, 100],
        ],
      },
    ])
    expect(p.retired).toEqual([10])
    expect(p.kept.map((g) => g.key)).toEqual([20])
    expect(p.created.map((g) => [g.unitIds.sort(), g.parentIds])).toEqual([
      [['r1c0', 'r1c1'], [10]],
      [['r0c0', 'r0c1'], [10]],
    ])
    expect(households(p)).toBe(800)
  })

  it('merges two grids into a new one whose parents are both', () => {
    const p = plan([{ kind: 'mergeGrids', into: 10, from: 20 }])
    expect(p.retired).toEqual([10, 20])
    expect(p.created).toEqual([{ key: 10, unitIds: expect.any(Array), parentIds: [10, 20] }])
    expect(p.created[0].unitIds).toHaveLength(8)
  })

  it('selects whole units inside a lasso by centroid', () => {
    const ring: [number, number][] = [
      [220, -10],
      [280, -10],
      [280, 90],
      [220, 90],
      [220, -10],
    ]
    const p = plan([{ kind: 'moveUnitsInPolygon', ring, toGrid: 10 }])
    expect(p.moves).toEqual([{ unitId: 'r0c2', from: 20, to: 10 }])
  })

  it('creates a grid, fills it and deletes an empty one', () => {
    const p = plan(
      [
        { kind: 'createGrid' },
        { kind: 'moveUnits', unitIds: ['r0c3', 'r1c3'], toGrid: 31 },
        { kind: 'deleteGrid', grid: 30 },
      ],
      [30],
    )
    expect(p.created).toEqual([{ key: 31, unitIds: ['r0c3', 'r1c3'], parentIds: [] }])
    expect(p.retired).toEqual([30])
  })

  it('rejects bad input by name and plans nothing', () => {
    expect(codeOf(() => plan([{ kind: 'moveUnits', unitIds: ['nope'], toGrid: 20 }]))).toBe('UNKNOWN_UNIT')
    expect(codeOf(() => plan([{ kind: 'moveUnits', unitIds: ['r0c0'], toGrid: -1 }]))).toBe('UNIT_UNASSIGNED')
    expect(codeOf(() => plan([{ kind: 'moveUnitsInPolygon', ring: [[0, 0]], toGrid: 10 }]))).toBe('INVALID_GEOMETRY')
    expect(
      codeOf(() =>
        plan([
          {
            kind: 'splitByLine',
            grid: 10,
            line: [
              [0, 0],
              [Number.NaN, 1],
            ],
          },
        ]),
      ),
    ).toBe('INVALID_GEOMETRY')
    expect(
      codeOf(() =>
        plan([
          {
            kind: 'splitByLine',
            grid: 10,
            line: [
              [500, 0],
              [500, 10],
            ],
          },
        ]),
      ),
    ).toBe('INVALID_SPLIT')
    // a line far beyond the community's units is refused as geometry (ADR 17)
    expect(
      codeOf(() =>
        plan([
          {
            kind: 'splitByLine',
            grid: 10,
            line: [
              [5000, 0],
              [5000, 10],
            ],
          },
        ]),
      ),
    ).toBe('INVALID_GEOMETRY')
    expect(codeOf(() => plan([{ kind: 'deleteGrid', grid: 10 }]))).toBe('GRID_NOT_EMPTY')
    expect(codeOf(() => plan([]))).toBe('EMPTY_EDIT')
  })
})

describe('rebaseOps', () => {
  it('carries unsaved operations over to the latest version, renumbering created grids', () => {
    // someone else created grid 30 meanwhile (and moved r0c3 into it)
    const latestAssignment = [10, 10, 20, 30, 10, 10, 20, 20]
    const before = { graph, assignment: start, settings }
    const latest = { graph, assignment: latestAssignment, settings }
    const ops: EditOp[] = [
      { kind: 'createGrid' }, // key 21 before, 31 now
      { kind: 'moveUnits', unitIds: ['r1c3'], toGrid: 21 },
      { kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 },
    ]
    const { log, applied, dropped } = rebaseOps(before, latest, ops)
    expect(dropped).toEqual([])
    expect(applied[1]).toEqual({ kind: 'moveUnits', unitIds: ['r1c3'], toGrid: 31 })
    expect(log.session.gridOf('r1c3')).toBe(31)
    expect(log.session.gridOf('r0c1')).toBe(20)
  })

  it('drops what no longer applies and says why', () => {
    // grid 20 was merged away by someone else: moving into it fails
    const latest = { graph, assignment: [10, 10, 10, 10, 10, 10, 10, 10], settings }
    const { applied, dropped } = rebaseOps({ graph, assignment: start, settings }, latest, [
      { kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 },
      { kind: 'createGrid' },
    ])
    expect(dropped.map((d) => d.reason)).toEqual([expect.stringContaining('20')])
    expect(applied).toEqual([{ kind: 'createGrid' }])
  })
})
