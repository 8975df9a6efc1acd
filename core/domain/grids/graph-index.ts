// A validated, compressed (CSR) view of a UnitGraph for the hot loops; cached per graph object.
import { fail } from './errors'
import { type Assignment, UNASSIGNED, type UnitGraph } from './types'

export interface GraphIndex {
  n: number
  /** Neighbours of unit u are nbr[offsets[u] .. offsets[u + 1]). */
  offsets: Int32Array
  nbr: Int32Array
  sharedM: Float64Array
  households: Float64Array
  residents: Float64Array
  areaM2: Float64Array
  perimeterM: Float64Array
  /** Community number of each unit (index into `communities`). */
  community: Int32Array
  communities: string[]
  idToUnit: Map<string, number>
}

const cache = new WeakMap<UnitGraph, GraphIndex>()

/** Validate a graph once and build its CSR index (cached on the graph object). */
export function indexGraph(graph: UnitGraph): GraphIndex {
  const hit = cache.get(graph)
  if (hit) return hit
  const n = graph.ids.length
  // 1. every per-unit array has one entry per unit
  for (const key of ['households', 'residents', 'areaM2', 'perimeterM', 'centroids', 'adjacency'] as const) {
    const len = graph[key]?.length
    if (len !== n) fail('INVALID_GRAPH', `graph.${key} has ${len} entries, expected ${n} (one per unit)`)
  }
  if (graph.communityIds && graph.communityIds.length !== n)
    fail('INVALID_GRAPH', `graph.communityIds has ${graph.communityIds.length} entries, expected ${n}`)
  // 2. ids unique, numbers finite and non-negative
  const idToUnit = new Map<string, number>()
  for (let u = 0; u < n; u++) {
    const id = graph.ids[u]
    if (idToUnit.has(id)) fail('INVALID_GRAPH', `duplicate unit id ${JSON.stringify(id)} at index ${u}`)
    idToUnit.set(id, u)
    for (const key of ['households', 'residents', 'areaM2', 'perimeterM'] as const) {
      const v = graph[key][u]
      if (!Number.isFinite(v) || v < 0) fail('INVALID_GRAPH', `graph.${key}[${u}] (unit ${id}) is ${v}`)
    }
  }
  // 3. adjacency: in range, no self loops, symmetric
  const offsets = new Int32Array(n + 1)
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u] + graph.adjacency[u].length
  const nbr = new Int32Array(offsets[n])
  const sharedM = new Float64Array(offsets[n])
  const edgeKeys = new Set<number>()
  for (let u = 0; u < n; u++) {
    let k = offsets[u]
    for (const { unit: v, sharedM: len } of graph.adjacency[u]) {
      if (!Number.isInteger(v) || v < 0 || v >= n || v === u)
        fail('INVALID_GRAPH', `graph.adjacency[${u}] has neighbour ${v}, not a unit index other than ${u}`)
      if (!Number.isFinite(len) || len < 0)
        fail('INVALID_GRAPH', `graph.adjacency[${u}] shared length with ${v} is ${len}`)
      edgeKeys.add(u * n + v)
      nbr[k] = v
      sharedM[k++] = len
    }
  }
  for (const key of edgeKeys) {
    const u = Math.floor(key / n)
    const v = key % n
    if (!edgeKeys.has(v * n + u))
      fail('INVALID_GRAPH', `adjacency is not symmetric: ${u} lists ${v} but ${v} does not list ${u}`)
  }
  // 4. communities as small integers
  const communities: string[] = []
  const communityNo = new Map<string, number>()
  const community = new Int32Array(n)
  for (let u = 0; u < n; u++) {
    const c = graph.communityIds?.[u] ?? ''
    let no = communityNo.get(c)
    if (no === undefined) {
      no = communities.length
      communities.push(c)
      communityNo.set(c, no)
    }
    community[u] = no
  }
  const index: GraphIndex = {
    n,
    offsets,
    nbr,
    sharedM,
    households: Float64Array.from(graph.households),
    residents: Float64Array.from(graph.residents),
    areaM2: Float64Array.from(graph.areaM2),
    perimeterM: Float64Array.from(graph.perimeterM),
    community,
    communities,
    idToUnit,
  }
  cache.set(graph, index)
  return index
}

/** Check an assignment against a graph: one integer grid key ≥ 0 (or -1) per unit. */
export function validateAssignment(index: GraphIndex, assignment: Assignment): void {
  if (assignment.length !== index.n)
    fail('INVALID_ASSIGNMENT', `assignment has ${assignment.length} entries, expected ${index.n} (one per unit)`)
  for (let u = 0; u < index.n; u++) {
    const g = assignment[u]
    if (!Number.isInteger(g) || g < UNASSIGNED)
      fail('INVALID_ASSIGNMENT', `assignment[${u}] is ${g}, expected a grid key ≥ 0 or -1`)
  }
}

/** Units of every grid, keyed by grid, units in ascending order; grids in ascending key order. */
export function gridMembers(assignment: Assignment): Map<number, number[]> {
  const keys = new Set<number>()
  for (let u = 0; u < assignment.length; u++) if (assignment[u] !== UNASSIGNED) keys.add(assignment[u])
  const members = new Map<number, number[]>()
  for (const g of [...keys].sort((a, b) => a - b)) members.set(g, [])
  for (let u = 0; u < assignment.length; u++) if (assignment[u] !== UNASSIGNED) members.get(assignment[u])!.push(u)
  return members
}
