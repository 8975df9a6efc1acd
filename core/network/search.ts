// Dijkstra on the walk graph from points that sit ON edges (an access: edge, fraction t, metres
// off it), single- or multi-source, with an optional distance cut-off. One workspace is reused:
// only the nodes a run touched are reset before the next run.

import type { WalkGraph } from './graph'
import { MinHeap } from './heap'
import type { GraphAccess } from './snap'

export class WalkSearch {
  /** metres from the nearest seed to each node; Infinity where not reached (or beyond the cut-off) */
  readonly dist: Float64Array
  /** the label of the seed each reached node's distance comes from */
  readonly label: Int32Array
  private readonly touched: Int32Array
  private touchedCount = 0
  private readonly heap = new MinHeap()
  private seeds: readonly GraphAccess[] = []
  private seedLabels: ArrayLike<number> = []
  private seedsByEdge = new Map<number, number[]>()
  cutoff = Number.POSITIVE_INFINITY

  constructor(readonly graph: WalkGraph) {
    this.dist = new Float64Array(graph.nodeCount).fill(Number.POSITIVE_INFINITY)
    this.label = new Int32Array(graph.nodeCount).fill(-1)
    this.touched = new Int32Array(graph.nodeCount)
  }

  /** Nodes reached by the last run (distance <= cut-off), in no particular order. */
  reachedNodes(): Int32Array {
    return this.touched.subarray(0, this.touchedCount)
  }

  /** Runs from the seeds (label i for seed i unless labels are given), reaching no farther than `cutoff`. */
  run(seeds: readonly GraphAccess[], cutoff = Number.POSITIVE_INFINITY, labels?: ArrayLike<number>): void {
    const { dist, label, touched, heap, graph } = this
    for (let k = 0; k < this.touchedCount; k++) {
      dist[touched[k]] = Number.POSITIVE_INFINITY
      label[touched[k]] = -1
    }
    this.touchedCount = 0
    heap.clear()
    this.seeds = seeds
    this.seedLabels = labels ?? Int32Array.from(seeds, (_, i) => i)
    this.cutoff = cutoff
    this.seedsByEdge.clear()
    const { edgeSource, edgeTarget, edgeLength, adjStart, adjNode, adjEdge } = graph
    const reach = (u: number, d: number, l: number) => {
      if (d > cutoff || d >= dist[u]) return
      if (dist[u] === Number.POSITIVE_INFINITY) touched[this.touchedCount++] = u
      dist[u] = d
      label[u] = l
      heap.push(d, u)
    }
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]
      const l = this.seedLabels[i]
      const list = this.seedsByEdge.get(s.edge)
      if (list) list.push(i)
      else this.seedsByEdge.set(s.edge, [i])
      const length = edgeLength[s.edge]
      reach(edgeSource[s.edge], s.accessM + s.t * length, l)
      reach(edgeTarget[s.edge], s.accessM + (1 - s.t) * length, l)
    }
    // the main loop, with the relaxation written out (the hot path of every walking figure)
    let count = this.touchedCount
    while (heap.size > 0) {
      const d = heap.peekKey()
      const u = heap.pop()
      if (d > dist[u]) continue // stale
      const l = label[u]
      for (let k = adjStart[u], end = adjStart[u + 1]; k < end; k++) {
        const v = adjNode[k]
        const nd = d + edgeLength[adjEdge[k]]
        if (nd > cutoff || nd >= dist[v]) continue
        if (dist[v] === Number.POSITIVE_INFINITY) touched[count++] = v
        dist[v] = nd
        label[v] = l
        heap.push(nd, v)
      }
    }
    this.touchedCount = count
  }

  /**
   * The walking distance from the last run's seeds to a point on the graph (its access metres
   * included) and the label it comes from; Infinity and -1 when unreached within the cut-off.
   */
  distanceTo(edge: number, t: number, accessM: number, out: { meters: number; label: number }): void {
    const { dist, label, graph } = this
    const length = graph.edgeLength[edge]
    const u = graph.edgeSource[edge]
    const v = graph.edgeTarget[edge]
    const viaU = dist[u] + t * length
    const viaV = dist[v] + (1 - t) * length
    let best = Math.min(viaU, viaV)
    let bestLabel = viaU <= viaV ? label[u] : label[v]
    const same = this.seedsByEdge.get(edge)
    if (same)
      for (const i of same) {
        const s = this.seeds[i]
        const d = s.accessM + Math.abs(s.t - t) * length
        if (d < best) {
          best = d
          bestLabel = this.seedLabels[i]
        }
      }
    const meters = best + accessM
    if (meters > this.cutoff || best === Number.POSITIVE_INFINITY) {
      out.meters = Number.POSITIVE_INFINITY
      out.label = -1
    } else {
      out.meters = meters
      out.label = bestLabel
    }
  }
}
