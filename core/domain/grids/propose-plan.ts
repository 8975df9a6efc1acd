// "Propose grids" as a planner would adopt it (ADR 29): per community, the better of two plans —
//   A. the current grids rebalanced with the shape guard (fewest units moved, every grid keeps its
//      Polsby–Popper unless the band needs otherwise: `shapeGuardedRebalance`), and
//   B. a plan from scratch (`proposeGrids`: recursive bisection + local search).
// B is taken only where it puts fewer grids out of band than A (or A leaves units without a grid);
// otherwise A, so a community already in band keeps its grids, their codes and their shapes.
// Then, for every proposed grid, the current grid it comes from (most shared units) and whether it
// is less compact than that grid: the proposal names those grids instead of hiding them in a mean.
import { bandExcess } from './balance'
import { gridPolsbyPoppers } from './compactness'
import { gridMembers, indexGraph, validateAssignment } from './graph-index'
import { type ProposeOptions, proposeGrids } from './propose'
import { SHAPE_EPSILON, shapeGuardedRebalance } from './rebalance'
import { type Assignment, type GridSettings, UNASSIGNED, type UnitGraph } from './types'

export interface PlannedGrid {
  key: number
  polsbyPopper: number
  /** the current grid sharing most of its units (null: none of its units had a grid) */
  currentKey: number | null
  /** that grid's Polsby–Popper in the current plan */
  currentPolsbyPopper: number | null
  /** less compact than `currentKey` was: the band could not be reached with the shape kept */
  belowCurrentShape: boolean
}

export interface ProposedPlan {
  assignment: Int32Array
  /** community code → which plan it took there */
  source: Map<string, 'rebalanced' | 'fresh'>
  grids: PlannedGrid[]
}

/** Keys of fresh grids start above every current key, so the two kinds never collide. */
export function proposePlan(
  graph: UnitGraph,
  current: Assignment,
  settings: GridSettings,
  options: ProposeOptions = {},
): ProposedPlan {
  const index = indexGraph(graph)
  validateAssignment(index, current)
  const a = shapeGuardedRebalance(graph, current, settings).assignment
  const fresh = proposeGrids(graph, settings, options)
  const offset = Math.max(-1, ...Array.from(current)) + 1
  const b = Int32Array.from(fresh, (g) => (g === UNASSIGNED ? UNASSIGNED : g + offset))
  // 1. per community: grids out of band and units left without a grid, under each plan
  const figures = (plan: Int32Array) => {
    const perCommunity = new Map<number, { out: number; unassigned: number }>()
    const households = new Map<number, { c: number; h: number }>()
    for (let u = 0; u < index.n; u++) {
      const c = index.community[u]
      const f = perCommunity.get(c) ?? { out: 0, unassigned: 0 }
      perCommunity.set(c, f)
      if (plan[u] === UNASSIGNED) f.unassigned++
      else {
        const e = households.get(plan[u]) ?? { c, h: 0 }
        e.h += index.households[u]
        households.set(plan[u], e)
      }
    }
    for (const { c, h } of households.values()) if (bandExcess(h, settings) > 1e-9) perCommunity.get(c)!.out++
    return perCommunity
  }
  const fa = figures(a)
  const fb = figures(b)
  const source = new Map<string, 'rebalanced' | 'fresh'>()
  const assignment = new Int32Array(index.n)
  const takeFresh = new Map<number, boolean>()
  for (const [c, x] of fa) {
    const y = fb.get(c)!
    takeFresh.set(c, x.unassigned > y.unassigned || (x.unassigned === y.unassigned && y.out < x.out))
    source.set(index.communities[c], takeFresh.get(c) ? 'fresh' : 'rebalanced')
  }
  for (let u = 0; u < index.n; u++) assignment[u] = takeFresh.get(index.community[u]) ? b[u] : a[u]
  return { assignment, source, grids: compareShapes(graph, current, assignment) }
}

/** Each proposed grid beside the current grid it comes from (most shared units), by compactness. */
export function compareShapes(graph: UnitGraph, current: Assignment, proposed: Assignment): PlannedGrid[] {
  const before = gridPolsbyPoppers(graph, current)
  const after = gridPolsbyPoppers(graph, proposed)
  const grids: PlannedGrid[] = []
  for (const [g, units] of gridMembers(proposed)) {
    const shared = new Map<number, number>()
    for (const u of units) if (current[u] !== UNASSIGNED) shared.set(current[u], (shared.get(current[u]) ?? 0) + 1)
    let currentKey: number | null = null
    for (const [k, n] of shared)
      if (currentKey === null || n > shared.get(currentKey)! || (n === shared.get(currentKey)! && k < currentKey))
        currentKey = k
    const pp = after.get(g)!
    const was = currentKey === null ? null : before.get(currentKey)!
    grids.push({
      key: g,
      polsbyPopper: pp,
      currentKey,
      currentPolsbyPopper: was,
      belowCurrentShape: was !== null && pp < was - SHAPE_EPSILON,
    })
  }
  return grids.sort((x, y) => x.key - y.key)
}
