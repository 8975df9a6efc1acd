import { describe, expect, it } from 'vitest'
import { latticeGraph } from '../grids/fixtures'
import { EditLog } from './edit-log'
import { planEdit } from './edit-plan'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 4 × 2 lattice of 100 m squares, 100 households each; grid 10 = columns 0–1, grid 20 = columns 2–3
//   r1c0 r1c1 | r1c2 r1c3
//   r0c0 r0c1 | r0c2 r0c3
const graph = latticeGraph({ cols: 4, rows: 2, households: 100 })
const start = [10, 10, 20, 20, 10, 10, 20, 20]
const fresh = () => new EditLog({ graph, assignment: start, settings })

describe('EditLog', () => {
  it('replays to the same keys after undo, so a saved plan matches the preview', () => {
    const log = fresh()
    log.apply({ kind: 'createGrid' })
    log.undo()
    const { createdGrid } = log.apply({ kind: 'createGrid' })
    log.apply({ kind: 'moveUnits', unitIds: ['r0c3'], toGrid: createdGrid! })
    const replayed = planEdit({ graph, assignment: start, settings, ops: log.ops })
    expect(replayed.created).toEqual([{ key: createdGrid, unitIds: ['r0c3'], parentIds: [] }])
    expect(log.states().map((s) => s.households)).toEqual([400, 300, 100])
  })

  it('undoes and redoes, and previews without changing anything', () => {
    const log = fresh()
    const diff = log.preview({ kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 })
    expect(diff.map((d) => d.after?.households)).toEqual([300, 500])
    expect(log.canUndo).toBe(false)
    log.apply({ kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 })
    log.undo()
    expect(log.states().map((s) => s.households)).toEqual([400, 400])
    log.redo()
    expect(log.states().map((s) => s.households)).toEqual([300, 500])
    expect(log.canRedo).toBe(false)
  })

  it('undoes a merge: the merged grid is back with its units', () => {
    const log = fresh()
    log.apply({ kind: 'mergeGrids', into: 10, from: 20 })
    expect(log.session.gridKeys()).toEqual([10])
    log.undo()
    expect(log.session.unitsOf(20)).toEqual(['r0c2', 'r0c3', 'r1c2', 'r1c3'])
  })

  it('does nothing on undo or redo with nothing to undo or redo', () => {
    const log = fresh()
    log.undo()
    log.redo()
    expect(log.ops).toEqual([])
    expect(log.states().map((s) => s.households)).toEqual([400, 400])
  })

  it('drops what was undone after a new operation', () => {
    const log = fresh()
    log.apply({ kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 20 })
    log.undo()
    log.apply({ kind: 'moveUnits', unitIds: ['r0c2'], toGrid: 10 })
    expect(log.canRedo).toBe(false)
    expect(log.ops).toEqual([{ kind: 'moveUnits', unitIds: ['r0c2'], toGrid: 10 }])
  })

  it('keeps a drawn operation as drawn (the save body) and resolves it to units by centroid', () => {
    const log = fresh()
    // a lasso around the centroids of column 1 (x 100–200 m, y 0–200 m)
    const ring: [number, number][] = [
      [110, -10],
      [190, -10],
      [190, 210],
      [110, 210],
      [110, -10],
    ]
    const op = { kind: 'moveUnitsInPolygon' as const, ring, toGrid: 20 }
    expect(log.resolve(op)).toEqual({ kind: 'moveUnits', unitIds: ['r0c1', 'r1c1'], toGrid: 20 })
    log.apply(op)
    expect(log.ops).toEqual([op])
    expect(log.session.gridOf('r1c1')).toBe(20)
  })
})
