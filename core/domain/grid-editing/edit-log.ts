// The planner's edit, and the one undo/redo there is: an EditSession that only ever moves
// forward, plus the list of operations. Undo rebuilds the session from the starting plan and
// replays all but the last operation, so the keys of created grids are always the ones a replay on
// the server gives (planEdit): what the planner previews is what is saved.
import type { EditOp, UnitOp } from '../grids/edit-op'
import { type AppliedOp, EditSession, type GridDiff, type GridState } from '../grids/edit-session'
import type { Assignment, GridSettings, UnitGraph } from '../grids/types'
import { resolveOp } from './edit-plan'

export interface EditLogOptions {
  graph: UnitGraph
  assignment: Assignment
  settings: GridSettings
  emptyGrids?: number[]
}

export class EditLog {
  private sessionValue: EditSession
  private readonly done: EditOp[] = []
  private undone: EditOp[] = []

  constructor(readonly options: EditLogOptions) {
    this.sessionValue = this.fresh()
  }

  get session(): EditSession {
    return this.sessionValue
  }

  /** Operations applied so far, in order: the body of the save request. */
  get ops(): EditOp[] {
    return [...this.done]
  }

  get canUndo(): boolean {
    return this.done.length > 0
  }

  get canRedo(): boolean {
    return this.undone.length > 0
  }

  /** Applies an operation (throws GridError / PlanError and changes nothing when it is invalid). */
  apply(op: EditOp): AppliedOp {
    const result = this.sessionValue.apply(this.resolve(op))
    this.done.push(op)
    this.undone = []
    return result
  }

  /** The units an operation means now (a drawn shape resolved by centroid); throws when it is invalid. */
  resolve(op: EditOp): UnitOp {
    return resolveOp(this.sessionValue, this.options.graph, op)
  }

  /** The diff an operation would make, without making it (for the live preview). */
  preview(op: EditOp): GridDiff[] {
    return this.sessionValue.preview(this.resolve(op))
  }

  undo(): void {
    const op = this.done.pop()
    if (!op) return
    this.undone.push(op)
    this.sessionValue = this.fresh()
    for (const o of this.done) this.sessionValue.apply(this.resolve(o))
  }

  redo(): void {
    const op = this.undone.pop()
    if (!op) return
    this.sessionValue.apply(this.resolve(op))
    this.done.push(op)
  }

  /** Every current grid's state, by key. */
  states(): GridState[] {
    return this.sessionValue.gridKeys().map((g) => this.sessionValue.state(g))
  }

  private fresh(): EditSession {
    const { graph, assignment, settings, emptyGrids } = this.options
    return new EditSession(graph, assignment, { settings, emptyGrids: (emptyGrids ?? []).map((grid) => ({ grid })) })
  }
}
