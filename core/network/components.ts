// Connected components (islands, 孤岛) of a walk network over its walkable edges.
import type { WalkNetwork } from './types'

export class UnionFind {
  private parent: Int32Array
  constructor(n: number) {
    this.parent = new Int32Array(n)
    for (let i = 0; i < n; i++) this.parent[i] = i
  }
  find(i: number): number {
    let r = i
    while (this.parent[r] !== r) r = this.parent[r]
    while (this.parent[i] !== r) {
      const next = this.parent[i]
      this.parent[i] = r
      i = next
    }
    return r
  }
  /** joins the sets of a and b; false if they were one already */
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
    return true
  }
}

export interface NetworkComponents {
  /** component sizes in nodes, largest first */
  sizes: number[]
  /** node id → component number (0 = the largest), for nodes on a walkable edge */
  componentOf: Map<number, number>
}

/** Components over the walkable edges; nodes on no walkable edge belong to none. */
export function networkComponents(network: WalkNetwork): NetworkComponents {
  const indexOf = new Map<number, number>()
  for (let i = 0; i < network.nodes.length; i++) indexOf.set(network.nodes[i].id, i)
  const uf = new UnionFind(network.nodes.length)
  const used = new Uint8Array(network.nodes.length)
  for (const e of network.edges) {
    if (!e.walkable) continue
    const a = indexOf.get(e.source)
    const b = indexOf.get(e.target)
    if (a === undefined || b === undefined) throw new Error(`edge ${e.id} joins a missing node`)
    used[a] = 1
    used[b] = 1
    uf.union(a, b)
  }
  const sizeByRoot = new Map<number, number>()
  network.nodes.forEach((_, i) => {
    if (used[i]) sizeByRoot.set(uf.find(i), (sizeByRoot.get(uf.find(i)) ?? 0) + 1)
  })
  const roots = [...sizeByRoot.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])
  const rank = new Map(roots.map(([root], k) => [root, k]))
  const componentOf = new Map<number, number>()
  network.nodes.forEach((n, i) => {
    if (used[i]) componentOf.set(n.id, rank.get(uf.find(i))!)
  })
  return { sizes: roots.map(([, size]) => size), componentOf }
}
