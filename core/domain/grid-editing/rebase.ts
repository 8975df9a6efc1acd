// After a conflict (someone saved the community first), carry the planner's unsaved operations
// over to the latest version: replay them on an edit of the new state, renumbering the grids they
// created (keys follow the new state's ids), and keep each operation that still applies.
import { EditLog } from './edit-log'
import type { PlanOp } from './edit-plan'

export interface RebaseResult {
  log: EditLog
  applied: PlanOp[]
  /** operations that no longer apply, with the reason */
  dropped: { op: PlanOp; reason: string }[]
}

const GRID_FIELDS = ['toGrid', 'into', 'from', 'grid'] as const

function remap(op: PlanOp, keys: Map<number, number>): PlanOp {
  const out: Record<string, unknown> = { ...op }
  for (const field of GRID_FIELDS) {
    const value = out[field]
    if (typeof value === 'number' && keys.has(value)) out[field] = keys.get(value)
  }
  return out as PlanOp
}

/** Replays `ops` (made against `before`) onto a fresh edit of `latest`. */
export function rebaseOps(before: EditLog['options'], latest: EditLog['options'], ops: PlanOp[]): RebaseResult {
  const original = new EditLog(before)
  const log = new EditLog(latest)
  const keys = new Map<number, number>()
  const applied: PlanOp[] = []
  const dropped: RebaseResult['dropped'] = []
  for (const op of ops) {
    // the key this op created in the original edit, to renumber later references to it
    let createdBefore: number | undefined
    try {
      createdBefore = original.apply(op).createdGrid
    } catch {
      createdBefore = undefined
    }
    const moved = remap(op, keys)
    try {
      const { createdGrid } = log.apply(moved)
      if (createdBefore !== undefined && createdGrid !== undefined) keys.set(createdBefore, createdGrid)
      applied.push(moved)
    } catch (error) {
      dropped.push({ op, reason: (error as Error).message })
    }
  }
  return { log, applied, dropped }
}
