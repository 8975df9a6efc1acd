// Undoing a saved edit is a new edit: the operations that move the units it moved back to the
// grids they left. A grid they left that still exists takes them back; one the edit retired is
// recreated (its lineage: the old id); a grid the edit created that is left empty is deleted.
// Pure: the server builds them inside the revert's transaction, from the state it has locked.
import type { EditOp } from '../grids/edit-op'

/** What a revision recorded of its edit (the `after` side of a stored revision). */
export interface RevisionEffect {
  moves: { unitId: number; from: number | null; to: number }[]
  created: number[]
  retired: number[]
}

/** The community as it is now. */
export interface CurrentGrids {
  gridIds: number[]
  units: { id: number; gridId: number | null }[]
}

export type RevertOps =
  | {
      kind: 'ops'
      /** the save request's operations (unit ids as on the wire) */
      ops: EditOp<number>[]
      /** created grid key → the retired grid it recreates */
      parentHints: Map<number, number[]>
    }
  /** units the revision moved that were moved again since: revert the later edits first */
  | { kind: 'drifted'; unitIds: number[] }
  /** the revision moved no units and retired nothing to bring back */
  | { kind: 'empty' }

export function revertOps(revision: RevisionEffect, now: CurrentGrids): RevertOps {
  const current = new Set(now.gridIds)
  const gridOf = new Map(now.units.map((u) => [u.id, u.gridId]))
  const moves = revision.moves
  // 1. every unit must still be where the revision put it
  const drifted = moves.filter((m) => gridOf.get(m.unitId) !== m.to).map((m) => m.unitId)
  if (drifted.length > 0) return { kind: 'drifted', unitIds: drifted }
  // 2. grids the units left: current ones take them back, retired ones are recreated (lineage: the old id)
  let nextKey = Math.max(0, ...current) + 1
  const ops: EditOp<number>[] = []
  const parentHints = new Map<number, number[]>()
  const target = new Map<number, number>()
  const retiredWithoutUnits = revision.retired.filter((id) => !moves.some((m) => m.from === id))
  for (const old of [...new Set(moves.map((m) => m.from)), ...retiredWithoutUnits]) {
    if (old === null) continue
    if (current.has(old)) target.set(old, old)
    else {
      ops.push({ kind: 'createGrid' })
      parentHints.set(nextKey, [old])
      target.set(old, nextKey++)
    }
  }
  for (const [old, key] of target) {
    const unitIds = moves.filter((m) => m.from === old).map((m) => m.unitId)
    if (unitIds.length > 0) ops.push({ kind: 'moveUnits', unitIds, toGrid: key })
  }
  // 3. grids the revision created that are now empty are deleted
  for (const id of revision.created) {
    const stillHasUnits = now.units.some((u) => u.gridId === id && !moves.some((m) => m.unitId === u.id))
    if (current.has(id) && !stillHasUnits) ops.push({ kind: 'deleteGrid', grid: id })
  }
  return ops.length === 0 ? { kind: 'empty' } : { kind: 'ops', ops, parentHints }
}
