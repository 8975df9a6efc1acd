// The demo world's walk network (步行网络): residential streets along the boundaries between units,
// arterials along the boundaries between communities (and streets), cut by the district's rivers,
// canal, railways and expressways (geodata/binhai-barriers.json), which walking crosses only at
// bridges, level crossings and underpasses a few kilometres apart. Nodes are the shared vertices
// of the noded unit boundaries, so lines meet exactly where they share a coordinate. Crossings that
// would leave a piece of the district cut off are added back, so the network is one island.
// Expressways are stored as edges too, closed to pedestrians and joined to nothing.
import Flatbush from 'flatbush'
import type { MultiPolygon } from 'geojson'
import barriersJson from '../../geodata/binhai-barriers.json'
import { UnionFind } from '../network/components'
import { type Coord, lineLengthM, segmentCrossing } from '../network/geometry'
import type { WalkBarrier, WalkBarrierKind, WalkEdge, WalkEdgeClass, WalkNetwork, WalkNode } from '../network/types'

export const DEMO_BARRIERS = barriersJson.barriers as WalkBarrier[]

/** Metres between crossings along a barrier, by kind (bridges, level crossings, interchanges). */
export const CROSSING_SPACING_M: Record<WalkBarrierKind, number> = {
  river: 2000,
  canal: 1500,
  railway: 2500,
  expressway: 3000,
  port: 3000,
}

const CROSSING_CLASS: Record<WalkBarrierKind, WalkEdgeClass> = {
  river: 'bridge',
  canal: 'bridge',
  railway: 'level_crossing',
  expressway: 'underpass',
  port: 'bridge',
}

interface Segment {
  a: Coord
  b: Coord
  na: number // node index
  nb: number
  arterial: boolean
}

export interface DemoNetworkInput {
  units: { geom: MultiPolygon }[]
  /** boundaries that carry arterials: communities, streets */
  arterialBoundaries: { geom: MultiPolygon }[]
  barriers?: WalkBarrier[]
}

export function generateWalkNetwork(input: DemoNetworkInput): { network: WalkNetwork; barriers: WalkBarrier[] } {
  const barriers = input.barriers ?? DEMO_BARRIERS
  // 1. unique boundary segments, nodes at the shared vertices
  const nodeIndex = new Map<string, number>()
  const nodeCoords: Coord[] = []
  const node = (c: Coord) => {
    const key = `${c[0]},${c[1]}`
    let i = nodeIndex.get(key)
    if (i === undefined) {
      i = nodeCoords.length
      nodeIndex.set(key, i)
      nodeCoords.push([c[0], c[1]])
    }
    return i
  }
  const segmentIndex = new Map<string, number>()
  const segments: Segment[] = []
  const pairKey = (i: number, j: number) => (i < j ? `${i}:${j}` : `${j}:${i}`)
  for (const u of input.units)
    for (const polygon of u.geom.coordinates)
      for (const ring of polygon)
        for (let k = 1; k < ring.length; k++) {
          const a = ring[k - 1] as Coord
          const b = ring[k] as Coord
          const na = node(a)
          const nb = node(b)
          if (na === nb) continue
          const key = pairKey(na, nb)
          if (segmentIndex.has(key)) continue
          segmentIndex.set(key, segments.length)
          segments.push({ a: nodeCoords[na], b: nodeCoords[nb], na, nb, arterial: false })
        }
  for (const x of input.arterialBoundaries)
    for (const polygon of x.geom.coordinates)
      for (const ring of polygon)
        for (let k = 1; k < ring.length; k++) {
          const na = nodeIndex.get(`${ring[k - 1][0]},${ring[k - 1][1]}`)
          const nb = nodeIndex.get(`${ring[k][0]},${ring[k][1]}`)
          if (na === undefined || nb === undefined) continue
          const s = segmentIndex.get(pairKey(na, nb))
          if (s !== undefined) segments[s].arterial = true
        }

  // 2. which segments cross which barrier, and where along it
  const crossings = barrierCrossings(segments, barriers)
  const barriersOf = new Map<number, number[]>()
  for (const [bi, list] of crossings.entries())
    for (const c of list) barriersOf.set(c.segment, [...(barriersOf.get(c.segment) ?? []), bi])

  // 3. crossings every few kilometres along each barrier, arterials preferred
  const crossingKind = new Map<number, WalkBarrierKind>()
  crossings.forEach((list, bi) => {
    const kind = barriers[bi].kind
    const spacing = CROSSING_SPACING_M[kind]
    const single = list.filter((c) => barriersOf.get(c.segment)!.length === 1)
    let next = spacing / 2
    for (let i = 0; i < single.length; i++) {
      if (single[i].chainageM < next) continue
      // within half a spacing from here, take the first arterial, else this one
      let pick = i
      for (let j = i; j < single.length && single[j].chainageM < single[i].chainageM + spacing / 2; j++)
        if (segments[single[j].segment].arterial) {
          pick = j
          break
        }
      crossingKind.set(single[pick].segment, kind)
      next = single[pick].chainageM + spacing
      i = pick
    }
  })

  // 4. join any piece the barriers cut off, with as few extra crossings as that takes
  const uf = new UnionFind(nodeCoords.length)
  const open = (s: number) => !barriersOf.has(s) || crossingKind.has(s)
  segments.forEach((s, i) => {
    if (open(i)) uf.union(s.na, s.nb)
  })
  const closed = [...barriersOf.keys()].filter((s) => !open(s)).sort((x, y) => x - y)
  closed.sort((x, y) => barriersOf.get(x)!.length - barriersOf.get(y)!.length)
  for (const s of closed)
    if (uf.union(segments[s].na, segments[s].nb)) crossingKind.set(s, barriers[barriersOf.get(s)![0]].kind)

  // 5. nodes and edges, numbered from 1 in the order met
  const nodes: WalkNode[] = []
  const nodeId = new Int32Array(nodeCoords.length)
  const idOf = (i: number) => {
    if (nodeId[i] === 0) {
      nodes.push({ id: nodes.length + 1, lng: nodeCoords[i][0], lat: nodeCoords[i][1] })
      nodeId[i] = nodes.length
    }
    return nodeId[i]
  }
  const edges: WalkEdge[] = []
  segments.forEach((s, i) => {
    if (!open(i)) return
    const kind = crossingKind.get(i)
    const cls: WalkEdgeClass = kind ? CROSSING_CLASS[kind] : s.arterial ? 'arterial' : 'residential'
    const edge: WalkEdge = {
      id: edges.length + 1,
      source: idOf(s.na),
      target: idOf(s.nb),
      lengthM: lineLengthM([s.a, s.b]),
      class: cls,
      walkable: true,
      coords: [s.a, s.b],
    }
    if (cls === 'bridge') edge.bridge = true
    if (cls === 'underpass') edge.tunnel = true
    edges.push(edge)
  })
  // expressways: closed to pedestrians, on nodes of their own
  for (const b of barriers) {
    if (b.kind !== 'expressway') continue
    let prev = 0
    b.coords.forEach((c, k) => {
      nodes.push({ id: nodes.length + 1, lng: c[0], lat: c[1] })
      const id = nodes.length
      if (k > 0) {
        const coords: Coord[] = [b.coords[k - 1], c]
        edges.push({
          id: edges.length + 1,
          source: prev,
          target: id,
          lengthM: lineLengthM(coords),
          class: 'expressway',
          walkable: false,
          coords,
          name: b.name,
        })
      }
      prev = id
    })
  }
  return { network: { nodes, edges }, barriers }
}

interface Crossing {
  segment: number
  chainageM: number
}

/** Per barrier, the segments that cross it, ordered along the barrier. */
function barrierCrossings(segments: Segment[], barriers: WalkBarrier[]): Crossing[][] {
  if (segments.length === 0) return barriers.map(() => [])
  const tree = new Flatbush(segments.length)
  for (const s of segments)
    tree.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]))
  tree.finish()
  return barriers.map((barrier) => {
    const out: Crossing[] = []
    let startM = 0
    for (let k = 1; k < barrier.coords.length; k++) {
      const p = barrier.coords[k - 1]
      const q = barrier.coords[k]
      const lengthM = lineLengthM([p, q])
      const hits = tree.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))
      for (const s of hits) {
        const t = segmentCrossing(p, q, segments[s].a, segments[s].b)
        if (t !== null) out.push({ segment: s, chainageM: startM + t * lengthM })
      }
      startM += lengthM
    }
    out.sort((x, y) => x.chainageM - y.chainageM || x.segment - y.segment)
    // a segment met twice (at a bend of the barrier) counts once
    const seen = new Set<number>()
    return out.filter((c) => !seen.has(c.segment) && seen.add(c.segment))
  })
}
