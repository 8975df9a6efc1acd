// The grid edit operations: the one vocabulary that the browser's live preview, the save request,
// the server's replay, a revert and an accepted proposal all build and apply. Grid keys are grid
// ids, or the keys a replay gives created grids (max existing id + 1, + 2, … in order of creation).
// Unit ids are strings in core's unit graph and integers on the wire: `EditOp<number>` is the save
// request's operation (core/api/grid-editing.ts checks its schema against it).
import type { LngLat } from './types'

export type EditOp<Unit extends string | number = string> =
  | { kind: 'moveUnits'; unitIds: Unit[]; toGrid: number }
  /** lasso: the units whose centroid lies inside the ring move to the grid */
  | { kind: 'moveUnitsInPolygon'; ring: LngLat[]; toGrid: number }
  /** a new empty grid; `communityId` only for a graph of several communities (never on the wire) */
  | { kind: 'createGrid'; communityId?: string }
  | { kind: 'mergeGrids'; into: number; from: number }
  | { kind: 'deleteGrid'; grid: number }
  /** `codeOn`: the side that keeps the grid's code (default: the side with more households) */
  | { kind: 'splitByAssignment'; grid: number; sideA: Unit[]; sideB: Unit[]; codeOn?: SplitSide }
  /** the units left of the drawn line stay in the grid (sideA), those right of it form a new grid (sideB) */
  | { kind: 'splitByLine'; grid: number; line: LngLat[]; codeOn?: SplitSide }

/** A side of a split: A stays in the grid's key, B becomes a new grid. */
export type SplitSide = 'sideA' | 'sideB'

/** The operations drawn as a shape, resolved to whole units by centroid before they are applied. */
export type DrawnOpKind = 'moveUnitsInPolygon' | 'splitByLine'

/** An operation that names its units: what an edit session applies. */
export type UnitOp<Unit extends string | number = string> = Exclude<EditOp<Unit>, { kind: DrawnOpKind }>

/** The same operation with its unit ids converted (strings in core ↔ integers on the wire). */
export function withUnitIds<A extends string | number, B extends string | number>(
  op: EditOp<A>,
  convert: (id: A) => B,
): EditOp<B> {
  switch (op.kind) {
    case 'moveUnits':
      return { ...op, unitIds: op.unitIds.map(convert) }
    case 'splitByAssignment':
      return { ...op, sideA: op.sideA.map(convert), sideB: op.sideB.map(convert) }
    default:
      return op
  }
}

/** The same operation with the grid keys it refers to converted (renumbering after a rebase). */
export function withGridRefs<Unit extends string | number>(
  op: EditOp<Unit>,
  convert: (key: number) => number,
): EditOp<Unit> {
  switch (op.kind) {
    case 'moveUnits':
    case 'moveUnitsInPolygon':
      return { ...op, toGrid: convert(op.toGrid) }
    case 'mergeGrids':
      return { ...op, into: convert(op.into), from: convert(op.from) }
    case 'deleteGrid':
    case 'splitByAssignment':
    case 'splitByLine':
      return { ...op, grid: convert(op.grid) }
    default:
      return op
  }
}

/** The grid keys an operation refers to (not the one it creates). */
export function gridRefsOf(op: EditOp<string | number>): number[] {
  switch (op.kind) {
    case 'moveUnits':
    case 'moveUnitsInPolygon':
      return [op.toGrid]
    case 'mergeGrids':
      return [op.into, op.from]
    case 'deleteGrid':
    case 'splitByAssignment':
    case 'splitByLine':
      return [op.grid]
    default:
      return []
  }
}

/** The unit ids an operation names (drawn shapes name none until resolved). */
export function unitIdsOf<Unit extends string | number>(op: EditOp<Unit>): Unit[] {
  if (op.kind === 'moveUnits') return op.unitIds
  if (op.kind === 'splitByAssignment') return [...op.sideA, ...op.sideB]
  return []
}

/** Does the operation create a grid (and so use up the next replay key)? */
export const createsGrid = (op: EditOp<string | number>): boolean =>
  op.kind === 'createGrid' || op.kind === 'splitByAssignment' || op.kind === 'splitByLine'
