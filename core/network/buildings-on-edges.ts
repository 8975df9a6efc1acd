// Demand points (buildings) joined to the walk graph: each one's access (edge, t, metres off),
// and the points on each edge (CSR), so a search evaluates only the points on edges it reached.

import type { WalkGraph } from './graph'
import type { WalkSearch } from './search'
import type { EdgeSnapper, GraphAccess } from './snap'

export interface PointsOnGraph {
  count: number
  /** edge index of each point's access, -1 when the graph has no edge */
  edge: Int32Array
  t: Float64Array
  accessM: Float64Array
  /** the points on edge e are items[start[e] .. start[e + 1]) */
  start: Int32Array
  items: Int32Array
}

/** Snaps every point (metres) to its nearest walkable edge. */
export function joinPoints(
  graph: WalkGraph,
  snapper: EdgeSnapper,
  xMeters: ArrayLike<number>,
  yMeters: ArrayLike<number>,
): PointsOnGraph {
  const count = xMeters.length
  const edge = new Int32Array(count).fill(-1)
  const t = new Float64Array(count)
  const accessM = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  for (let i = 0; i < count; i++) {
    const a = snapper.snap(xMeters[i], yMeters[i])
    if (!a) continue
    edge[i] = a.edge
    t[i] = a.t
    accessM[i] = a.accessM
  }
  const start = new Int32Array(graph.edgeCount + 1)
  for (let i = 0; i < count; i++) if (edge[i] >= 0) start[edge[i] + 1]++
  for (let e = 0; e < graph.edgeCount; e++) start[e + 1] += start[e]
  const fill = start.slice(0, graph.edgeCount)
  const items = new Int32Array(start[graph.edgeCount])
  for (let i = 0; i < count; i++) if (edge[i] >= 0) items[fill[edge[i]]++] = i
  return { count, edge, t, accessM, start, items }
}

/** The points within `cutoff` walking metres of one access, with their distances (point order). */
export function pointsWithin(
  search: WalkSearch,
  points: PointsOnGraph,
  from: GraphAccess,
  cutoff: number,
  edgeStamp: Int32Array,
  stamp: number,
): { points: Int32Array; meters: Float64Array } {
  search.run([from], cutoff)
  const { graph } = search
  const found: number[] = []
  const meters: number[] = []
  const hit = { meters: 0, label: 0 }
  const visit = (e: number) => {
    if (edgeStamp[e] === stamp) return
    edgeStamp[e] = stamp
    for (let k = points.start[e]; k < points.start[e + 1]; k++) {
      const p = points.items[k]
      search.distanceTo(e, points.t[p], points.accessM[p], hit)
      if (hit.meters <= cutoff) {
        found.push(p)
        meters.push(hit.meters)
      }
    }
  }
  visit(from.edge)
  for (const u of search.reachedNodes())
    for (let k = graph.adjStart[u]; k < graph.adjStart[u + 1]; k++) visit(graph.adjEdge[k])
  // in point order, so sums come out the same whichever way the search went
  const order = Int32Array.from(found.keys()).sort((a, b) => found[a] - found[b])
  return {
    points: Int32Array.from(order, (k) => found[k]),
    meters: Float64Array.from(order, (k) => meters[k]),
  }
}

/** Every point's walking distance to the nearest seed and that seed's label (-1: unreachable). */
export function nearestSeedInto(
  search: WalkSearch,
  points: PointsOnGraph,
  seeds: readonly GraphAccess[],
  labels: ArrayLike<number>,
  nearestMeters: Float32Array,
  nearestLabel: Int32Array,
): void {
  nearestMeters.fill(Number.POSITIVE_INFINITY)
  nearestLabel.fill(-1)
  if (seeds.length === 0) return
  search.run(seeds, Number.POSITIVE_INFINITY, labels)
  const hit = { meters: 0, label: 0 }
  for (let p = 0; p < points.count; p++) {
    const e = points.edge[p]
    if (e < 0) continue
    search.distanceTo(e, points.t[p], points.accessM[p], hit)
    nearestMeters[p] = hit.meters
    nearestLabel[p] = hit.label
  }
}
