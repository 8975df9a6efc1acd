// The integrity report of a community's (or street's) grids: what a planner must fix before saving.
import { type GridTotals, gridTotals } from './balance'
import { piecesOfUnits } from './connectivity'
import { fail } from './errors'
import { gridMembers, indexGraph } from './graph-index'
import { type Assignment, type GridSettings, UNASSIGNED, type UnitGraph } from './types'

export interface IntegrityOptions {
  /**
   * Declared households per community (e.g. the communities table), keyed by community id
   * ('' when the graph has no communityIds); reconciled against the sum over its grids.
   */
  communityHouseholds?: Record<string, number>
  /** Grids that exist but have no units. */
  emptyGrids?: number[]
}

export interface Reconciliation {
  communityId: string
  /** Σ households of units that are in a grid */
  gridHouseholds: number
  /** Σ households of all the community's units */
  unitHouseholds: number
  /** declared figure, or null when none was given */
  declaredHouseholds: number | null
  /** gridHouseholds − (declared ?? unitHouseholds) */
  difference: number
  reconciles: boolean
}

export interface IntegrityReport {
  ok: boolean
  grids: GridTotals[]
  unassignedUnits: string[]
  outOfBand: GridTotals[]
  multiPiece: { grid: number; pieces: string[][] }[]
  emptyGrids: number[]
  /** Grids holding units of more than one community (a grid belongs to exactly one). */
  mixedCommunity: { grid: number; communityIds: string[] }[]
  reconciliation: Reconciliation[]
}

export function integrityReport(
  graph: UnitGraph,
  assignment: Assignment,
  settings: GridSettings,
  options: IntegrityOptions = {},
): IntegrityReport {
  // 1. totals per grid (validates settings, graph and assignment)
  const grids = gridTotals(graph, assignment, settings)
  const index = indexGraph(graph)
  const members = gridMembers(assignment)
  // 2. units in no grid
  const unassignedUnits = graph.ids.filter((_, u) => assignment[u] === UNASSIGNED)
  // 3. grids in several pieces, pieces listed by unit id
  const multiPiece: IntegrityReport['multiPiece'] = []
  const mixedCommunity: IntegrityReport['mixedCommunity'] = []
  for (const [grid, units] of members) {
    const pieces = piecesOfUnits(index, units, (u) => assignment[u] === grid)
    if (pieces.length > 1) multiPiece.push({ grid, pieces: pieces.map((p) => p.map((u) => graph.ids[u])) })
    // 4. grids spanning communities
    const comms = [...new Set(units.map((u) => index.community[u]))]
    if (comms.length > 1) mixedCommunity.push({ grid, communityIds: comms.map((c) => index.communities[c]).sort() })
  }
  // 5. declared empty grids that really are empty
  const emptyGrids = [...new Set(options.emptyGrids ?? [])].filter((g) => !members.has(g)).sort((a, b) => a - b)
  // 6. reconcile households per community: grids vs units vs declared figure
  const byCommunity = index.communities.map((communityId) => ({ communityId, grid: 0, unit: 0 }))
  for (let u = 0; u < index.n; u++) {
    const c = byCommunity[index.community[u]]
    c.unit += index.households[u]
    if (assignment[u] !== UNASSIGNED) c.grid += index.households[u]
  }
  for (const id of Object.keys(options.communityHouseholds ?? {}))
    if (!index.communities.includes(id))
      fail('UNKNOWN_COMMUNITY', `declared households for community ${JSON.stringify(id)}, which has no units`)
  const reconciliation = byCommunity.map(({ communityId, grid, unit }) => {
    const declared = options.communityHouseholds?.[communityId]
    if (declared !== undefined && !Number.isFinite(declared))
      fail('INVALID_GRAPH', `declared households of community ${JSON.stringify(communityId)} is ${declared}`)
    const difference = grid - (declared ?? unit)
    return {
      communityId,
      gridHouseholds: grid,
      unitHouseholds: unit,
      declaredHouseholds: declared ?? null,
      difference,
      reconciles: Math.abs(difference) < 1e-6,
    }
  })
  const outOfBand = grids.filter((g) => !g.inBand)
  return {
    ok:
      unassignedUnits.length === 0 &&
      outOfBand.length === 0 &&
      multiPiece.length === 0 &&
      emptyGrids.length === 0 &&
      mixedCommunity.length === 0 &&
      reconciliation.every((r) => r.reconciles),
    grids,
    unassignedUnits,
    outOfBand,
    multiPiece,
    emptyGrids,
    mixedCommunity,
    reconciliation,
  }
}
