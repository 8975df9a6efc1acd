// Where a point joins the walk network: the nearest point on a walkable edge (a Flatbush index
// of the edges' segments, in metres), as the edge, the fraction t along it and the access distance.
import Flatbush from 'flatbush'
import type { WalkGraph } from './graph'

/** An access on the graph: edge index (not id), fraction along it, metres off it. */
export interface GraphAccess {
  edge: number
  t: number
  accessM: number
}

export interface EdgeSnapper {
  /** The nearest walkable point to (x, y) in metres, or null when the graph has no edge. */
  snap(x: number, y: number): GraphAccess | null
}

export function createEdgeSnapper(graph: WalkGraph): EdgeSnapper {
  const { lineStart, lineX, lineY, edgeCount } = graph
  const segCount = lineStart[edgeCount] - edgeCount
  const segEdge = new Int32Array(segCount)
  const segFirst = new Int32Array(segCount) // index of the segment's first point
  const segOffset = new Float64Array(segCount) // length along the edge before the segment
  const index = new Flatbush(Math.max(segCount, 1))
  let s = 0
  for (let e = 0; e < edgeCount; e++) {
    let along = 0
    for (let k = lineStart[e]; k < lineStart[e + 1] - 1; k++) {
      segEdge[s] = e
      segFirst[s] = k
      segOffset[s] = along
      along += Math.hypot(lineX[k + 1] - lineX[k], lineY[k + 1] - lineY[k])
      index.add(
        Math.min(lineX[k], lineX[k + 1]),
        Math.min(lineY[k], lineY[k + 1]),
        Math.max(lineX[k], lineX[k + 1]),
        Math.max(lineY[k], lineY[k + 1]),
      )
      s++
    }
  }
  if (segCount === 0) index.add(0, 0, 0, 0)
  index.finish()
  return {
    snap(x, y) {
      if (segCount === 0) return null
      let best = Number.POSITIVE_INFINITY
      let bestSeg = -1
      let bestF = 0
      const measure = (i: number) => {
        const k = segFirst[i]
        const ax = lineX[k]
        const ay = lineY[k]
        const dx = lineX[k + 1] - ax
        const dy = lineY[k + 1] - ay
        const len2 = dx * dx + dy * dy
        const f = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0
        const d = Math.hypot(ax + f * dx - x, ay + f * dy - y)
        if (d < best || (d === best && i < bestSeg)) {
          best = d
          bestSeg = i
          bestF = f
        }
      }
      // the few nearest boxes give a bound; every segment whose box lies within it is measured
      for (const i of index.neighbors(x, y, 8)) measure(i)
      for (const i of index.neighbors(x, y, Number.POSITIVE_INFINITY, best + 1e-9)) measure(i)
      const e = segEdge[bestSeg]
      const k = segFirst[bestSeg]
      const along = segOffset[bestSeg] + bestF * Math.hypot(lineX[k + 1] - lineX[k], lineY[k + 1] - lineY[k])
      const length = graph.edgeLength[e]
      return { edge: e, t: length > 0 ? Math.min(1, along / length) : 0, accessM: best }
    },
  }
}
