// Local search over boundary moves: a unit joins a neighbouring grid of its community when that
// lowers the plan cost (band, then balance, then compactness) and its old grid stays one piece.
import type { PlanState } from './plan-state'

/** Improving passes over `units` until none improves; returns the number of moves made. */
export function improveByMoves(state: PlanState, units: readonly number[], maxPasses = 50): number {
  let moves = 0
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false
    for (const u of units) {
      const from = state.assign[u]
      if (from < 0) continue
      // 1. price every neighbouring grid of the same community
      const touched = state.sharedByGrid(u)
      let best = -1e-9
      let bestTo = -1
      for (const g of touched) {
        if (g === from || state.community[g] !== state.index.community[u]) continue
        const delta = state.moveDelta(u, g)
        if (delta < best) {
          best = delta
          bestTo = g
        }
      }
      state.clearShared(touched)
      // 2. move when it pays and the old grid stays connected
      if (bestTo >= 0 && state.canRemove(u)) {
        state.move(u, bestTo)
        moves++
        improved = true
      }
    }
    if (!improved) break
  }
  return moves
}

/** Improving swaps of two adjacent boundary units between their grids; returns swaps made. */
export function improveBySwaps(state: PlanState, units: readonly number[]): number {
  const { offsets, nbr } = state.index
  let swaps = 0
  for (const u of units) {
    const a = state.assign[u]
    if (a < 0) continue
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const v = nbr[k]
      const b = state.assign[v]
      if (b < 0 || b === a || state.community[b] !== state.community[a]) continue
      // price u → b then v → a by doing it, and undo when it does not pay
      const before = state.cost(a) + state.cost(b)
      if (!state.canRemove(u)) break
      state.move(u, b)
      if (!state.canRemove(v) || !touches(state, v, a)) {
        state.move(u, a)
        continue
      }
      state.move(v, a)
      if (state.cost(a) + state.cost(b) < before - 1e-9) {
        swaps++
        break
      }
      state.move(v, b)
      state.move(u, a)
    }
  }
  return swaps
}

function touches(state: PlanState, v: number, g: number): boolean {
  const { offsets, nbr } = state.index
  for (let k = offsets[v]; k < offsets[v + 1]; k++) if (state.assign[nbr[k]] === g) return true
  return false
}
