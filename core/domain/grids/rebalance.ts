// Rebalance: start from the current grids and move as few whole units as possible.
// Unassigned units join a neighbouring grid; then, while it helps, the shortest chain of boundary
// moves (up to `maxChain` long) out of over-band grids or into under-band grids that lowers the
// number of grids out of band (a single move may also just lower the households outside the band).
// Every donor grid stays one piece; grids never change community; the grid count is kept.
// Shapes are kept (ADR 29): first only moves after which every grid they touch keeps its
// Polsby–Popper ≥ min(its value in the current plan, its value before the move); only the grids
// still out of band after that get a second, unguarded pass (`shapeGuardedRebalance` says which).
import { bandExcess, validateSettings } from './balance'
import { indexGraph, validateAssignment } from './graph-index'
import { PlanState } from './plan-state'
import { type Assignment, type GridSettings, UNASSIGNED, type UnitGraph } from './types'

export interface RebalanceOptions {
  /** Longest chain of moves searched at once (default 3). */
  maxChain?: number
  /** Stop after this many moves in total (default: the number of units). */
  maxMoves?: number
  /** Keep shapes as above (default true); false: band figures only, as before ADR 29. */
  keepShape?: boolean
}

/** Slack on the shape guard, so rounding never blocks a move that keeps the shape. */
export const SHAPE_EPSILON = 1e-6

type Move = [unit: number, to: number]

interface Figures {
  out: number
  excess: number
  cost: number
}

const better = (a: Figures, b: Figures) =>
  a.out < b.out ||
  (a.out === b.out && (a.excess < b.excess - 1e-9 || (Math.abs(a.excess - b.excess) <= 1e-9 && a.cost < b.cost - 1e-9)))

export function rebalance(
  graph: UnitGraph,
  current: Assignment,
  settings: GridSettings,
  options: RebalanceOptions = {},
): Int32Array {
  return shapeGuardedRebalance(graph, current, settings, options).assignment
}

export interface GuardedRebalance {
  assignment: Int32Array
  /** grid keys that needed moves the shape guard refused, to come into band */
  unguardedGrids: number[]
}

/** `rebalance`, also saying which grids could only come into band at the cost of their shape. */
export function shapeGuardedRebalance(
  graph: UnitGraph,
  current: Assignment,
  settings: GridSettings,
  options: RebalanceOptions = {},
): GuardedRebalance {
  validateSettings(settings)
  const index = indexGraph(graph)
  validateAssignment(index, current)
  const maxChain = options.maxChain ?? 3
  let budget = options.maxMoves ?? index.n
  // 1. grid keys → 0..m−1
  const keys = [...new Set(Array.from(current).filter((g) => g !== UNASSIGNED))].sort((a, b) => a - b)
  const local = new Map(keys.map((g, i) => [g, i]))
  const assign = Int32Array.from(current, (g) => (g === UNASSIGNED ? UNASSIGNED : local.get(g)!))
  const state = new PlanState(index, settings, assign, keys.length)
  // 2. unassigned units join the neighbouring grid (same community) where they cost least
  for (let changed = true; changed && budget > 0; ) {
    changed = false
    for (let u = 0; u < index.n && budget > 0; u++) {
      if (assign[u] !== UNASSIGNED) continue
      const touched = state.sharedByGrid(u)
      let bestTo = -1
      let best = Number.POSITIVE_INFINITY
      for (const g of touched) {
        if (state.community[g] !== index.community[u]) continue
        const d = state.moveDelta(u, g)
        if (d < best) [best, bestTo] = [d, g]
      }
      state.clearShared(touched)
      if (bestTo >= 0) {
        state.move(u, bestTo)
        budget--
        changed = true
      }
    }
  }
  // 3. per out-of-band grid (largest excess first), the shortest improving chain of moves: first
  //    with the shape guard (floors = each grid's Polsby–Popper now), then without it
  const score = new Score(state)
  const floor = Float64Array.from({ length: state.gridCount }, (_, g) => state.pp(g))
  for (const guard of options.keepShape === false ? [null] : [floor, null])
    budget = rebalancePass(state, score, settings, maxChain, budget, guard)
  if (options.keepShape !== false) repairShapes(state, floor)
  // the guarded pass never takes a grid below its floor: any grid below it now took the second pass
  const below = [...floor.keys()].filter((g) => state.pp(g) < floor[g] - SHAPE_EPSILON)
  return {
    assignment: Int32Array.from(state.assign, (g) => (g === UNASSIGNED ? UNASSIGNED : keys[g])),
    unguardedGrids: below.map((g) => keys[g]),
  }
}

/**
 * Shape repair after the unguarded pass: a grid left below its floor trades boundary units with a
 * neighbour when that raises its Polsby–Popper, keeps both grids' band status (none leaves the
 * band) and keeps the neighbour at ≥ min(its floor, its figure before). A few passes at most.
 */
function repairShapes(state: PlanState, floor: Float64Array) {
  const { offsets, nbr } = state.index
  const inBand = (g: number) => bandExcess(state.households[g], state.settings) <= 1e-9
  for (let pass = 0; pass < 4; pass++) {
    let improved = false
    for (let g = 0; g < state.gridCount; g++) {
      if (state.pp(g) >= floor[g] - SHAPE_EPSILON) continue
      // candidates: g's units to a neighbour grid, and neighbours' units into g
      const moves: Move[] = []
      for (const u of state.members[g])
        for (let k = offsets[u]; k < offsets[u + 1]; k++) {
          const h = state.assign[nbr[k]]
          if (h === UNASSIGNED || h === g || state.community[h] !== state.community[g]) continue
          moves.push([u, h], [nbr[k], g])
        }
      for (const [u, to] of moves) {
        const from = state.assign[u]
        if (from === to || !state.canRemove(u)) continue
        const other = from === g ? to : from
        const [ppG, ppOther, bandG, bandOther] = [state.pp(g), state.pp(other), inBand(g), inBand(other)]
        state.move(u, to)
        const ok =
          state.pp(g) > ppG + SHAPE_EPSILON &&
          state.pp(other) >= Math.min(floor[other], ppOther) - SHAPE_EPSILON &&
          (!bandG || inBand(g)) &&
          (!bandOther || inBand(other))
        if (ok) improved = true
        else state.move(u, from)
      }
    }
    if (!improved) break
  }
}

/** Chains until none improves; `guard` = shape floors (or null). Returns the moves left. */
function rebalancePass(
  state: PlanState,
  score: Score,
  settings: GridSettings,
  maxChain: number,
  budget: number,
  guard: Float64Array | null,
): number {
  for (let progress = true; progress && budget > 0 && score.out > 0; ) {
    progress = false
    const outGrids = [...Array(state.gridCount).keys()]
      .filter((g) => bandExcess(state.households[g], settings) > 1e-9)
      .sort((a, b) => bandExcess(state.households[b], settings) - bandExcess(state.households[a], settings) || a - b)
    for (const grid of outGrids) {
      let chain: Move[] | null = null
      for (let depth = 1; depth <= Math.min(maxChain, budget) && !chain; depth++)
        chain = bestChain(state, score, grid, depth, depth === 1, guard)
      if (!chain) continue
      for (const [u, to] of chain) score.move(u, to)
      budget -= chain.length
      progress = true
      break
    }
  }
  return budget
}

/** Grids out of band, households outside the band and total cost, kept up to date move by move. */
class Score {
  out = 0
  excess = 0
  cost = 0

  constructor(private readonly state: PlanState) {
    for (let g = 0; g < state.gridCount; g++) this.add(g, 1)
  }

  /** Move u to `to`, updating the running figures from the two grids involved only. */
  move(u: number, to: number) {
    const from = this.state.assign[u]
    if (from !== UNASSIGNED) this.add(from, -1)
    if (to !== UNASSIGNED) this.add(to, -1)
    this.state.move(u, to)
    if (from !== UNASSIGNED) this.add(from, 1)
    if (to !== UNASSIGNED) this.add(to, 1)
  }

  snapshot(): Figures {
    return { out: this.out, excess: this.excess, cost: this.cost }
  }

  private add(g: number, sign: 1 | -1) {
    const excess = bandExcess(this.state.households[g], this.state.settings)
    if (excess > 1e-9) this.out += sign
    this.excess += sign * excess
    if (this.state.members[g].size > 0) this.cost += sign * this.state.cost(g)
  }
}

/**
 * Best chain of exactly `depth` moves starting at `grid` that beats the current figures (fewer
 * grids out of band; or, when `excessCounts`, as many with fewer households outside the band).
 * Later moves may only involve grids the chain itself has touched.
 */
function bestChain(
  state: PlanState,
  score: Score,
  grid: number,
  depth: number,
  excessCounts: boolean,
  guard: Float64Array | null,
): Move[] | null {
  const base = score.snapshot()
  let best: { chain: Move[]; figures: Figures } | null = null
  const chain: Move[] = []
  const moved = new Set<number>()
  const focus = [grid]
  // the guard judges the chain as a whole: each grid it touched against its figure before the chain
  const startPP = guard ? Float64Array.from({ length: state.gridCount }, (_, g) => state.pp(g)) : null
  const visit = () => {
    if (chain.length === depth) {
      if (guard && !focus.every((g) => state.pp(g) >= Math.min(guard[g], startPP![g]) - SHAPE_EPSILON)) return
      const s = score.snapshot()
      const improves = s.out < base.out || (excessCounts && s.out === base.out && s.excess < base.excess - 1e-9)
      if (improves && (!best || better(s, best.figures))) best = { chain: [...chain], figures: s }
      return
    }
    for (const [u, to] of candidateMoves(state, focus)) {
      if (moved.has(u) || !state.canRemove(u)) continue
      const from = state.assign[u]
      score.move(u, to)
      chain.push([u, to])
      moved.add(u)
      focus.push(from, to)
      visit()
      focus.length -= 2
      moved.delete(u)
      chain.pop()
      score.move(u, from)
    }
  }
  visit()
  return (best as { chain: Move[] } | null)?.chain ?? null
}

/** Boundary moves out of over-band grids and into under-band grids of `focus`, within one community. */
function candidateMoves(state: PlanState, focus: number[]): Move[] {
  const { offsets, nbr } = state.index
  const moves: Move[] = []
  const seen = new Set<number>()
  for (const g of new Set(focus)) {
    if (bandExcess(state.households[g], state.settings) <= 1e-9) continue
    const over = state.households[g] > state.settings.targetHouseholds
    for (const u of state.members[g])
      for (let k = offsets[u]; k < offsets[u + 1]; k++) {
        const v = nbr[k]
        const h = state.assign[v]
        if (h === UNASSIGNED || h === g || state.community[h] !== state.community[g]) continue
        // over: u leaves g for h; under: v leaves h for g
        const move: Move = over ? [u, h] : [v, g]
        const key = move[0] * state.gridCount + move[1]
        if (seen.has(key)) continue
        seen.add(key)
        moves.push(move)
      }
  }
  return moves.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}
