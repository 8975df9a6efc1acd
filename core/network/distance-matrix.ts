// Walking distances between two sets of points on the graph (p-median on foot): one search per
// source bounded by a cap, read at every target. Beyond the cap — or unreachable, or off the
// network — an entry is the cap itself, so the matrix stays dense and finite.

import type { WalkSearch } from './search'
import type { GraphAccess } from './snap'

/** distance[i * sources.length + j]: from source j to target i, at most `cap` metres. */
export function cappedDistanceMatrix(
  search: WalkSearch,
  targets: readonly (GraphAccess | null)[],
  sources: readonly (GraphAccess | null)[],
  cap: number,
): Float64Array {
  if (!(cap > 0) || !Number.isFinite(cap)) throw new RangeError(`invalid cap: ${cap}`)
  const n = targets.length
  const m = sources.length
  const distance = new Float64Array(n * m).fill(cap)
  const hit = { meters: 0, label: 0 }
  for (let j = 0; j < m; j++) {
    const from = sources[j]
    if (!from || from.accessM >= cap) continue
    search.run([from], cap)
    for (let i = 0; i < n; i++) {
      const to = targets[i]
      if (!to) continue
      search.distanceTo(to.edge, to.t, to.accessM, hit)
      if (hit.meters < cap) distance[i * m + j] = hit.meters
    }
  }
  return distance
}
