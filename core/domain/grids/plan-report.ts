// Figures of a plan: share of grids in band, mean |deviation|, mean Polsby–Popper, pieces, units moved.
import { gridTotals } from './balance'
import { meanPolsbyPopper } from './compactness'
import { allGridPieces } from './connectivity'
import { fail } from './errors'
import type { Assignment, GridSettings, UnitGraph } from './types'

export interface PlanReport {
  grids: number
  /** grids within target ± tolerance / grids */
  shareInBand: number
  /** mean over grids of |households − target| / target */
  meanAbsDeviation: number
  meanPolsbyPopper: number
  /** grids in more than one piece */
  disconnectedGrids: number
  unassignedUnits: number
  /** units whose grid differs from `current` (null without a current plan) */
  unitsMoved: number | null
}

export function planReport(
  graph: UnitGraph,
  assignment: Assignment,
  settings: GridSettings,
  current?: Assignment,
): PlanReport {
  const totals = gridTotals(graph, assignment, settings)
  if (current && current.length !== assignment.length)
    fail('INVALID_ASSIGNMENT', `current plan has ${current.length} entries, expected ${assignment.length}`)
  let unitsMoved: number | null = null
  if (current) {
    unitsMoved = 0
    for (let u = 0; u < assignment.length; u++) if (assignment[u] !== current[u]) unitsMoved++
  }
  let unassignedUnits = 0
  for (let u = 0; u < assignment.length; u++) if (assignment[u] === -1) unassignedUnits++
  const pieces = allGridPieces(graph, assignment)
  return {
    grids: totals.length,
    shareInBand: totals.length ? totals.filter((t) => t.inBand).length / totals.length : 0,
    meanAbsDeviation: totals.length ? totals.reduce((s, t) => s + Math.abs(t.deviation), 0) / totals.length : 0,
    meanPolsbyPopper: meanPolsbyPopper(graph, assignment),
    disconnectedGrids: [...pieces.values()].filter((p) => p.length > 1).length,
    unassignedUnits,
    unitsMoved,
  }
}
