// Snapping (接入): a point joins the network at its nearest point on a walkable edge, and the
// straight walk to it is its access distance. Optionally the walk to the street may not cross a
// barrier (a building by a river joins a street on its own bank). Segments of the walkable edges
// sit in a static R-tree (flatbush) in a local metric plane, so a nearest-bbox query followed by
// an exact refinement finds the nearest point.
import Flatbush from 'flatbush'
import { haversineDistanceMeters } from '../geo/distance'
import { type Coord, crossesAny, nearestOnSegment, type Plane, planeAt } from './geometry'
import type { NetworkAccess, WalkNetwork } from './types'

export interface SnapIndex {
  plane: Plane
  tree: Flatbush | null
  /** per segment: the edge's position in network.edges, the segment's index in the edge's coords */
  segEdge: Int32Array
  segIndex: Int32Array
  /** metres along the edge where the segment starts */
  segStartM: Float64Array
  network: WalkNetwork
  barriers: readonly (readonly Coord[])[]
}

export interface SnapOptions {
  /** lines an access walk may not cross (rivers, railways, expressways) */
  barriers?: readonly (readonly Coord[])[]
}

export function createSnapIndex(network: WalkNetwork, options: SnapOptions = {}): SnapIndex {
  let latSum = 0
  for (const n of network.nodes) latSum += n.lat
  const plane = planeAt(network.nodes.length ? latSum / network.nodes.length : 0)
  const segEdge: number[] = []
  const segIndex: number[] = []
  const segStartM: number[] = []
  network.edges.forEach((e, ei) => {
    if (!e.walkable) return
    let along = 0
    for (let i = 1; i < e.coords.length; i++) {
      segEdge.push(ei)
      segIndex.push(i - 1)
      segStartM.push(along)
      along += haversineDistanceMeters(e.coords[i - 1], e.coords[i])
    }
  })
  let tree: Flatbush | null = null
  if (segEdge.length > 0) {
    tree = new Flatbush(segEdge.length)
    for (let s = 0; s < segEdge.length; s++) {
      const c = network.edges[segEdge[s]].coords
      const a = c[segIndex[s]]
      const b = c[segIndex[s] + 1]
      tree.add(
        Math.min(a[0], b[0]) * plane.kx,
        Math.min(a[1], b[1]) * plane.ky,
        Math.max(a[0], b[0]) * plane.kx,
        Math.max(a[1], b[1]) * plane.ky,
      )
    }
    tree.finish()
  }
  return {
    plane,
    tree,
    segEdge: Int32Array.from(segEdge),
    segIndex: Int32Array.from(segIndex),
    segStartM: Float64Array.from(segStartM),
    network,
    barriers: options.barriers ?? [],
  }
}

/** The access of a point: nearest walkable edge (not across a barrier), or null if there is none. */
export function snapPoint(index: SnapIndex, lng: number, lat: number): NetworkAccess | null {
  const { tree, plane, network } = index
  if (!tree) return null
  const px = lng * plane.kx
  const py = lat * plane.ky
  let best = -1
  let bestD2 = Infinity
  let bestF = 0
  const consider = (s: number) => {
    const c = network.edges[index.segEdge[s]].coords
    const a = c[index.segIndex[s]]
    const b = c[index.segIndex[s] + 1]
    const r = nearestOnSegment(plane, lng, lat, a[0], a[1], b[0], b[1])
    if (r.d2 > bestD2 || (r.d2 === bestD2 && s > best)) return
    if (index.barriers.length > 0) {
      const q: Coord = [a[0] + r.f * (b[0] - a[0]), a[1] + r.f * (b[1] - a[1])]
      if (crossesAny([lng, lat], q, index.barriers)) return
    }
    best = s
    bestD2 = r.d2
    bestF = r.f
  }
  const total = index.segEdge.length
  for (let k = 8; best < 0; k *= 4) {
    for (const s of tree.neighbors(px, py, k)) consider(s)
    if (k >= total) break
  }
  if (best < 0) return null
  // every segment whose box lies within the best distance may still be nearer
  const d = Math.sqrt(bestD2)
  for (const s of tree.search(px - d, py - d, px + d, py + d)) consider(s)
  return accessOf(index, best, bestF, lng, lat)
}

function accessOf(index: SnapIndex, s: number, f: number, lng: number, lat: number): NetworkAccess {
  const edge = index.network.edges[index.segEdge[s]]
  const a = edge.coords[index.segIndex[s]]
  const b = edge.coords[index.segIndex[s] + 1]
  const q: Coord = [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]
  const along = index.segStartM[s] + haversineDistanceMeters(a, q)
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
