// Coverage by walking distance (步行距离): the same CoverageState as the straight-line radius
// coverage (compute-coverage), measured along the walk network instead. A facility covers the
// buildings whose walking distance (access to the network + along it + access off it) is within
// its radius; the nearest distance is a multi-source search over the type's active facilities.
// One facility change re-walks only its old and new reach for the cover counts, and updates the
// type's nearest-distance field only where the change reaches (NearestField), then the buildings
// on the edges whose ends changed.
import {
  createEdgeSnapper,
  type GraphAccess,
  joinPoints,
  MinHeap,
  NearestField,
  type PointsOnGraph,
  pointsWithin,
  type WalkGraph,
  WalkSearch,
} from '../../network'
import { type CoverageState, computeCoverage, type TypeCoverage, type WalkReach } from './compute-coverage'
import type { DemandIndex } from './demand-index'
import { effectiveRadiusMeters, type Facility, type FacilityType, isActive, type Scenario } from './facilities'
import type { CoverageChange } from './update-coverage'

/** The walk graph joined to the demand, a reusable search, and each facility's reach (shared by scenarios). */
export interface WalkContext {
  graph: WalkGraph
  snap: (x: number, y: number) => GraphAccess | null
  points: PointsOnGraph
  search: WalkSearch
  /** the heap the nearest-distance fields share */
  heap: MinHeap
  edgeStamp: Int32Array
  stamp: number
  /**
   * per type, the last full nearest-distance field and the seed (facility id and access) of each of
   * its labels: the other scenario starts from a copy when it has those seeds and more
   */
  nearestMemo: Map<string, { field: NearestField; keyOf: Map<number, string> }>
  /** by facility id: where it stood, its radius and what it reached (valid while these are unchanged) */
  reachCache: Map<string, { x: number; y: number; r: number; access: GraphAccess | null; reach: WalkReach }>
}

export function createWalkContext(graph: WalkGraph, demand: Pick<DemandIndex, 'xMeters' | 'yMeters'>): WalkContext {
  const snapper = createEdgeSnapper(graph)
  return {
    graph,
    snap: (x, y) => snapper.snap(x, y),
    points: joinPoints(graph, snapper, demand.xMeters, demand.yMeters),
    search: new WalkSearch(graph),
    heap: new MinHeap(),
    edgeStamp: new Int32Array(graph.edgeCount),
    stamp: 0,
    reachCache: new Map(),
    nearestMemo: new Map(),
  }
}

/** Forgets every cached search (reaches, nearest fields): the next full computation walks everything. */
export function clearWalkCaches(ctx: WalkContext): void {
  ctx.reachCache.clear()
  ctx.nearestMemo.clear()
}

const NOWHERE: WalkReach = { points: new Int32Array(0), meters: new Float64Array(0) }

/** Where the facility joins the network and the buildings within its radius (cached per id). */
export function reachOf(ctx: WalkContext, f: Facility, r: number) {
  const cached = ctx.reachCache.get(f.id)
  if (cached && cached.x === f.xMeters && cached.y === f.yMeters && cached.r === r) return cached
  const access = ctx.snap(f.xMeters, f.yMeters)
  let reach = NOWHERE
  if (access && access.accessM <= r) {
    ctx.stamp++
    reach = pointsWithin(ctx.search, ctx.points, access, r, ctx.edgeStamp, ctx.stamp)
  }
  const entry = { x: f.xMeters, y: f.yMeters, r, access, reach }
  ctx.reachCache.set(f.id, entry)
  return entry
}

/** Full computation for every type, on walking distances. */
export function walkCoverage(
  ctx: WalkContext,
  demand: DemandIndex,
  facilities: readonly Facility[],
  types: readonly FacilityType[],
  options: { scenario?: Scenario } = {},
): CoverageState {
  // the empty state (and every check of the types and facilities) of the radius coverage
  const state = computeCoverage(demand, [], types, options)
  for (const cov of state.byType.values()) cov.reach = []
  for (const f of facilities) {
    if (state.facilities.has(f.id)) throw new Error(`duplicate facility id: ${f.id}`)
    const r = effectiveRadiusMeters(f, state.types.get(f.typeId))
    state.facilities.set(f.id, f)
    if (!isActive(f.status, state.scenario)) continue
    const cov = state.byType.get(f.typeId)!
    const slot = cov.sites.ids.length
    state.slotOf.set(f.id, { typeId: f.typeId, slot })
    pushSlot(cov)
    placeSlot(ctx, state, cov, slot, f, r)
  }
  for (const cov of state.byType.values()) walkNearest(ctx, cov)
  return state
}

/** Adds or replaces a facility (a move is a replace), as `upsertFacility` does for the radius. */
export function upsertWalkFacility(ctx: WalkContext, state: CoverageState, f: Facility): CoverageChange {
  const r = effectiveRadiusMeters(f, state.types.get(f.typeId))
  const old = state.slotOf.get(f.id)
  let touched = 0
  let flipped = 0
  // per affected type: the nodes whose nearest distance changed and the edges its seeds left or joined
  const dirty = new Map<string, { nodes: number[]; edges: number[] }>()
  const dirtyOf = (typeId: string) => {
    const d = dirty.get(typeId) ?? { nodes: [], edges: [] }
    dirty.set(typeId, d)
    return d
  }
  if (old) {
    const cov = state.byType.get(old.typeId)!
    const reach = cov.reach![old.slot]
    touched += reach.points.length
    flipped += count(state, cov, reach, -1)
    cov.sites.alive[old.slot] = false
    cov.sites.servedHouseholds[old.slot] = 0
    cov.reach![old.slot] = NOWHERE
    state.slotOf.delete(f.id)
    const d = dirtyOf(old.typeId)
    const field = cov.field!
    d.edges.push(field.seedEdge(old.slot))
    field.remove(old.slot, d.nodes)
  }
  state.facilities.set(f.id, f)
  if (isActive(f.status, state.scenario)) {
    const cov = state.byType.get(f.typeId)!
    const slot = old && old.typeId === f.typeId ? old.slot : cov.sites.ids.length
    if (slot === cov.sites.ids.length) pushSlot(cov)
    cov.sites.ids[slot] = f.id
    state.slotOf.set(f.id, { typeId: f.typeId, slot })
    const placed = placeSlot(ctx, state, cov, slot, f, r)
    touched += placed.points.length
    flipped += placed.flipped
    const d = dirtyOf(f.typeId)
    if (placed.access) {
      d.edges.push(placed.access.edge)
      cov.field!.add(slot, placed.access, d.nodes)
    }
  }
  for (const [typeId, d] of dirty) refreshNearest(ctx, state.byType.get(typeId)!, d.nodes, d.edges)
  return { touchedBuildings: touched, flippedBuildings: flipped }
}

// the nearest distance of the buildings on the given edges and on every edge at a changed node
function refreshNearest(ctx: WalkContext, cov: TypeCoverage, nodes: number[], edges: number[]): void {
  const { graph, points, edgeStamp } = ctx
  const field = cov.field!
  const stamp = ++ctx.stamp
  const hit = { meters: 0, label: 0 }
  const visit = (e: number) => {
    if (e < 0 || edgeStamp[e] === stamp) return
    edgeStamp[e] = stamp
    for (let k = points.start[e]; k < points.start[e + 1]; k++) {
      const p = points.items[k]
      field.distanceTo(e, points.t[p], points.accessM[p], hit)
      cov.nearestMeters[p] = hit.meters
      cov.nearestSlot[p] = hit.label
    }
  }
  for (const e of edges) visit(e)
  for (const u of nodes) for (let k = graph.adjStart[u]; k < graph.adjStart[u + 1]; k++) visit(graph.adjEdge[k])
}

function pushSlot(cov: TypeCoverage): void {
  const { sites } = cov
  sites.ids.push('')
  sites.xMeters.push(0)
  sites.yMeters.push(0)
  sites.radiusMeters.push(0)
  sites.alive.push(false)
  sites.servedHouseholds.push(0)
  cov.reach!.push(NOWHERE)
}

// puts an active facility in its slot and counts the buildings it reaches
function placeSlot(ctx: WalkContext, state: CoverageState, cov: TypeCoverage, slot: number, f: Facility, r: number) {
  const { sites } = cov
  sites.ids[slot] = f.id
  sites.xMeters[slot] = f.xMeters
  sites.yMeters[slot] = f.yMeters
  sites.radiusMeters[slot] = r
  sites.alive[slot] = true
  const { reach, access } = reachOf(ctx, f, r)
  cov.reach![slot] = reach
  let served = 0
  for (const b of reach.points) served += state.demand.households[b]
  sites.servedHouseholds[slot] = served
  return { points: reach.points, flipped: count(state, cov, reach, 1), access }
}

// adds (+1) or removes (-1) one reach from the cover counts, keeping flags and the tier union
function count(state: CoverageState, cov: TypeCoverage, reach: WalkReach, delta: 1 | -1): number {
  const tier = state.byTier.get(cov.type.tier)!
  let flipped = 0
  for (const b of reach.points) {
    const before = cov.coverCount[b]
    cov.coverCount[b] = before + delta
    if (delta === 1 && before === 0) {
      cov.covered[b] = 1
      if (tier.coveringTypes[b]++ === 0) tier.covered[b] = 1
      flipped++
    } else if (delta === -1 && before === 1) {
      cov.covered[b] = 0
      if (--tier.coveringTypes[b] === 0) tier.covered[b] = 0
      flipped++
    }
  }
  return flipped
}

// the nearest walking distance of every building to the type's active facilities: one search
function walkNearest(ctx: WalkContext, cov: TypeCoverage): void {
  const seeds: GraphAccess[] = []
  const labels: number[] = []
  for (let s = 0; s < cov.sites.ids.length; s++) {
    if (!cov.sites.alive[s]) continue
    const access = ctx.reachCache.get(cov.sites.ids[s])?.access
    if (!access) continue
    seeds.push(access)
    labels.push(s)
  }
  cov.field ??= new NearestField(ctx.graph, ctx.heap)
  const { field } = cov
  const { points } = ctx
  // the last full computation of the type (the other scenario) had a subset of these seeds at the
  // same places (the planned sites are the difference): a copy, and the other seeds added to it
  const keys = labels.map((s, i) => `${cov.sites.ids[s]}@${seeds[i].edge}:${seeds[i].t}:${seeds[i].accessM}`)
  const memo = ctx.nearestMemo.get(cov.type.id)
  const slotOfKey = new Map(keys.map((k, i) => [k, labels[i]]))
  const copied = memo !== undefined && memo.field !== field && [...memo.keyOf.values()].every((k) => slotOfKey.has(k))
  if (copied) {
    field.copyFrom(memo.field, (l) => slotOfKey.get(memo.keyOf.get(l)!)!)
    const had = new Set(memo.keyOf.values())
    const changed: number[] = []
    keys.forEach((k, i) => {
      if (!had.has(k)) field.add(labels[i], seeds[i], changed)
    })
  } else field.reset(seeds, labels)
  cov.nearestMeters.fill(Number.POSITIVE_INFINITY)
  cov.nearestSlot.fill(-1)
  // edge by edge (the points on an edge share its ends' distances)
  const hit = { meters: 0, label: 0 }
  const { start, items } = points
  for (let e = 0; e < ctx.graph.edgeCount; e++)
    for (let k = start[e]; k < start[e + 1]; k++) {
      const p = items[k]
      field.distanceTo(e, points.t[p], points.accessM[p], hit)
      cov.nearestMeters[p] = hit.meters
      cov.nearestSlot[p] = hit.label
    }
  if (copied) return
  // a copy of this result, as the field itself changes with every later edit
  const copy = new NearestField(ctx.graph, ctx.heap)
  copy.copyFrom(field, (l) => l)
  ctx.nearestMemo.set(cov.type.id, {
    field: copy,
    keyOf: new Map(labels.map((s, i) => [s, keys[i]])),
  })
}
