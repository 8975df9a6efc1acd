// Rebalance: start from the current grids and move as few whole units as possible.
// Unassigned units join a neighbouring grid; then, while it helps, the shortest chain of boundary
// moves (up to `maxChain` long) out of over-band grids or into under-band grids that lowers the
// number of grids out of band (a single move may also just lower the households outside the band).
// Every donor grid stays one piece; grids never change community; the grid count is kept.
import { bandExcess, validateSettings } from './balance'
import { indexGraph, validateAssignment } from './graph-index'
import { PlanState } from './plan-state'
import { type Assignment, type GridSettings, UNASSIGNED, type UnitGraph } from './types'

export interface RebalanceOptions {
  /** Longest chain of moves searched at once (default 3). */
  maxChain?: number
  /** Stop after this many moves in total (default: the number of units). */
  maxMoves?: number
}

type Move = [unit: number, to: number]

interface Score {
  out: number
  excess: number
  cost: number
}

const better = (a: Score, b: Score) =>
  a.out < b.out ||
  (a.out === b.out && (a.excess < b.excess - 1e-9 || (Math.abs(a.excess - b.excess) <= 1e-9 && a.cost < b.cost - 1e-9)))

export function rebalance(
  graph: UnitGraph,
  current: Assignment,
  settings: GridSettings,
  options: RebalanceOptions = {},
): Int32Array {
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
  // 3. shortest improving chains of boundary moves, one chain at a time
  while (budget > 0) {
    const base = score(state)
    if (base.out === 0) break
    let chain: Move[] | null = null
    for (let depth = 1; depth <= Math.min(maxChain, budget) && !chain; depth++)
      chain = bestChain(state, depth, base, depth === 1)
    if (!chain) break
    for (const [u, to] of chain) state.move(u, to)
    budget -= chain.length
  }
  return Int32Array.from(state.assign, (g) => (g === UNASSIGNED ? UNASSIGNED : keys[g]))
}

function score(state: PlanState): Score {
  return { out: state.outOfBandCount(), excess: state.totalExcess(), cost: state.totalCost() }
}

/** Best chain of exactly `depth` moves that beats `base` (fewer grids out, or less excess if allowed). */
function bestChain(state: PlanState, depth: number, base: Score, excessCounts: boolean): Move[] | null {
  let best: { chain: Move[]; score: Score } | null = null
  const chain: Move[] = []
  const moved = new Set<number>()
  const visit = () => {
    if (chain.length === depth) {
      const s = score(state)
      const improves = s.out < base.out || (excessCounts && s.out === base.out && s.excess < base.excess - 1e-9)
      if (improves && (!best || better(s, best.score))) best = { chain: [...chain], score: s }
      return
    }
    for (const [u, to] of candidateMoves(state)) {
      if (moved.has(u) || !state.canRemove(u)) continue
      const from = state.assign[u]
      state.move(u, to)
      chain.push([u, to])
      moved.add(u)
      visit()
      moved.delete(u)
      chain.pop()
      state.move(u, from)
    }
  }
  visit()
  return (best as { chain: Move[] } | null)?.chain ?? null
}

/** Boundary moves out of over-band grids and into under-band grids, within one community. */
function candidateMoves(state: PlanState): Move[] {
  const { offsets, nbr } = state.index
  const moves: Move[] = []
  const seen = new Set<number>()
  for (let g = 0; g < state.gridCount; g++) {
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
