// A grid edit as a deterministic state machine: operations (edit-op.ts) on a unit → grid
// assignment, a before → after diff of the affected grids computed incrementally (unit counts are
// added and subtracted, only the touched grids are re-walked for connectivity), and the net list
// of changes to save. It only moves forward: undo is the edit log's (core/domain/grid-editing),
// which replays. No I/O; the state lives in this object only.
import { isInBand, deviation as toDeviation, validateSettings } from './balance'
import { piecesOfUnits } from './connectivity'
import type { UnitOp } from './edit-op'
import { fail } from './errors'
import { type GraphIndex, indexGraph, validateAssignment } from './graph-index'
import { type Assignment, type GridSettings, UNASSIGNED, type UnitGraph } from './types'

export interface EditSessionOptions {
  settings: GridSettings
  /** Only units of this community (graph.communityIds) may be edited. */
  communityId?: string
  /** Grids that exist but have no units yet. */
  emptyGrids?: { grid: number; communityId?: string }[]
}

export interface GridState {
  grid: number
  households: number
  residents: number
  units: number
  /** (households − target) / target */
  deviation: number
  inBand: boolean
  connected: boolean
  pieces: number
}

/** One affected grid: null before = created by the operation, null after = deleted by it. */
export interface GridDiff {
  grid: number
  before: GridState | null
  after: GridState | null
}

/** What applying one operation did. */
export interface AppliedOp {
  op: UnitOp
  diff: GridDiff[]
  /** The grid created by createGrid or splitByAssignment (side B). */
  createdGrid?: number
}

export interface UnitChange {
  unitId: string
  fromGrid: number
  toGrid: number
}

/** Net effect of the session against the starting assignment, for saving. */
export interface SessionChanges {
  moves: UnitChange[]
  createdGrids: number[]
  deletedGrids: number[]
}

interface GridRec {
  community: number // -1 = not known yet
  households: number
  residents: number
  members: Set<number>
  pieces: number // -1 = must be re-walked
}

/** The primitive steps an operation is made of; a preview runs them back in reverse. */
interface Step {
  op: UnitOp
  created: { grid: number; community: number }[]
  moves: [unit: number, from: number, to: number][]
  deleted: { grid: number; community: number }[]
  createdGrid?: number
}

export class EditSession {
  readonly settings: GridSettings
  private readonly index: GraphIndex
  private readonly ids: string[]
  private readonly scope: number // community number the session is limited to, -1 = none
  private readonly initial: Int32Array
  private readonly initialGrids: Set<number>
  private readonly assign: Int32Array
  private readonly grids = new Map<number, GridRec>()
  private readonly applied: UnitOp[] = []
  private nextKey = 0

  constructor(graph: UnitGraph, assignment: Assignment, options: EditSessionOptions) {
    validateSettings(options.settings)
    this.settings = { ...options.settings }
    this.index = indexGraph(graph)
    validateAssignment(this.index, assignment)
    this.ids = graph.ids
    // 1. the community the session is limited to, if any
    this.scope = -1
    if (options.communityId !== undefined) {
      this.scope = this.index.communities.indexOf(options.communityId)
      if (this.scope < 0) fail('UNKNOWN_COMMUNITY', `community ${JSON.stringify(options.communityId)} has no units`)
    }
    // 2. grids from the assignment, then the declared empty grids
    this.assign = Int32Array.from(assignment)
    this.initial = Int32Array.from(assignment)
    for (let u = 0; u < this.index.n; u++) {
      const g = this.assign[u]
      if (g === UNASSIGNED) continue
      const rec = this.grids.get(g) ?? this.addGrid(g, this.index.community[u])
      this.addUnit(rec, u)
    }
    for (const { grid, communityId } of options.emptyGrids ?? []) {
      if (!Number.isInteger(grid) || grid < 0)
        fail('UNKNOWN_GRID', `empty grid key must be an integer ≥ 0, got ${grid}`)
      if (this.grids.has(grid)) fail('GRID_EXISTS', `empty grid ${grid} already has units`)
      this.addGrid(grid, communityId === undefined ? this.defaultCommunity() : this.communityNo(communityId))
    }
    this.initialGrids = new Set(this.grids.keys())
    for (const g of this.grids.keys()) this.nextKey = Math.max(this.nextKey, g + 1)
  }

  // ── operations ────────────────────────────────────────────────────────────

  /** Move whole units to a grid (or to -1 = unassigned). */
  moveUnits(unitIds: string[], toGrid: number): AppliedOp {
    return this.apply({ kind: 'moveUnits', unitIds, toGrid })
  }

  /** A new empty grid, keyed max(existing) + 1. */
  createGrid(communityId?: string): AppliedOp {
    return this.apply({ kind: 'createGrid', communityId })
  }

  /** All units of `from` join `into`; `from` is deleted. Only adjacent grids of one community. */
  mergeGrids(into: number, from: number): AppliedOp {
    return this.apply({ kind: 'mergeGrids', into, from })
  }

  /** Delete an empty grid. */
  deleteGrid(grid: number): AppliedOp {
    return this.apply({ kind: 'deleteGrid', grid })
  }

  /** Side A stays in `grid`, side B becomes a new grid; A ∪ B must be exactly the grid's units. */
  splitByAssignment(grid: number, sideA: string[], sideB: string[]): AppliedOp {
    return this.apply({ kind: 'splitByAssignment', grid, sideA, sideB })
  }

  /** Validate and perform an operation (an invalid one throws GridError and changes nothing). */
  apply(op: UnitOp): AppliedOp {
    const step = this.plan(op)
    const diff = this.run(step, false)
    this.applied.push(op)
    return { op, diff, createdGrid: step.createdGrid }
  }

  /** The diff an operation would make, leaving the session unchanged (for live preview). */
  preview(op: UnitOp): GridDiff[] {
    const step = this.plan(op)
    const saved = this.savePieces(step)
    const diff = this.run(step, false)
    this.run(step, true, false)
    this.restorePieces(saved)
    this.nextKey = Math.min(this.nextKey, step.createdGrid ?? this.nextKey)
    return diff
  }

  // ── reading ───────────────────────────────────────────────────────────────

  /** A copy of the current assignment. */
  assignment(): Int32Array {
    return Int32Array.from(this.assign)
  }

  gridOf(unitId: string): number {
    return this.assign[this.unitNo(unitId)]
  }

  /** Current grid keys, ascending. */
  gridKeys(): number[] {
    return [...this.grids.keys()].sort((a, b) => a - b)
  }

  /** Unit ids of a grid, in unit order. */
  unitsOf(grid: number): string[] {
    return [...this.gridRec(grid).members].sort((a, b) => a - b).map((u) => this.ids[u])
  }

  state(grid: number): GridState {
    return this.snapshot(grid, this.gridRec(grid))
  }

  /** The operations applied so far, in order. */
  history(): UnitOp[] {
    return [...this.applied]
  }

  /** Net unit moves and grid creations/deletions against the starting assignment. */
  changes(): SessionChanges {
    const moves: UnitChange[] = []
    for (let u = 0; u < this.index.n; u++)
      if (this.assign[u] !== this.initial[u])
        moves.push({ unitId: this.ids[u], fromGrid: this.initial[u], toGrid: this.assign[u] })
    const now = this.gridKeys()
    return {
      moves,
      createdGrids: now.filter((g) => !this.initialGrids.has(g)),
      deletedGrids: [...this.initialGrids].filter((g) => !this.grids.has(g)).sort((a, b) => a - b),
    }
  }

  // ── planning: validate an operation and turn it into steps ────────────────

  private plan(op: UnitOp): Step {
    const step: Step = { op, created: [], moves: [], deleted: [] }
    switch (op.kind) {
      case 'moveUnits': {
        const target = op.toGrid === UNASSIGNED ? undefined : this.gridRec(op.toGrid)
        for (const u of this.unitNos(op.unitIds)) {
          if (target && target.community >= 0 && target.community !== this.index.community[u])
            fail(
              'UNIT_OTHER_COMMUNITY',
              `unit ${this.ids[u]} is in community ${this.communityName(this.index.community[u])}, grid ${op.toGrid} in ${this.communityName(target.community)}`,
            )
          if (this.assign[u] !== op.toGrid) step.moves.push([u, this.assign[u], op.toGrid])
        }
        break
      }
      case 'createGrid': {
        const community = op.communityId === undefined ? this.defaultCommunity() : this.communityNo(op.communityId)
        if (this.scope >= 0 && community !== this.scope)
          fail(
            'UNIT_OTHER_COMMUNITY',
            `this session edits community ${this.communityName(this.scope)}, not ${op.communityId}`,
          )
        step.createdGrid = this.nextKey
        step.created.push({ grid: this.nextKey, community })
        break
      }
      case 'mergeGrids': {
        const into = this.gridRec(op.into)
        const from = this.gridRec(op.from)
        if (op.into === op.from) fail('GRIDS_NOT_ADJACENT', `cannot merge grid ${op.into} with itself`)
        if (into.community >= 0 && from.community >= 0 && into.community !== from.community)
          fail(
            'UNIT_OTHER_COMMUNITY',
            `grid ${op.into} is in community ${this.communityName(into.community)}, grid ${op.from} in ${this.communityName(from.community)}`,
          )
        if (!this.adjacent(from, op.into)) fail('GRIDS_NOT_ADJACENT', `grids ${op.into} and ${op.from} do not touch`)
        for (const u of [...from.members].sort((a, b) => a - b)) {
          this.checkScope(u)
          step.moves.push([u, op.from, op.into])
        }
        step.deleted.push({ grid: op.from, community: from.community })
        break
      }
      case 'deleteGrid': {
        const rec = this.gridRec(op.grid)
        if (rec.members.size > 0)
          fail('GRID_NOT_EMPTY', `grid ${op.grid} still has ${rec.members.size} units; move them first`)
        step.deleted.push({ grid: op.grid, community: rec.community })
        break
      }
      case 'splitByAssignment': {
        const rec = this.gridRec(op.grid)
        const a = this.unitNos(op.sideA)
        const b = this.unitNos(op.sideB)
        if (a.length === 0 || b.length === 0)
          fail('INVALID_SPLIT', `split of grid ${op.grid} needs units on both sides, got ${a.length} and ${b.length}`)
        const seen = new Set<number>()
        for (const u of [...a, ...b]) {
          if (this.assign[u] !== op.grid)
            fail('INVALID_SPLIT', `unit ${this.ids[u]} is in grid ${this.assign[u]}, not in grid ${op.grid}`)
          if (seen.has(u)) fail('INVALID_SPLIT', `unit ${this.ids[u]} is on both sides (or twice)`)
          seen.add(u)
        }
        if (seen.size !== rec.members.size)
          fail('INVALID_SPLIT', `the sides cover ${seen.size} of the ${rec.members.size} units of grid ${op.grid}`)
        step.createdGrid = this.nextKey
        step.created.push({ grid: this.nextKey, community: rec.community })
        for (const u of b) step.moves.push([u, op.grid, this.nextKey])
        break
      }
      default:
        fail('INVALID_ASSIGNMENT', `unknown operation ${JSON.stringify((op as { kind: unknown }).kind)}`)
    }
    return step
  }

  // ── running steps forward or backward, with the diff ──────────────────────

  private run(step: Step, backward: boolean, withDiff = true): GridDiff[] {
    // 1. affected grids and their state before
    const affected = new Set<number>()
    for (const c of step.created) affected.add(c.grid)
    for (const d of step.deleted) affected.add(d.grid)
    for (const [, from, to] of step.moves) {
      if (from !== UNASSIGNED) affected.add(from)
      if (to !== UNASSIGNED) affected.add(to)
    }
    const keys = [...affected].sort((a, b) => a - b)
    const before = keys.map((g) => {
      const rec = withDiff ? this.grids.get(g) : undefined
      return rec ? this.snapshot(g, rec) : null
    })
    // 2. the steps: create → move → delete, or the reverse
    const added = backward ? step.deleted : step.created
    const removed = backward ? step.created : step.deleted
    for (const { grid, community } of added) this.addGrid(grid, community)
    if (backward) for (let i = step.moves.length - 1; i >= 0; i--) this.moveUnit(step.moves[i][0], step.moves[i][1])
    else for (const [u, , to] of step.moves) this.moveUnit(u, to)
    for (const { grid } of removed) this.grids.delete(grid)
    if (!backward && step.createdGrid !== undefined) this.nextKey = Math.max(this.nextKey, step.createdGrid + 1)
    // 3. state after, only for the affected grids
    if (!withDiff) return []
    return keys.map((grid, i) => {
      const rec = this.grids.get(grid)
      return { grid, before: before[i], after: rec ? this.snapshot(grid, rec) : null }
    })
  }

  private moveUnit(u: number, to: number) {
    const from = this.assign[u]
    if (from !== UNASSIGNED) {
      const rec = this.grids.get(from)!
      rec.members.delete(u)
      rec.households -= this.index.households[u]
      rec.residents -= this.index.residents[u]
      rec.pieces = -1
    }
    if (to !== UNASSIGNED) {
      const rec = this.grids.get(to)!
      this.addUnit(rec, u)
      if (rec.community < 0) rec.community = this.index.community[u]
    }
    this.assign[u] = to
  }

  private addUnit(rec: GridRec, u: number) {
    rec.members.add(u)
    rec.households += this.index.households[u]
    rec.residents += this.index.residents[u]
    rec.pieces = -1
  }

  private addGrid(grid: number, community: number): GridRec {
    const rec: GridRec = { community, households: 0, residents: 0, members: new Set(), pieces: 0 }
    this.grids.set(grid, rec)
    return rec
  }

  private snapshot(grid: number, rec: GridRec): GridState {
    // re-walk connectivity only when the membership changed since the last walk
    if (rec.pieces < 0) rec.pieces = piecesOfUnits(this.index, [...rec.members], (u) => this.assign[u] === grid).length
    // households are sums of integers in practice; round off float drift from add/subtract
    const households = Math.round(rec.households * 1e6) / 1e6
    return {
      grid,
      households,
      residents: Math.round(rec.residents * 1e6) / 1e6,
      units: rec.members.size,
      deviation: toDeviation(households, this.settings),
      inBand: isInBand(households, this.settings),
      connected: rec.pieces <= 1,
      pieces: rec.pieces,
    }
  }

  private savePieces(step: Step): [GridRec, number][] {
    const out: [GridRec, number][] = []
    for (const [, from, to] of step.moves)
      for (const g of [from, to]) {
        const rec = this.grids.get(g)
        if (rec) out.push([rec, rec.pieces])
      }
    return out
  }

  private restorePieces(saved: [GridRec, number][]) {
    for (let i = saved.length - 1; i >= 0; i--) saved[i][0].pieces = saved[i][1]
  }

  // ── lookups that reject bad values ────────────────────────────────────────

  private unitNo(unitId: string): number {
    const u = this.index.idToUnit.get(unitId)
    if (u === undefined) fail('UNKNOWN_UNIT', `unknown unit ${JSON.stringify(unitId)}`)
    return u
  }

  private unitNos(unitIds: string[]): number[] {
    if (!Array.isArray(unitIds)) fail('UNKNOWN_UNIT', `unit ids must be an array, got ${JSON.stringify(unitIds)}`)
    return unitIds.map((id) => {
      const u = this.unitNo(id)
      this.checkScope(u)
      return u
    })
  }

  private checkScope(u: number) {
    if (this.scope >= 0 && this.index.community[u] !== this.scope)
      fail(
        'UNIT_OTHER_COMMUNITY',
        `unit ${this.ids[u]} is in community ${this.communityName(this.index.community[u])}, not ${this.communityName(this.scope)}`,
      )
  }

  private gridRec(grid: number): GridRec {
    const rec = this.grids.get(grid)
    if (!rec) fail('UNKNOWN_GRID', `unknown grid ${JSON.stringify(grid)}`)
    return rec
  }

  private adjacent(a: GridRec, other: number): boolean {
    for (const u of a.members)
      for (let k = this.index.offsets[u]; k < this.index.offsets[u + 1]; k++)
        if (this.assign[this.index.nbr[k]] === other) return true
    return false
  }

  private communityNo(communityId: string): number {
    const c = this.index.communities.indexOf(communityId)
    if (c < 0) fail('UNKNOWN_COMMUNITY', `community ${JSON.stringify(communityId)} has no units`)
    return c
  }

  private communityName(c: number): string {
    return JSON.stringify(this.index.communities[c] ?? '?')
  }

  private defaultCommunity(): number {
    if (this.scope >= 0) return this.scope
    if (this.index.communities.length === 1) return 0
    return fail('UNKNOWN_COMMUNITY', `the graph has ${this.index.communities.length} communities: name one`)
  }
}
