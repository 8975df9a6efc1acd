// The walk network as a compact graph: nodes and walkable edges in CSR (typed arrays), edge
// geometry in EPSG:4548 metres, and each edge's length as the planar length of its line in the
// same metres the straight-line coverage measures in (so a walking distance is never shorter
// than the straight line). Unwalkable edges (expressways) are left out.
import { toMetricBatch } from '../geo'
import type { WalkNetwork } from './types'

export interface WalkGraph {
  nodeCount: number
  nodeIds: Int32Array
  edgeCount: number
  edgeIds: Int32Array
  /** node indices of each edge's ends */
  edgeSource: Int32Array
  edgeTarget: Int32Array
  edgeLength: Float64Array
  /** edge e's line is points [lineStart[e], lineStart[e + 1]) of lineX / lineY */
  lineStart: Int32Array
  lineX: Float64Array
  lineY: Float64Array
  /** node u's incident edges are adjEdge[adjStart[u] .. adjStart[u + 1]), leading to adjNode */
  adjStart: Int32Array
  adjNode: Int32Array
  adjEdge: Int32Array
  edgeIndex: Map<number, number>
}

export type Projection = (lng: Float64Array, lat: Float64Array) => { xMeters: Float64Array; yMeters: Float64Array }

/** Builds the graph; edges whose ends are unknown nodes are refused. */
export function buildWalkGraph(network: WalkNetwork, project: Projection = toMetricBatch): WalkGraph {
  const nodeIndex = new Map<number, number>()
  network.nodes.forEach((n, i) => {
    if (nodeIndex.has(n.id)) throw new RangeError(`duplicate walk node ${n.id}`)
    nodeIndex.set(n.id, i)
  })
  const edges = network.edges.filter((e) => e.walkable && e.class !== 'expressway')
  const m = edges.length
  const edgeSource = new Int32Array(m)
  const edgeTarget = new Int32Array(m)
  const edgeLength = new Float64Array(m)
  const lineStart = new Int32Array(m + 1)
  for (let e = 0; e < m; e++) lineStart[e + 1] = lineStart[e] + Math.max(edges[e].coords.length, 2)
  const lng = new Float64Array(lineStart[m])
  const lat = new Float64Array(lineStart[m])
  const edgeIndex = new Map<number, number>()
  for (let e = 0; e < m; e++) {
    const edge = edges[e]
    const s = nodeIndex.get(edge.source)
    const t = nodeIndex.get(edge.target)
    if (s === undefined || t === undefined) throw new RangeError(`walk edge ${edge.id} has an unknown node`)
    edgeSource[e] = s
    edgeTarget[e] = t
    edgeIndex.set(edge.id, e)
    const coords =
      edge.coords.length >= 2
        ? edge.coords
        : [
            [network.nodes[s].lng, network.nodes[s].lat],
            [network.nodes[t].lng, network.nodes[t].lat],
          ]
    coords.forEach(([x, y], k) => {
      lng[lineStart[e] + k] = x
      lat[lineStart[e] + k] = y
    })
  }
  const { xMeters: lineX, yMeters: lineY } = project(lng, lat)
  for (let e = 0; e < m; e++) {
    let length = 0
    for (let k = lineStart[e] + 1; k < lineStart[e + 1]; k++)
      length += Math.hypot(lineX[k] - lineX[k - 1], lineY[k] - lineY[k - 1])
    edgeLength[e] = length
  }
  // adjacency, both directions
  const n = network.nodes.length
  const adjStart = new Int32Array(n + 1)
  for (let e = 0; e < m; e++) {
    adjStart[edgeSource[e] + 1]++
    adjStart[edgeTarget[e] + 1]++
  }
  for (let u = 0; u < n; u++) adjStart[u + 1] += adjStart[u]
  const fill = adjStart.slice(0, n)
  const adjNode = new Int32Array(2 * m)
  const adjEdge = new Int32Array(2 * m)
  for (let e = 0; e < m; e++) {
    const s = edgeSource[e]
    const t = edgeTarget[e]
    adjNode[fill[s]] = t
    adjEdge[fill[s]++] = e
    adjNode[fill[t]] = s
    adjEdge[fill[t]++] = e
  }
  return {
    nodeCount: n,
    nodeIds: Int32Array.from(network.nodes, (x) => x.id),
    edgeCount: m,
    edgeIds: Int32Array.from(edges, (x) => x.id),
    edgeSource,
    edgeTarget,
    edgeLength,
    lineStart,
    lineX,
    lineY,
    adjStart,
    adjNode,
    adjEdge,
    edgeIndex,
  }
}

/** The point at fraction t of edge e's length, in metres. */
export function pointAlong(graph: WalkGraph, e: number, t: number): [number, number] {
  const { lineStart, lineX, lineY } = graph
  let left = t * graph.edgeLength[e]
  for (let k = lineStart[e] + 1; k < lineStart[e + 1]; k++) {
    const seg = Math.hypot(lineX[k] - lineX[k - 1], lineY[k] - lineY[k - 1])
    if (left <= seg || k === lineStart[e + 1] - 1) {
      const f = seg > 0 ? Math.min(1, left / seg) : 0
      return [lineX[k - 1] + f * (lineX[k] - lineX[k - 1]), lineY[k - 1] + f * (lineY[k] - lineY[k - 1])]
    }
    left -= seg
  }
  return [lineX[lineStart[e]], lineY[lineStart[e]]]
}
