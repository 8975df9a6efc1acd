// Polsby–Popper compactness 4πA/P² of grids from unit areas and perimeters, no geometry union:
// a grid's perimeter = Σ unit perimeters − 2 × boundary shared between its own units.
import { type GraphIndex, gridMembers, indexGraph, validateAssignment } from './graph-index'
import type { Assignment, UnitGraph } from './types'

/** 4πA/P², 1 for a disc; 0 when the perimeter is 0. */
export function polsbyPopper(areaM2: number, perimeterM: number): number {
  return perimeterM > 0 ? (4 * Math.PI * areaM2) / (perimeterM * perimeterM) : 0
}

/** Area and outer perimeter of a set of units, from the adjacency's shared lengths. */
export function unitsAreaPerimeter(index: GraphIndex, units: readonly number[], isMember: (u: number) => boolean) {
  let areaM2 = 0
  let perimeterM = 0
  for (const u of units) {
    areaM2 += index.areaM2[u]
    perimeterM += index.perimeterM[u]
    // each internal edge is seen from both sides: subtract it once per side
    for (let k = index.offsets[u]; k < index.offsets[u + 1]; k++)
      if (isMember(index.nbr[k])) perimeterM -= index.sharedM[k]
  }
  return { areaM2, perimeterM: Math.max(0, perimeterM) }
}

/** Polsby–Popper of one grid (0 for an empty grid). */
export function gridPolsbyPopper(graph: UnitGraph, assignment: Assignment, grid: number): number {
  const index = indexGraph(graph)
  validateAssignment(index, assignment)
  const units: number[] = []
  for (let u = 0; u < index.n; u++) if (assignment[u] === grid) units.push(u)
  const { areaM2, perimeterM } = unitsAreaPerimeter(index, units, (u) => assignment[u] === grid)
  return polsbyPopper(areaM2, perimeterM)
}

/** Polsby–Popper of every non-empty grid, by grid key. */
export function gridPolsbyPoppers(graph: UnitGraph, assignment: Assignment): Map<number, number> {
  const index = indexGraph(graph)
  validateAssignment(index, assignment)
  const out = new Map<number, number>()
  for (const [grid, units] of gridMembers(assignment)) {
    const { areaM2, perimeterM } = unitsAreaPerimeter(index, units, (u) => assignment[u] === grid)
    out.set(grid, polsbyPopper(areaM2, perimeterM))
  }
  return out
}

/** Unweighted mean Polsby–Popper over the non-empty grids (0 when there are none). */
export function meanPolsbyPopper(graph: UnitGraph, assignment: Assignment): number {
  const all = [...gridPolsbyPoppers(graph, assignment).values()]
  return all.length ? all.reduce((a, b) => a + b, 0) / all.length : 0
}
