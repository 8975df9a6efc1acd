// Working state of a plan under construction (proposal local search, rebalance): grid totals,
// areas and outer perimeters kept incrementally, so a candidate move is priced in O(degree).
import { bandExcess } from './balance'
import { polsbyPopper } from './compactness'
import type { GraphIndex } from './graph-index'
import { type GridSettings, UNASSIGNED } from './types'

/** Weights of the plan cost: band first, then balance, then compactness. */
export const COST = {
  /** per grid out of the band */
  outOfBand: 100,
  /** per target-fraction of households outside the band */
  excess: 10,
  /** per 1 − Polsby–Popper of a grid */
  compactness: 0.1,
}

export class PlanState {
  readonly households: Float64Array
  readonly areaM2: Float64Array
  readonly perimeterM: Float64Array
  readonly members: Set<number>[]
  /** community number of each grid (-1 = none yet) */
  readonly community: Int32Array
  private readonly scratch: Float64Array
  private readonly mark: Int32Array
  private stamp = 0

  constructor(
    readonly index: GraphIndex,
    readonly settings: GridSettings,
    /** unit → local grid 0..gridCount−1, or -1 */
    readonly assign: Int32Array,
    readonly gridCount: number,
  ) {
    this.households = new Float64Array(gridCount)
    this.areaM2 = new Float64Array(gridCount)
    this.perimeterM = new Float64Array(gridCount)
    this.community = new Int32Array(gridCount).fill(-1)
    this.members = Array.from({ length: gridCount }, () => new Set<number>())
    this.scratch = new Float64Array(gridCount)
    this.mark = new Int32Array(index.n)
    // 1. totals from scratch once, joining units one by one (each internal edge subtracted once
    //    per side: a unit's grid-mates not yet joined must not count); afterwards only by moves
    const initial = Int32Array.from(assign)
    assign.fill(UNASSIGNED)
    for (let u = 0; u < index.n; u++) if (initial[u] !== UNASSIGNED) this.join(u, initial[u])
  }

  /** Cost of one grid: out-of-band penalty, squared deviation, lack of compactness. */
  gridCost(households: number, areaM2: number, perimeterM: number): number {
    const t = this.settings.targetHouseholds
    const excess = bandExcess(households, this.settings)
    const dev = (households - t) / t
    const band = excess > 1e-9 ? COST.outOfBand + (COST.excess * excess) / t : 0
    return band + dev * dev + COST.compactness * (1 - polsbyPopper(areaM2, perimeterM))
  }

  /** Polsby–Popper of grid g as it stands (0 when empty). */
  pp(g: number): number {
    return polsbyPopper(this.areaM2[g], this.perimeterM[g])
  }

  cost(g: number): number {
    return this.gridCost(this.households[g], this.areaM2[g], this.perimeterM[g])
  }

  /** Boundary u shares with each grid; returns the grids touched (scratch holds the lengths). */
  sharedByGrid(u: number): number[] {
    const touched: number[] = []
    const { offsets, nbr, sharedM } = this.index
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const g = this.assign[nbr[k]]
      if (g === UNASSIGNED) continue
      if (this.scratch[g] === 0) touched.push(g)
      this.scratch[g] += sharedM[k]
    }
    return touched
  }

  clearShared(touched: number[]) {
    for (const g of touched) this.scratch[g] = 0
  }

  /** Length u shares with grid g (valid between sharedByGrid and clearShared). */
  shared(g: number): number {
    return this.scratch[g]
  }

  /** Change of total cost if u moves from its grid to `to` (call within sharedByGrid). */
  moveDelta(u: number, to: number): number {
    const from = this.assign[u]
    const { households, areaM2, perimeterM } = this.index
    let delta = 0
    if (from !== UNASSIGNED)
      delta +=
        this.gridCost(
          this.households[from] - households[u],
          this.areaM2[from] - areaM2[u],
          this.perimeterM[from] - perimeterM[u] + 2 * this.scratch[from],
        ) - this.cost(from)
    if (to !== UNASSIGNED)
      delta +=
        this.gridCost(
          this.households[to] + households[u],
          this.areaM2[to] + areaM2[u],
          this.perimeterM[to] + perimeterM[u] - 2 * this.scratch[to],
        ) - this.cost(to)
    return delta
  }

  /** True when u's grid stays one piece (and non-empty) without u. */
  canRemove(u: number): boolean {
    const g = this.assign[u]
    const set = this.members[g]
    if (set.size <= 1) return false
    const { offsets, nbr } = this.index
    // 1. u's neighbours in the same grid; a leaf (one such neighbour) is always removable
    let start = -1
    let inGrid = 0
    for (let k = offsets[u]; k < offsets[u + 1]; k++)
      if (this.assign[nbr[k]] === g) {
        inGrid++
        start = nbr[k]
      }
    if (inGrid === 1) return true
    if (inGrid === 0) return false
    // 2. breadth-first search from one of them, avoiding u, must reach all the others
    const stamp = ++this.stamp
    this.mark[u] = stamp
    this.mark[start] = stamp
    const queue = [start]
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = nbr[k]
        if (this.mark[w] !== stamp && this.assign[w] === g) {
          this.mark[w] = stamp
          queue.push(w)
        }
      }
    }
    return queue.length === set.size - 1
  }

  /** Move u to grid `to` (or -1), updating totals, area and outer perimeter. */
  move(u: number, to: number) {
    const from = this.assign[u]
    if (from === to) return
    if (from !== UNASSIGNED) this.leave(u, from)
    this.assign[u] = UNASSIGNED
    if (to !== UNASSIGNED) this.join(u, to)
  }

  private join(u: number, g: number) {
    const index = this.index
    const { offsets, nbr, sharedM } = index
    let sharedIn = 0
    for (let k = offsets[u]; k < offsets[u + 1]; k++)
      if (this.assign[nbr[k]] === g && nbr[k] !== u) sharedIn += sharedM[k]
    this.assign[u] = g
    this.members[g].add(u)
    this.households[g] += index.households[u]
    this.areaM2[g] += index.areaM2[u]
    this.perimeterM[g] += index.perimeterM[u] - 2 * sharedIn
    if (this.community[g] < 0) this.community[g] = index.community[u]
  }

  private leave(u: number, g: number) {
    const { offsets, nbr, sharedM } = this.index
    let sharedIn = 0
    for (let k = offsets[u]; k < offsets[u + 1]; k++) if (this.assign[nbr[k]] === g) sharedIn += sharedM[k]
    this.members[g].delete(u)
    this.households[g] -= this.index.households[u]
    this.areaM2[g] -= this.index.areaM2[u]
    this.perimeterM[g] -= this.index.perimeterM[u] - 2 * sharedIn
  }

  outOfBandCount(): number {
    let n = 0
    for (let g = 0; g < this.gridCount; g++) if (bandExcess(this.households[g], this.settings) > 1e-9) n++
    return n
  }

  totalExcess(): number {
    let s = 0
    for (let g = 0; g < this.gridCount; g++) s += bandExcess(this.households[g], this.settings)
    return s
  }

  totalCost(): number {
    let s = 0
    for (let g = 0; g < this.gridCount; g++) if (this.members[g].size > 0) s += this.cost(g)
    return s
  }
}
