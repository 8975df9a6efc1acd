// Figures of a plan: share of grids in band, mean |deviation|, mean Polsby–Popper, pieces, units moved.
import { gridTotals } from './balance'
import { gridPolsbyPoppers } from './compactness'
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
  /** the least compact grid's Polsby–Popper (0 when there are no grids) */
  minPolsbyPopper: number
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
  const pp = [...gridPolsbyPoppers(graph, assignment).values()]
  return {
    grids: totals.length,
    shareInBand: totals.length ? totals.filter((t) => t.inBand).length / totals.length : 0,
    meanAbsDeviation: totals.length ? totals.reduce((s, t) => s + Math.abs(t.deviation), 0) / totals.length : 0,
    meanPolsbyPopper: pp.length ? pp.reduce((a, b) => a + b, 0) / pp.length : 0,
    minPolsbyPopper: pp.length ? Math.min(...pp) : 0,
    disconnectedGrids: [...pieces.values()].filter((p) => p.length > 1).length,
    unassignedUnits,
    unitsMoved,
  }
}

/**
 * Units moved between two plans whose grid keys need not agree: grids are matched one-to-one
 * greedily by the number of units they share (largest overlap first); every unit not in its
 * grid's matched counterpart counts as moved. Equals the plain count when keys agree.
 */
export function matchedUnitsMoved(assignment: Assignment, current: Assignment): number {
  if (current.length !== assignment.length)
    fail('INVALID_ASSIGNMENT', `current plan has ${current.length} entries, expected ${assignment.length}`)
  // 1. overlap counts of (new grid, old grid) pairs
  const overlap = new Map<string, { a: number; c: number; n: number }>()
  for (let u = 0; u < assignment.length; u++) {
    const key = `${assignment[u]}|${current[u]}`
    const e = overlap.get(key) ?? { a: assignment[u], c: current[u], n: 0 }
    e.n++
    overlap.set(key, e)
  }
  // 2. greedy one-to-one matching, largest overlap first; unassigned only matches unassigned
  const usedA = new Set<number>()
  const usedC = new Set<number>()
  let kept = 0
  const pairs = [...overlap.values()].sort((x, y) => y.n - x.n || x.a - y.a || x.c - y.c)
  for (const { a, c, n } of pairs) {
    if (usedA.has(a) || usedC.has(c) || (a === -1) !== (c === -1)) continue
    usedA.add(a)
    usedC.add(c)
    kept += n
  }
  return assignment.length - kept
}
