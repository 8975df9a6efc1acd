// Topology for an imported network: lines (roads, paths, bridges) → nodes and edges. Lines meet
// where they share a coordinate, and where they cross at grade: a crossing of two lines is split
// into a node on both, unless either passes over or under (a bridge or tunnel flag, or a different
// OSM `layer`). Then each line is cut at every node. Pieces the result falls into are reported as
// islands (孤岛): a network should be one piece, and a small island is usually a digitising gap.
import Flatbush from 'flatbush'
import { networkComponents } from './components'
import { type Coord, lineLengthM } from './geometry'
import type { WalkEdge, WalkEdgeClass, WalkNetwork, WalkNode } from './types'

export interface NetworkLine {
  coords: Coord[]
  class: WalkEdgeClass
  walkable: boolean
  bridge?: boolean
  tunnel?: boolean
  /** OSM layer (0 at grade): lines on different layers never meet except at shared vertices */
  layer?: number
  name?: string
}

export interface Island {
  nodes: number
  /** one of its nodes, to find it on the map */
  lng: number
  lat: number
}

export interface TopologyReport {
  lines: number
  /** lines dropped: fewer than two distinct points */
  degenerate: number
  /** at-grade crossings that were not a shared vertex and became a node */
  crossingsNoded: number
  /** crossings left unnoded because one line passes over or under the other */
  crossingsPassing: number
  nodes: number
  edges: number
  /** component sizes in nodes, largest first (over walkable edges) */
  components: number[]
  /** every component but the largest, largest first */
  islands: Island[]
}

/** Coordinates are rounded to this many degrees (1e-7° ≈ 1 cm), so near-equal vertices meet. */
export const TOPOLOGY_GRID_DEGREES = 1e-7

const SCALE = Math.round(1 / TOPOLOGY_GRID_DEGREES)
const round = (v: number) => Math.round(v * SCALE) / SCALE
const keyOf = (c: Coord) => `${Math.round(c[0] * SCALE)},${Math.round(c[1] * SCALE)}`

export function buildTopology(input: readonly NetworkLine[]): { network: WalkNetwork; report: TopologyReport } {
  // 1. rounded lines without repeated points
  const lines: NetworkLine[] = []
  let degenerate = 0
  for (const line of input) {
    const coords: Coord[] = []
    for (const c of line.coords) {
      const r: Coord = [round(c[0]), round(c[1])]
      const last = coords[coords.length - 1]
      if (!last || keyOf(last) !== keyOf(r)) coords.push(r)
    }
    if (coords.length < 2) degenerate++
    else lines.push({ ...line, coords })
  }
  // 2. crossings between segments at grade: split points per segment
  const { splits, noded, passing } = crossingSplits(lines)
  const split: Coord[][] = lines.map((line, li) => {
    const out: Coord[] = [line.coords[0]]
    for (let i = 1; i < line.coords.length; i++) {
      const extra = splits.get(`${li}:${i - 1}`)
      if (extra)
        for (const p of extra.sort((a, b) => a.t - b.t)) if (keyOf(p.at) !== keyOf(out[out.length - 1])) out.push(p.at)
      if (keyOf(line.coords[i]) !== keyOf(out[out.length - 1])) out.push(line.coords[i])
    }
    return out
  })
  // 3. nodes: line ends, and vertices used more than once (by two lines, or twice by one)
  const uses = new Map<string, number>()
  for (const coords of split) for (const c of coords) uses.set(keyOf(c), (uses.get(keyOf(c)) ?? 0) + 1)
  const nodes: WalkNode[] = []
  const nodeIds = new Map<string, number>()
  const nodeAt = (c: Coord) => {
    const key = keyOf(c)
    let id = nodeIds.get(key)
    if (id === undefined) {
      id = nodes.length + 1
      nodeIds.set(key, id)
      nodes.push({ id, lng: c[0], lat: c[1] })
    }
    return id
  }
  // 4. edges: each line cut at its nodes
  const edges: WalkEdge[] = []
  split.forEach((coords, li) => {
    const line = lines[li]
    let start = 0
    for (let i = 1; i < coords.length; i++) {
      const isNode = i === coords.length - 1 || (uses.get(keyOf(coords[i])) ?? 0) > 1
      if (!isNode) continue
      const piece = coords.slice(start, i + 1)
      const edge: WalkEdge = {
        id: edges.length + 1,
        source: nodeAt(piece[0]),
        target: nodeAt(piece[piece.length - 1]),
        lengthM: lineLengthM(piece),
        class: line.class,
        walkable: line.walkable,
        coords: piece,
      }
      if (line.bridge) edge.bridge = true
      if (line.tunnel) edge.tunnel = true
      if (line.name) edge.name = line.name
      edges.push(edge)
      start = i
    }
  })
  const network = { nodes, edges }
  const { sizes, componentOf } = networkComponents(network)
  const islands: Island[] = sizes.slice(1).map((n) => ({ nodes: n, lng: 0, lat: 0 }))
  const located = new Set<number>()
  for (const node of nodes) {
    const c = componentOf.get(node.id)
    if (c === undefined || c === 0 || located.has(c)) continue
    located.add(c)
    islands[c - 1].lng = node.lng
    islands[c - 1].lat = node.lat
  }
  return {
    network,
    report: {
      lines: input.length,
      degenerate,
      crossingsNoded: noded,
      crossingsPassing: passing,
      nodes: nodes.length,
      edges: edges.length,
      components: sizes,
      islands,
    },
  }
}

interface SplitPoint {
  t: number
  at: Coord
}

const passesOverOrUnder = (a: NetworkLine, b: NetworkLine) =>
  !!a.bridge || !!a.tunnel || !!b.bridge || !!b.tunnel || (a.layer ?? 0) !== (b.layer ?? 0)

// Every pair of segments that meet other than at a shared vertex: where, on each.
function crossingSplits(lines: NetworkLine[]) {
  const segLine: number[] = []
  const segIndex: number[] = []
  lines.forEach((line, li) => {
    for (let i = 1; i < line.coords.length; i++) {
      segLine.push(li)
      segIndex.push(i - 1)
    }
  })
  const splits = new Map<string, SplitPoint[]>()
  let noded = 0
  let passing = 0
  if (segLine.length === 0) return { splits, noded, passing }
  const seg = (s: number): [Coord, Coord] => {
    const c = lines[segLine[s]].coords
    return [c[segIndex[s]], c[segIndex[s] + 1]]
  }
  const tree = new Flatbush(segLine.length)
  for (let s = 0; s < segLine.length; s++) {
    const [a, b] = seg(s)
    tree.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))
  }
  tree.finish()
  const addSplit = (s: number, t: number, at: Coord) => {
    const key = `${segLine[s]}:${segIndex[s]}`
    const list = splits.get(key) ?? []
    list.push({ t, at })
    splits.set(key, list)
  }
  for (let s = 0; s < segLine.length; s++) {
    const [a, b] = seg(s)
    for (const o of tree.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    )) {
      if (o <= s) continue
      // consecutive segments of one line share their vertex and nothing else
      if (segLine[o] === segLine[s] && Math.abs(segIndex[o] - segIndex[s]) === 1) continue
      const [c, d] = seg(o)
      const hit = intersection(a, b, c, d)
      if (!hit) continue
      const at: Coord = [round(hit.x), round(hit.y)]
      const k = keyOf(at)
      const atVertexOfS = k === keyOf(a) || k === keyOf(b)
      const atVertexOfO = k === keyOf(c) || k === keyOf(d)
      if (atVertexOfS && atVertexOfO) continue // a shared vertex: already a node
      if (passesOverOrUnder(lines[segLine[s]], lines[segLine[o]])) {
        passing++
        continue
      }
      noded++
      if (!atVertexOfS) addSplit(s, hit.t, at)
      if (!atVertexOfO) addSplit(o, hit.u, at)
    }
  }
  return { splits, noded, passing }
}

/** The meeting point of segments ab and cd, with its fractions along each; null if they miss or are parallel. */
function intersection(a: Coord, b: Coord, c: Coord, d: Coord): { x: number; y: number; t: number; u: number } | null {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const sx = d[0] - c[0]
  const sy = d[1] - c[1]
  const den = rx * sy - ry * sx
  if (den === 0) return null
  const qx = c[0] - a[0]
  const qy = c[1] - a[1]
  const t = (qx * sy - qy * sx) / den
  const u = (qx * ry - qy * rx) / den
  const eps = 1e-12
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null
  return { x: a[0] + t * rx, y: a[1] + t * ry, t, u }
}
