// After a conflict (someone saved the community first), carry the planner's unsaved operations
// over to the latest version: replay them on an edit of the new state, renumbering the grids they
// created (keys follow the new state's ids), and keep each operation that still applies.
import { type EditOp, withGridRefs } from '../grids/edit-op'
import { EditLog } from './edit-log'

export interface RebaseResult {
  log: EditLog
  applied: EditOp[]
  /** operations that no longer apply, with the reason */
  dropped: { op: EditOp; reason: string }[]
}

const remap = (op: EditOp, keys: Map<number, number>): EditOp => withGridRefs(op, (key) => keys.get(key) ?? key)

/** Replays `ops` (made against `before`) onto a fresh edit of `latest`. */
export function rebaseOps(before: EditLog['options'], latest: EditLog['options'], ops: EditOp[]): RebaseResult {
  const original = new EditLog(before)
  const log = new EditLog(latest)
  const keys = new Map<number, number>()
  const applied: EditOp[] = []
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
