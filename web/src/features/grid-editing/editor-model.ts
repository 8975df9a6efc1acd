// Pure glue between the API's community units and core's edit session: the unit graph, the
// starting edit, the rows of the live totals table, the integrity report and the save body.
import type { Bbox, CommunityUnits, Proposal, UnitAdjacency, EditOp as WireOp } from '../../../../core/api'
import { EditLog } from '../../../../core/domain/grid-editing/edit-log'
import { planEdit } from '../../../../core/domain/grid-editing/edit-plan'
import { assignGridCodes } from '../../../../core/domain/grid-editing/grid-codes'
import {
  type EditOp,
  type GridState,
  type IntegrityReport,
  integrityReport,
  type UnitGraph,
  withUnitIds,
} from '../../../../core/domain/grids'
import { geometryBbox } from '../../map/geometry/bbox'

export function unitGraphOf(data: CommunityUnits, adjacency: UnitAdjacency): UnitGraph {
  const units = data.units.features
  const at = new Map(units.map((f, i) => [f.id, i]))
  const graph: UnitGraph = {
    ids: units.map((f) => String(f.id)),
    households: units.map((f) => f.properties.households),
    residents: units.map((f) => f.properties.residents),
    areaM2: units.map((f) => f.properties.areaM2),
    perimeterM: units.map((f) => f.properties.perimeterM),
    centroids: units.map((f) => f.properties.centroid),
    adjacency: units.map(() => []),
  }
  for (const [a, b, sharedM] of adjacency.pairs) {
    const ia = at.get(a)
    const ib = at.get(b)
    if (ia === undefined || ib === undefined) continue
    graph.adjacency[ia].push({ unit: ib, sharedM })
    graph.adjacency[ib].push({ unit: ia, sharedM })
  }
  return graph
}

/** A fresh edit of the community as loaded (grid keys = grid ids). */
export function startEdit(data: CommunityUnits, adjacency: UnitAdjacency): EditLog {
  const assignment = data.units.features.map((f) => f.properties.gridId ?? -1)
  const used = new Set(assignment)
  return new EditLog({
    graph: unitGraphOf(data, adjacency),
    assignment,
    settings: data.settings,
    emptyGrids: data.grids.filter((g) => !used.has(g.id)).map((g) => g.id),
  })
}

export interface GridRow extends Omit<GridState, 'grid'> {
  key: number
  /** the grid's code, or null for a grid created in this edit */
  code: string | null
}

export function gridRows(log: EditLog, data: CommunityUnits): GridRow[] {
  const codes = new Map(data.grids.map((g) => [g.id, g.code]))
  return log.states().map((s) => ({
    key: s.grid,
    code: codes.get(s.grid) ?? null,
    households: s.households,
    residents: s.residents,
    units: s.units,
    deviation: s.deviation,
    inBand: s.inBand,
    connected: s.connected,
    pieces: s.pieces,
  }))
}

/** Label of a grid from its sequence number (…003 → 3), or "new n" for grids created in this edit. */
export function gridLabel(
  row: Pick<GridRow, 'key' | 'code'>,
  labels: { existing: (seq: number) => string; created: (n: number) => string },
  firstNewKey: number,
) {
  return row.code ? labels.existing(Number(row.code.slice(12))) : labels.created(row.key - firstNewKey + 1)
}

/** The first key a grid created in this edit gets (max existing id + 1). */
export const firstNewKey = (data: CommunityUnits) => Math.max(0, ...data.grids.map((g) => g.id)) + 1

export function editorIntegrity(log: EditLog, data: CommunityUnits): IntegrityReport {
  const session = log.session
  const assignment = session.assignment()
  const used = new Set(assignment)
  return integrityReport(log.options.graph, assignment, data.settings, {
    communityHouseholds: { '': data.community.households },
    emptyGrids: session.gridKeys().filter((g) => !used.has(g)),
  })
}

export interface CodeChanges {
  /** codes that end if the edit is saved */
  retired: string[]
  /** codes that start (the next free ones) */
  created: string[]
  /** each grid the edit creates (by key) → the code it will carry */
  codeOfKey: Map<number, string>
}

/** What saving the edit would do to grid codes: the rule the server applies (core grid-codes). */
export function codeChanges(log: EditLog, data: CommunityUnits): CodeChanges {
  const none: CodeChanges = { retired: [], created: [], codeOfKey: new Map() }
  if (log.ops.length === 0) return none
  const { graph, assignment, settings, emptyGrids } = log.options
  let plan: ReturnType<typeof planEdit>
  try {
    plan = planEdit({ graph, assignment, settings, emptyGrids, ops: log.ops })
  } catch {
    return none // the save would be refused anyway; the editor says why
  }
  const households = new Map(graph.ids.map((id, i) => [id, graph.households[i]]))
  const retired = new Set(plan.retired)
  const centroid = (unitIds: string[]): [number, number] => {
    const at = unitIds.map((id) => graph.centroids[graph.ids.indexOf(id)])
    if (at.length === 0) return [180, -90]
    return [at.reduce((s, c) => s + c[0], 0) / at.length, at.reduce((s, c) => s + c[1], 0) / at.length]
  }
  const codes = assignGridCodes({
    communityCode: data.community.code,
    created: plan.created.map((g) => ({
      key: g.key,
      households: g.unitIds.reduce((s, id) => s + (households.get(id) ?? 0), 0),
      parentIds: g.parentIds,
      centroid: centroid(g.unitIds),
    })),
    retired: data.grids
      .filter((g) => retired.has(g.id))
      .map((g) => ({ id: g.id, code: g.code, households: g.households })),
    keptCodes: data.grids.filter((g) => !retired.has(g.id)).map((g) => g.code),
    preferred: plan.codePreference,
    maxSequence: data.maxGridSequence,
  })
  return { retired: codes.retiredCodes, created: codes.createdCodes, codeOfKey: codes.codes }
}

/** The bbox of some units (a piece of a grid, for "jump to part"). */
export function unitsBbox(data: CommunityUnits, unitIds: string[]): Bbox | null {
  const wanted = new Set(unitIds.map(Number))
  let box: Bbox | null = null
  for (const f of data.units.features) {
    if (!wanted.has(f.id)) continue
    const b = geometryBbox(f.geometry)
    if (!b) continue
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b
  }
  return box
}

/** The save body's operations: unit ids as numbers, geometry as drawn. */
export function wireOps(ops: EditOp[]): WireOp[] {
  return ops.map((op) => withUnitIds(op, Number))
}

/** Twelve distinguishable fills (Tableau 10 + 2), one per grid in key order. */
export const GRID_PALETTE: readonly [number, number, number][] = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
  [31, 119, 180],
  [148, 103, 189],
]

/** Grids that touch: pairs of keys whose units share a boundary. */
export function gridNeighbours(graph: UnitGraph, assignment: ArrayLike<number>): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  graph.adjacency.forEach((nbrs, u) => {
    for (const { unit: v } of nbrs) {
      const a = assignment[u]
      const b = assignment[v]
      if (a === b || a < 0 || b < 0) continue
      if (!out.has(a)) out.set(a, new Set())
      out.get(a)!.add(b)
    }
  })
  return out
}

/**
 * A colour per grid such that touching grids differ (greedy, in key order). Grids that already
 * have a colour in `previous` keep it, so an edit does not repaint the whole community.
 */
export function gridColours(
  keys: number[],
  neighbours: Map<number, Set<number>> = new Map(),
  previous: Map<number, [number, number, number]> = new Map(),
): Map<number, [number, number, number]> {
  const colourOf = new Map<number, number>()
  const paletteIndex = (c: [number, number, number]) => GRID_PALETTE.indexOf(c)
  const sorted = [...keys].sort((a, b) => a - b)
  for (const k of sorted)
    if (previous.has(k) && paletteIndex(previous.get(k)!) >= 0) colourOf.set(k, paletteIndex(previous.get(k)!))
  // each new grid takes the least used colour that no neighbour has (spreads the palette)
  const uses = GRID_PALETTE.map(() => 0)
  for (const c of colourOf.values()) uses[c]++
  for (const k of sorted) {
    if (colourOf.has(k)) continue
    const taken = new Set([...(neighbours.get(k) ?? [])].map((n) => colourOf.get(n)))
    let best = -1
    for (let c = 0; c < GRID_PALETTE.length; c++) if (!taken.has(c) && (best < 0 || uses[c] < uses[best])) best = c
    if (best < 0) best = 0
    colourOf.set(k, best)
    uses[best]++
  }
  return new Map(sorted.map((k) => [k, GRID_PALETTE[colourOf.get(k)!]]))
}

/**
 * A proposal drawn instead of the edit: each unit's proposed grid key, coloured so touching grids
 * differ. A proposed grid that keeps a current grid's key keeps its colour (`current`), so the map
 * and the table change colour only where the proposal changes a grid.
 */
export function proposalColouring(
  proposal: Proposal,
  data: CommunityUnits,
  graph: UnitGraph,
  current: Map<number, [number, number, number]> = new Map(),
) {
  const keyOf = new Map(proposal.proposedGrids.flatMap((g) => g.unitIds.map((u) => [u, g.key] as const)))
  const assignment = data.units.features.map((f) => keyOf.get(f.id) ?? -1)
  const keys = new Set(assignment.filter((k) => k >= 0))
  const kept = new Map([...current].filter(([k]) => keys.has(k)))
  const colours = gridColours([...keys], gridNeighbours(graph, assignment), kept)
  return { assignment, colours }
}

/** The fill of a unit as the editor's units layer draws it: its grid's colour, or none. */
export function unitColour(
  unitIndex: number,
  assignment: ArrayLike<number>,
  colours: Map<number, [number, number, number]>,
): [number, number, number] | null {
  return colours.get(assignment[unitIndex]) ?? null
}
