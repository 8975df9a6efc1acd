// The walking distance from every node to the nearest of a set of seeds (a facility type's active
// sites), kept up to date as seeds come and go: a full multi-source Dijkstra once, then per change
// only the nodes it affects. Adding a seed is a search from it that goes only where it is nearer;
// removing one clears the nodes it was nearest to and repairs them from their unaffected
// neighbours (and the remaining seeds) — the same distances as a full search, without one.

import type { WalkGraph } from './graph'
import { MinHeap } from './heap'
import type { GraphAccess } from './snap'

export class NearestField {
  /** metres from each node to its nearest seed; Infinity where none is reachable */
  readonly dist: Float64Array
  /** the label of that seed, -1 where none */
  readonly label: Int32Array
  private readonly seeds = new Map<number, GraphAccess>()
  /** labels of the seeds on each edge, ascending */
  private readonly seedsByEdge = new Map<number, number[]>()
  /** how many seeds sit on each edge (a typed array spares the map lookup on most edges) */
  private readonly seedsOnEdge: Uint16Array

  constructor(
    readonly graph: WalkGraph,
    private readonly heap: MinHeap = new MinHeap(),
  ) {
    this.dist = new Float64Array(graph.nodeCount).fill(Number.POSITIVE_INFINITY)
    this.label = new Int32Array(graph.nodeCount).fill(-1)
    this.seedsOnEdge = new Uint16Array(graph.edgeCount)
  }

  /** Every node from scratch: one search from all the seeds (label `labels[i]` for seed i). */
  reset(seeds: readonly GraphAccess[], labels: ArrayLike<number>): void {
    this.dist.fill(Number.POSITIVE_INFINITY)
    this.label.fill(-1)
    this.clearSeeds()
    this.heap.clear()
    for (let i = 0; i < seeds.length; i++) {
      this.register(labels[i], seeds[i])
      this.pushSeed(labels[i], seeds[i], null)
    }
    this.settle(null)
  }

  /**
   * Every node from a field computed before for the same seeds (at the same places), whose labels
   * `relabel` maps to this field's: a copy instead of a search.
   */
  copyFrom(other: NearestField, relabel: (label: number) => number): void {
    this.dist.set(other.dist)
    for (let u = 0; u < this.label.length; u++) this.label[u] = other.label[u] < 0 ? -1 : relabel(other.label[u])
    this.clearSeeds()
    for (const [l, a] of other.seeds) this.register(relabel(l), a)
  }

  /** Adds a seed; the nodes whose distance it shortened are appended to `changed`. */
  add(label: number, access: GraphAccess, changed: number[]): void {
    if (this.seeds.has(label)) throw new RangeError(`seed ${label} is already in the field`)
    this.register(label, access)
    this.heap.clear()
    this.pushSeed(label, access, changed)
    this.settle(changed)
  }

  /** Removes a seed; the nodes it was nearest to (now repaired) are appended to `changed`. */
  remove(label: number, changed: number[]): void {
    const access = this.seeds.get(label)
    if (!access) return
    this.seeds.delete(label)
    const list = this.seedsByEdge.get(access.edge)!
    list.splice(list.indexOf(label), 1)
    this.seedsOnEdge[access.edge]--
    if (list.length === 0) this.seedsByEdge.delete(access.edge)
    const { dist, label: of, heap } = this
    const { adjStart, adjNode, adjEdge, edgeLength } = this.graph
    const from = changed.length
    for (let u = 0; u < dist.length; u++)
      if (of[u] === label) {
        dist[u] = Number.POSITIVE_INFINITY
        of[u] = -1
        changed.push(u)
      }
    heap.clear()
    // each cleared node from its nearest unaffected neighbour …
    for (let i = from; i < changed.length; i++) {
      const u = changed[i]
      for (let k = adjStart[u]; k < adjStart[u + 1]; k++) {
        const v = adjNode[k]
        if (of[v] < 0) continue
        const d = dist[v] + edgeLength[adjEdge[k]]
        if (d < dist[u]) {
          dist[u] = d
          of[u] = of[v]
        }
      }
      if (of[u] >= 0) heap.push(dist[u], u)
    }
    // … or a remaining seed on one of its edges, then onwards through the cleared region
    for (const [l, a] of this.seeds) this.pushSeed(l, a, null)
    this.settle(null)
  }

  /**
   * The walking distance from the nearest seed to a point on the graph (its access metres
   * included) and that seed's label; Infinity and -1 when no seed reaches it.
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
    const same = this.seedsOnEdge[edge] > 0 ? this.seedsByEdge.get(edge) : undefined
    if (same)
      for (const l of same) {
        const s = this.seeds.get(l)!
        const d = s.accessM + Math.abs(s.t - t) * length
        if (d < best) {
          best = d
          bestLabel = l
        }
      }
    if (best === Number.POSITIVE_INFINITY) {
      out.meters = Number.POSITIVE_INFINITY
      out.label = -1
    } else {
      out.meters = best + accessM
      out.label = bestLabel
    }
  }

  /** The edge a seed sits on, or -1 when there is no such seed. */
  seedEdge(label: number): number {
    return this.seeds.get(label)?.edge ?? -1
  }

  private clearSeeds(): void {
    for (const a of this.seeds.values()) this.seedsOnEdge[a.edge] = 0
    this.seeds.clear()
    this.seedsByEdge.clear()
  }

  private register(label: number, access: GraphAccess): void {
    this.seeds.set(label, access)
    this.seedsOnEdge[access.edge]++
    const list = this.seedsByEdge.get(access.edge)
    if (!list) this.seedsByEdge.set(access.edge, [label])
    else {
      let i = list.length
      while (i > 0 && list[i - 1] > label) i--
      list.splice(i, 0, label)
    }
  }

  // the seed's distance to both ends of its edge, where it is nearer
  private pushSeed(label: number, a: GraphAccess, changed: number[] | null): void {
    const { edgeSource, edgeTarget, edgeLength } = this.graph
    const length = edgeLength[a.edge]
    this.relax(edgeSource[a.edge], a.accessM + a.t * length, label, changed)
    this.relax(edgeTarget[a.edge], a.accessM + (1 - a.t) * length, label, changed)
  }

  private relax(u: number, d: number, l: number, changed: number[] | null): void {
    if (!(d < this.dist[u])) return
    changed?.push(u)
    this.dist[u] = d
    this.label[u] = l
    this.heap.push(d, u)
  }

  // Dijkstra from what is on the heap, only where it is nearer
  private settle(changed: number[] | null): void {
    const { dist, label, heap } = this
    const { adjStart, adjNode, adjEdge, edgeLength } = this.graph
    while (heap.size > 0) {
      const d = heap.peekKey()
      const u = heap.pop()
      if (d > dist[u]) continue // stale
      const l = label[u]
      for (let k = adjStart[u], end = adjStart[u + 1]; k < end; k++) {
        const v = adjNode[k]
        const nd = d + edgeLength[adjEdge[k]]
        if (nd < dist[v]) {
          changed?.push(v)
          dist[v] = nd
          label[v] = l
          heap.push(nd, v)
        }
      }
    }
  }
}
