// "Propose grids": a balanced partition of whole units into connected, compact grids.
// Per community and per connected part of it: k = round(households / target) grids by recursive
// bisection (region growing along the principal axis), then local search on boundary moves and
// swaps, a few seeded kicks when grids stay out of band, and k ± 1 tried when that helps.

import { seededRandom } from '../../seeded-random'
import { bandExcess, validateSettings } from './balance'
import { piecesOfUnits } from './connectivity'
import { type GraphIndex, indexGraph } from './graph-index'
import { improveByMoves, improveBySwaps } from './local-search'
import { PlanState } from './plan-state'
import type { GridSettings, UnitGraph } from './types'

export interface ProposeOptions {
  /** Seed of the visiting order and kicks (default 1): same seed, same plan. */
  seed?: number
  /** Rounds of kick + local search when grids stay out of band (default 30). */
  kicks?: number
}

/** Planar [x, y] in metres-like units for axis and ordering (lng scaled by cos(latitude)). */
export function planarCentroids(graph: UnitGraph): Float64Array {
  const n = graph.centroids.length
  const xy = new Float64Array(2 * n)
  let lat = 0
  for (const c of graph.centroids) lat += c[1] / Math.max(1, n)
  const sx = graph.centroidCrs === 'metric' ? 1 : Math.cos((lat * Math.PI) / 180)
  graph.centroids.forEach(([x, y], u) => {
    xy[2 * u] = x * sx
    xy[2 * u + 1] = y
  })
  return xy
}

/** Parts to partition independently: connected pieces of each community's units. */
export function communityParts(index: GraphIndex): number[][] {
  const parts: number[][] = []
  for (let c = 0; c < index.communities.length; c++) {
    const units: number[] = []
    for (let u = 0; u < index.n; u++) if (index.community[u] === c) units.push(u)
    parts.push(...piecesOfUnits(index, units, (u) => index.community[u] === c))
  }
  return parts
}

/** A proposed plan: unit → grid key 0..K−1, grids numbered per community west → east. */
export function proposeGrids(graph: UnitGraph, settings: GridSettings, options: ProposeOptions = {}): Int32Array {
  validateSettings(settings)
  const index = indexGraph(graph)
  const xy = planarCentroids(graph)
  const random = seededRandom(options.seed ?? 1)
  const result = new Int32Array(index.n).fill(-1)
  let nextKey = 0
  for (const part of communityParts(index)) {
    // 1. grid counts to try: round(H / T), and its neighbours when their mean is in band
    const h = part.reduce((s, u) => s + index.households[u], 0)
    const k0 = Math.max(1, Math.min(part.length, Math.round(h / settings.targetHouseholds)))
    const ks = [k0, k0 - 1, k0 + 1].filter(
      (k, i) => k >= 1 && k <= part.length && (i === 0 || bandExcess(h / k, settings) === 0),
    )
    // 2. best plan over the counts: fewest grids out of band, then lowest cost
    let best: { assign: Int32Array; out: number; cost: number; k: number } | null = null
    for (const k of ks) {
      const plan = partitionPart(index, settings, xy, part, k, random, options.kicks ?? 30)
      if (!best || plan.out < best.out || (plan.out === best.out && plan.cost < best.cost - 1e-9)) best = plan
      if (best.out === 0) break
    }
    // 3. copy with global keys
    for (const u of part) result[u] = nextKey + best!.assign[u]
    nextKey += best!.k
  }
  return renumberWestToEast(result, xy, index)
}

function partitionPart(
  index: GraphIndex,
  settings: GridSettings,
  xy: Float64Array,
  part: number[],
  k: number,
  random: () => number,
  kicks: number,
) {
  // 1. initial plan by recursive bisection
  const assign = new Int32Array(index.n).fill(-1)
  let grids = 0
  const bisect = (units: number[], parts: number) => {
    if (parts <= 1 || units.length <= 1) {
      for (const u of units) assign[u] = grids
      grids++
      return
    }
    const [a, b] = bisectUnits(index, xy, units, Math.floor(parts / 2) / parts)
    const k1 = Math.min(Math.floor(parts / 2), a.length)
    bisect(a, k1)
    bisect(b, Math.min(parts - k1, b.length))
  }
  bisect(part, k)
  // 2. local search: boundary moves, then swaps, until neither helps
  let state = new PlanState(index, settings, assign, grids)
  const order = shuffle([...part], random)
  const polish = (s: PlanState) => {
    for (let round = 0; round < 10; round++) if (improveByMoves(s, order) + improveBySwaps(s, order) === 0) break
  }
  polish(state)
  // 3. kicks: push a unit out of a random out-of-band grid, re-polish, keep if better
  let bestAssign = Int32Array.from(state.assign)
  let bestOut = state.outOfBandCount()
  let bestCost = state.totalCost()
  for (let kick = 0; kick < kicks && bestOut > 0; kick++) {
    state = new PlanState(index, settings, Int32Array.from(bestAssign), grids)
    for (let j = 0; j < 3; j++) randomKick(state, part, random)
    polish(state)
    const out = state.outOfBandCount()
    const cost = state.totalCost()
    if (out < bestOut || (out === bestOut && cost < bestCost - 1e-9)) {
      bestAssign = Int32Array.from(state.assign)
      bestOut = out
      bestCost = cost
    }
  }
  return { assign: bestAssign, out: bestOut, cost: bestCost, k: grids }
}

/** Split a connected set into two connected sets, the first with ≈ `share` of its households. */
export function bisectUnits(index: GraphIndex, xy: Float64Array, units: number[], share: number): [number[], number[]] {
  // 1. principal axis of the centroids
  let mx = 0
  let my = 0
  for (const u of units) {
    mx += xy[2 * u] / units.length
    my += xy[2 * u + 1] / units.length
  }
  let cxx = 0
  let cyy = 0
  let cxy = 0
  for (const u of units) {
    const dx = xy[2 * u] - mx
    const dy = xy[2 * u + 1] - my
    cxx += dx * dx
    cyy += dy * dy
    cxy += dx * dy
  }
  const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy)
  const proj = new Map<number, number>()
  for (const u of units) proj.set(u, xy[2 * u] * Math.cos(angle) + xy[2 * u + 1] * Math.sin(angle))
  // 2. grow from the lowest unit along the axis, always taking the lowest frontier unit
  const inSet = new Set(units)
  const start = units.reduce((a, b) => (proj.get(b)! < proj.get(a)! ? b : a))
  const order: number[] = []
  const frontier = new Set([start])
  const taken = new Set<number>()
  while (frontier.size > 0) {
    let u = -1
    for (const f of frontier) if (u < 0 || proj.get(f)! < proj.get(u)! || (proj.get(f) === proj.get(u) && f < u)) u = f
    frontier.delete(u)
    taken.add(u)
    order.push(u)
    for (let k = index.offsets[u]; k < index.offsets[u + 1]; k++) {
      const v = index.nbr[k]
      if (inSet.has(v) && !taken.has(v)) frontier.add(v)
    }
  }
  // 3. cut the growth order where the first side's households are nearest the goal
  const total = units.reduce((s, u) => s + index.households[u], 0)
  const goal = total * share
  let acc = 0
  let cut = 1
  let bestGap = Number.POSITIVE_INFINITY
  for (let i = 0; i < order.length - 1; i++) {
    acc += index.households[order[i]]
    if (Math.abs(acc - goal) < bestGap) {
      bestGap = Math.abs(acc - goal)
      cut = i + 1
    }
  }
  const a = order.slice(0, cut)
  const rest = order.slice(cut)
  // 4. second side: keep its largest piece, hand the other pieces (all touching side one) to it
  const restSet = new Set(rest)
  const pieces = piecesOfUnits(index, rest, (u) => restSet.has(u))
  for (const piece of pieces.slice(1)) a.push(...piece)
  return [a, pieces[0] ?? []]
}

/** Move one removable boundary unit out of (or into) a random out-of-band grid. */
function randomKick(state: PlanState, part: number[], random: () => number) {
  const out: number[] = []
  for (let g = 0; g < state.gridCount; g++) if (bandExcess(state.households[g], state.settings) > 1e-9) out.push(g)
  const grid = out.length ? out[Math.floor(random() * out.length)] : Math.floor(random() * state.gridCount)
  const over = state.households[grid] > state.settings.targetHouseholds
  // candidates: over → its boundary units to a neighbour grid; under → neighbours' units into it
  const moves: [number, number][] = []
  for (const u of part) {
    const g = state.assign[u]
    const touched = state.sharedByGrid(u)
    for (const h of touched) {
      if (h === g || state.community[h] !== state.community[g]) continue
      if (over ? g === grid : h === grid) moves.push([u, h])
    }
    state.clearShared(touched)
  }
  for (let tries = 0; tries < 4 && moves.length; tries++) {
    const [u, to] = moves[Math.floor(random() * moves.length)]
    if (state.canRemove(u)) {
      state.move(u, to)
      return
    }
  }
}

/** Renumber grids 0..K−1 by community, then by their mean centroid west → east (then north → south). */
export function renumberWestToEast(assign: Int32Array, xy: Float64Array, index: GraphIndex): Int32Array {
  const info = new Map<number, { c: number; x: number; y: number; n: number }>()
  for (let u = 0; u < index.n; u++) {
    const g = assign[u]
    if (g < 0) continue
    const e = info.get(g) ?? { c: index.community[u], x: 0, y: 0, n: 0 }
    e.x += xy[2 * u]
    e.y += xy[2 * u + 1]
    e.n++
    info.set(g, e)
  }
  const keys = [...info.keys()].sort((a, b) => {
    const p = info.get(a)!
    const q = info.get(b)!
    return p.c - q.c || p.x / p.n - q.x / q.n || q.y / q.n - p.y / p.n || a - b
  })
  const newKey = new Map(keys.map((g, i) => [g, i]))
  return assign.map((g) => (g < 0 ? -1 : newKey.get(g)!))
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}
