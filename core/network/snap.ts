// Snapping (接入): a point joins the network at its nearest point on a walkable edge, and the
// straight walk to it is its access distance. One snapper serves both uses: the analysis graph
// (edges in EPSG:4548 metres, `createEdgeSnapper`: edge index, fraction t, metres) and the stored
// network (lng/lat in a local metric plane, `createSnapIndex` / `snapPoint`: edge id, t and access
// in great-circle metres, as stored). Optionally the walk to the street may not cross a barrier (a
// building by a river joins a street on its own bank). The segments sit in a static R-tree
// (flatbush): the few nearest boxes give a bound, then every box within it is measured exactly.
import Flatbush from 'flatbush'
import { haversineDistanceMeters } from '../geo/distance'
import { type Coord, crossesAny, type Plane, planeAt } from './geometry'
import type { WalkGraph } from './graph'
import type { NetworkAccess, WalkNetwork } from './types'

/** An access on the graph: edge index (not id), fraction along it, metres off it. */
export interface GraphAccess {
  edge: number
  t: number
  accessM: number
}

/** Edge lines as flat arrays in a metric plane: edge e is points [lineStart[e], lineStart[e + 1]). */
export interface SnapLines {
  edgeCount: number
  lineStart: Int32Array
  lineX: Float64Array
  lineY: Float64Array
}

/** The nearest point: on edge `edge`, segment from point `first`, fraction `f` along it, `distance` away. */
export interface SegmentHit {
  edge: number
  first: number
  f: number
  distance: number
}

export interface SegmentSnapper {
  /** The nearest point to (x, y) on an included edge (whose walk does not cross a barrier), or null. */
  nearest(x: number, y: number): SegmentHit | null
}

/**
 * The one snapper: the segments of the included edges in a flatbush index; barriers are lines in
 * the same plane that the walk from the point to the street may not cross.
 */
export function createSegmentSnapper(
  lines: SnapLines,
  options: { include?: (edge: number) => boolean; barriers?: readonly (readonly Coord[])[] } = {},
): SegmentSnapper {
  const { lineStart, lineX, lineY, edgeCount } = lines
  const barriers = options.barriers ?? []
  const segEdge: number[] = []
  const segFirst: number[] = []
  for (let e = 0; e < edgeCount; e++) {
    if (options.include && !options.include(e)) continue
    for (let k = lineStart[e]; k < lineStart[e + 1] - 1; k++) {
      segEdge.push(e)
      segFirst.push(k)
    }
  }
  const segCount = segEdge.length
  const index = new Flatbush(Math.max(segCount, 1))
  for (let s = 0; s < segCount; s++) {
    const k = segFirst[s]
    index.add(
      Math.min(lineX[k], lineX[k + 1]),
      Math.min(lineY[k], lineY[k + 1]),
      Math.max(lineX[k], lineX[k + 1]),
      Math.max(lineY[k], lineY[k + 1]),
    )
  }
  if (segCount === 0) index.add(0, 0, 0, 0)
  index.finish()
  return {
    nearest(x, y) {
      if (segCount === 0) return null
      let best2 = Number.POSITIVE_INFINITY
      let bestSeg = -1
      let bestF = 0
      const measure = (s: number) => {
        const k = segFirst[s]
        const ax = lineX[k]
        const ay = lineY[k]
        const dx = lineX[k + 1] - ax
        const dy = lineY[k + 1] - ay
        const len2 = dx * dx + dy * dy
        const f = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0
        const ex = ax + f * dx - x
        const ey = ay + f * dy - y
        const d2 = ex * ex + ey * ey
        if (d2 > best2 || (d2 === best2 && s > bestSeg)) return
        if (barriers.length > 0 && crossesAny([x, y], [ax + f * dx, ay + f * dy], barriers)) return
        best2 = d2
        bestSeg = s
        bestF = f
      }
      // the few nearest boxes (more while every one is across a barrier) give a bound …
      for (let k = 8; bestSeg < 0; k *= 4) {
        for (const s of index.neighbors(x, y, k)) measure(s)
        if (k >= segCount) break
      }
      if (bestSeg < 0) return null
      // … and every segment whose box lies within it is measured
      for (const s of index.neighbors(x, y, Number.POSITIVE_INFINITY, Math.sqrt(best2) + 1e-9)) measure(s)
      return { edge: segEdge[bestSeg], first: segFirst[bestSeg], f: bestF, distance: Math.sqrt(best2) }
    },
  }
}

export interface EdgeSnapper {
  /** The nearest walkable point to (x, y) in metres, or null when the graph has no edge. */
  snap(x: number, y: number): GraphAccess | null
}

/** Snaps points in the graph's metres (EPSG:4548) to its walkable edges. */
export function createEdgeSnapper(graph: WalkGraph): EdgeSnapper {
  const snapper = createSegmentSnapper(graph)
  const { lineStart, lineX, lineY } = graph
  return {
    snap(x, y) {
      const hit = snapper.nearest(x, y)
      if (!hit) return null
      let along = 0
      for (let k = lineStart[hit.edge]; k < hit.first; k++)
        along += Math.hypot(lineX[k + 1] - lineX[k], lineY[k + 1] - lineY[k])
      const k = hit.first
      along += hit.f * Math.hypot(lineX[k + 1] - lineX[k], lineY[k + 1] - lineY[k])
      const length = graph.edgeLength[hit.edge]
      return { edge: hit.edge, t: length > 0 ? Math.min(1, along / length) : 0, accessM: hit.distance }
    },
  }
}

export interface SnapIndex {
  plane: Plane
  snapper: SegmentSnapper
  network: WalkNetwork
  /** edge e's coords start at lineStart[e] in the flat arrays (to find the segment's index) */
  lineStart: Int32Array
}

export interface SnapOptions {
  /** lines an access walk may not cross (rivers, railways, expressways), lng/lat */
  barriers?: readonly (readonly Coord[])[]
}

/** The snap index of a stored network (lng/lat), its walkable edges in a local metric plane. */
export function createSnapIndex(network: WalkNetwork, options: SnapOptions = {}): SnapIndex {
  let latSum = 0
  for (const n of network.nodes) latSum += n.lat
  const plane = planeAt(network.nodes.length ? latSum / network.nodes.length : 0)
  const { edges } = network
  const lineStart = new Int32Array(edges.length + 1)
  for (let e = 0; e < edges.length; e++) lineStart[e + 1] = lineStart[e] + edges[e].coords.length
  const lineX = new Float64Array(lineStart[edges.length])
  const lineY = new Float64Array(lineStart[edges.length])
  edges.forEach((edge, e) => {
    edge.coords.forEach(([lng, lat], k) => {
      lineX[lineStart[e] + k] = lng * plane.kx
      lineY[lineStart[e] + k] = lat * plane.ky
    })
  })
  const barriers = (options.barriers ?? []).map((line) =>
    line.map(([lng, lat]): Coord => [lng * plane.kx, lat * plane.ky]),
  )
  const snapper = createSegmentSnapper(
    { edgeCount: edges.length, lineStart, lineX, lineY },
    { include: (e) => edges[e].walkable, barriers },
  )
  return { plane, snapper, network, lineStart }
}

/** The access of a point: nearest walkable edge (not across a barrier), or null if there is none. */
export function snapPoint(index: SnapIndex, lng: number, lat: number): NetworkAccess | null {
  const hit = index.snapper.nearest(lng * index.plane.kx, lat * index.plane.ky)
  if (!hit) return null
  // lengths in great-circle metres along the edge's lng/lat line, as the stored lengths are
  const edge = index.network.edges[hit.edge]
  const segment = hit.first - index.lineStart[hit.edge]
  let along = 0
  for (let i = 1; i <= segment; i++) along += haversineDistanceMeters(edge.coords[i - 1], edge.coords[i])
  const a = edge.coords[segment]
  const b = edge.coords[segment + 1]
  const q: Coord = [a[0] + hit.f * (b[0] - a[0]), a[1] + hit.f * (b[1] - a[1])]
  along += haversineDistanceMeters(a, q)
  const t = edge.lengthM > 0 ? Math.min(1, Math.max(0, along / edge.lengthM)) : 0
  return { edgeId: edge.id, t, accessM: haversineDistanceMeters([lng, lat], q) }
}

/** The point on the network where an access joins it, lng/lat. */
export function accessPoint(network: WalkNetwork, access: NetworkAccess): Coord {
  const edge = network.edges.find((e) => e.id === access.edgeId)
  if (!edge) throw new Error(`no edge ${access.edgeId}`)
  return pointAlong(edge.coords, access.t * edge.lengthM)
}

/** The point `m` metres along a line (clamped to its ends). */
export function pointAlong(coords: readonly Coord[], m: number): Coord {
  let left = m
  for (let i = 1; i < coords.length; i++) {
    const l = haversineDistanceMeters(coords[i - 1], coords[i])
    if (left <= l) {
      const f = l > 0 ? left / l : 0
      const a = coords[i - 1]
      const b = coords[i]
      return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]
    }
    left -= l
  }
  return coords[coords.length - 1]
}
