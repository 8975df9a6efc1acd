// Accepting a proposal is an ordinary edit per community: the operations that turn its current
// grids into the proposed ones. A rebalance moves only the units whose grid changes (to existing
// grids); a new proposal creates a grid per proposed key, moves its units in, and deletes the old
// grids. Pure: the server builds them when it answers with the proposal.
import type { EditOp } from '../grids/edit-op'

export interface CommunityProposal {
  mode: 'propose' | 'rebalance'
  /** the community's units, and for each its current and its proposed grid key (−1 = none) */
  unitIds: number[]
  current: ArrayLike<number>
  proposed: ArrayLike<number>
  /** the community's current grid ids (a new proposal deletes them all) */
  gridIds: number[]
}

/** The save request's operations that accept the proposal for one community (none if nothing changes). */
export function acceptProposalOps(p: CommunityProposal): EditOp<number>[] {
  const n = p.unitIds.length
  const at = Array.from({ length: n }, (_, i) => i)
  if (at.every((i) => p.proposed[i] === p.current[i])) return []
  const ops: EditOp<number>[] = []
  if (p.mode === 'rebalance') {
    const byTarget = new Map<number, number[]>()
    for (const i of at)
      if (p.proposed[i] !== p.current[i])
        byTarget.set(p.proposed[i], [...(byTarget.get(p.proposed[i]) ?? []), p.unitIds[i]])
    for (const [toGrid, unitIds] of byTarget) ops.push({ kind: 'moveUnits', unitIds, toGrid })
    return ops
  }
  // created grids take the keys a replay gives them: max existing id + 1, + 2, …
  let nextKey = Math.max(0, ...p.gridIds) + 1
  const keys = [...new Set(at.map((i) => p.proposed[i]))].sort((x, y) => x - y)
  for (const key of keys) {
    ops.push({ kind: 'createGrid' })
    ops.push({
      kind: 'moveUnits',
      unitIds: at.filter((i) => p.proposed[i] === key).map((i) => p.unitIds[i]),
      toGrid: nextKey++,
    })
  }
  for (const id of p.gridIds) ops.push({ kind: 'deleteGrid', grid: id })
  return ops
}
