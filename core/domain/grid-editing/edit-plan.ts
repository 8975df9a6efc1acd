// A saved grid edit as a plan: replay the planner's operations on a fresh EditSession (the same
// validation the browser ran), then say which grid rows stay, which are created (with lineage)
// and which are retired. A split or merge retires the grids it touches and creates new ones whose
// `parentIds` name them; plain unit moves keep the grids (and their codes). Pure: used by the
// server before it writes, and by the browser to build the request.
import { LINE_MARGIN, lineProblem, reachOf, ringProblem } from '../../geo/drawn-shape'
import type { EditOp, UnitOp } from '../grids/edit-op'
import { EditSession } from '../grids/edit-session'
import { GridError } from '../grids/errors'
import { sideOfLine, unitsInPolygon } from '../grids/selection'
import { type Assignment, type GridSettings, type LngLat, UNASSIGNED, type UnitGraph } from '../grids/types'

export interface PlanInput {
  graph: UnitGraph
  /** unit → existing grid id (−1 unassigned) */
  assignment: Assignment
  settings: GridSettings
  /** existing grids with no units */
  emptyGrids?: number[]
  ops: EditOp[]
}

export interface PlannedGrid {
  key: number
  unitIds: string[]
  /** existing grids this one comes from (empty for a kept grid or a plain new grid) */
  parentIds: number[]
}

export interface EditPlan {
  /** final unit → grid key */
  assignment: Int32Array
  /** existing grids that stay (same id and code), with their final units */
  kept: PlannedGrid[]
  /** grids to create, keyed by replay key, with lineage */
  created: PlannedGrid[]
  /** existing grid ids to retire (split, merged, deleted) */
  retired: number[]
  /** net unit moves: existing grid id → final key */
  moves: { unitId: string; from: number; to: number }[]
  /** the planner's pick of a split: existing grid id → the key of the part to carry its code */
  codePreference: Map<number, number>
}

/** Error code for rules of a saved edit beyond the session's own checks. */
export class PlanError extends Error {
  constructor(
    readonly code: 'UNIT_UNASSIGNED' | 'INVALID_GEOMETRY' | 'INVALID_SPLIT' | 'EMPTY_EDIT',
    message: string,
  ) {
    super(message)
    this.name = 'PlanError'
  }
}

function checkDrawn(problem: string | undefined, points: unknown, degrees: boolean): asserts points is LngLat[] {
  if (problem) throw new PlanError('INVALID_GEOMETRY', problem)
  if (!degrees) return
  const i = (points as LngLat[]).findIndex(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)
  if (i >= 0) throw new PlanError('INVALID_GEOMETRY', `position ${i} is not [lng, lat] in degrees`)
}

/** The units an operation means (a drawn shape resolved to whole units by centroid). */
export function resolveOp(session: EditSession, graph: UnitGraph, op: EditOp): UnitOp {
  const degrees = graph.centroidCrs !== 'metric'
  switch (op.kind) {
    case 'moveUnitsInPolygon': {
      checkDrawn(ringProblem(op.ring, reachOf(graph.centroids), 'lasso ring'), op.ring, degrees)
      const ids = unitsInPolygon(graph.centroids, op.ring).map((u) => graph.ids[u])
      return { kind: 'moveUnits' as const, unitIds: ids, toGrid: op.toGrid }
    }
    case 'splitByLine': {
      const reach = reachOf(graph.centroids, degrees ? LINE_MARGIN : 0)
      checkDrawn(lineProblem(op.line, reach, 'split line'), op.line, degrees)
      const members = session.unitsOf(op.grid)
      const index = new Map(graph.ids.map((id, u) => [id, u]))
      const centroids = members.map((id) => graph.centroids[index.get(id)!])
      const { left, right } = sideOfLine(centroids, op.line, { lngLat: degrees })
      if (left.length === 0 || right.length === 0)
        throw new PlanError('INVALID_SPLIT', `the line does not cross grid ${op.grid}: all its units are on one side`)
      return {
        kind: 'splitByAssignment' as const,
        grid: op.grid,
        sideA: left.map((i) => members[i]),
        sideB: right.map((i) => members[i]),
        ...(op.codeOn ? { codeOn: op.codeOn } : {}),
      }
    }
    case 'createGrid':
      return { kind: 'createGrid' as const }
    default:
      return op
  }
}

/** Replays the operations and returns the plan; throws GridError / PlanError naming the bad input. */
export function planEdit(input: PlanInput): EditPlan {
  const { graph, assignment, settings } = input
  const initial = new Set<number>()
  for (let u = 0; u < assignment.length; u++) if (assignment[u] !== UNASSIGNED) initial.add(assignment[u])
  for (const g of input.emptyGrids ?? []) initial.add(g)
  const session = new EditSession(graph, assignment, {
    settings,
    emptyGrids: (input.emptyGrids ?? []).map((grid) => ({ grid })),
  })
  // lineage: keys whose grid row will be new, and the existing grids each comes from
  const parents = new Map<number, Set<number>>()
  const lineage = (key: number) => parents.get(key) ?? new Set(initial.has(key) ? [key] : [])
  const codePreference = new Map<number, number>()
  const replace = (key: number) => {
    if (!parents.has(key)) parents.set(key, lineage(key))
  }
  if (!Array.isArray(input.ops) || input.ops.length === 0)
    throw new PlanError('EMPTY_EDIT', 'the edit has no operations')
  input.ops.forEach((wire, i) => {
    const op = resolveOp(session, graph, wire)
    try {
      switch (op.kind) {
        case 'splitByAssignment': {
          const from = lineage(op.grid)
          const { createdGrid } = session.apply(op)
          replace(op.grid)
          parents.set(createdGrid!, new Set(from))
          if (op.codeOn) for (const p of from) codePreference.set(p, op.codeOn === 'sideA' ? op.grid : createdGrid!)
          break
        }
        case 'mergeGrids': {
          const from = lineage(op.from)
          session.apply(op)
          replace(op.into)
          for (const g of from) parents.get(op.into)!.add(g)
          break
        }
        case 'createGrid': {
          const { createdGrid } = session.apply(op)
          parents.set(createdGrid!, new Set())
          break
        }
        default:
          session.apply(op)
      }
    } catch (error) {
      if (error instanceof GridError) error.message = `operation ${i + 1} (${wire.kind}): ${error.message}`
      throw error
    }
  })
  // a unit that had a grid must still have one
  const final = session.assignment()
  for (let u = 0; u < final.length; u++)
    if (final[u] === UNASSIGNED && assignment[u] !== UNASSIGNED)
      throw new PlanError('UNIT_UNASSIGNED', `unit ${graph.ids[u]} would be left in no grid`)
  const kept: PlannedGrid[] = []
  const created: PlannedGrid[] = []
  for (const key of session.gridKeys()) {
    const grid = { key, unitIds: session.unitsOf(key), parentIds: [] as number[] }
    if (initial.has(key) && !parents.has(key)) kept.push(grid)
    else created.push({ ...grid, parentIds: [...lineage(key)].sort((a, b) => a - b) })
  }
  const live = new Set(kept.map((g) => g.key))
  const retired = [...initial].filter((g) => !live.has(g)).sort((a, b) => a - b)
  const moves = session.changes().moves.map((m) => ({ unitId: m.unitId, from: m.fromGrid, to: m.toGrid }))
  return { assignment: final, kept, created, retired, moves, codePreference }
}
