// Is a grid one piece over the unit adjacency graph? Its pieces, for "jump to part".
import { type GraphIndex, gridMembers, indexGraph, validateAssignment } from './graph-index'
import type { Assignment, UnitGraph } from './types'

/**
 * Connected pieces of a set of units, each piece's units ascending, largest piece first
 * (ties: lowest first unit first). `isMember(u)` must be true exactly for `units`.
 */
export function piecesOfUnits(index: GraphIndex, units: readonly number[], isMember: (u: number) => boolean) {
  const seen = new Set<number>()
  const pieces: number[][] = []
  for (const start of units) {
    if (seen.has(start)) continue
    // breadth-first search from each unseen unit, staying inside the set
    const piece = [start]
    seen.add(start)
    for (let i = 0; i < piece.length; i++) {
      const u = piece[i]
      for (let k = index.offsets[u]; k < index.offsets[u + 1]; k++) {
        const v = index.nbr[k]
        if (!seen.has(v) && isMember(v)) {
          seen.add(v)
          piece.push(v)
        }
      }
    }
    pieces.push(piece.sort((a, b) => a - b))
  }
  return pieces.sort((a, b) => b.length - a.length || a[0] - b[0])
}

/** Pieces (unit indices) of one grid; [] for a grid with no units. */
export function gridPieces(graph: UnitGraph, assignment: Assignment, grid: number): number[][] {
  const index = indexGraph(graph)
  validateAssignment(index, assignment)
  const units: number[] = []
  for (let u = 0; u < index.n; u++) if (assignment[u] === grid) units.push(u)
  return piecesOfUnits(index, units, (u) => assignment[u] === grid)
}

/** True when the grid's units form one piece (an empty grid counts as connected). */
export function isGridConnected(graph: UnitGraph, assignment: Assignment, grid: number): boolean {
  return gridPieces(graph, assignment, grid).length <= 1
}

/** Pieces of every grid, keyed by grid (ascending). */
export function allGridPieces(graph: UnitGraph, assignment: Assignment): Map<number, number[][]> {
  const index = indexGraph(graph)
  validateAssignment(index, assignment)
  const out = new Map<number, number[][]>()
  for (const [grid, units] of gridMembers(assignment))
    out.set(
      grid,
      piecesOfUnits(index, units, (u) => assignment[u] === grid),
    )
  return out
}
