// Isochrones (等时圈): the area within each walking distance of a point, as polygons. One search
// from the point reaches the network up to the largest band; the network is sampled every few
// metres with its walking distance, and each grid cell near it gets the least "distance at a
// sample + the straight step off the street to the cell" (at most `offStreetMeters` off the
// street); the bands are contours of that field (d3-contour, marching squares).
import { contours } from 'd3-contour'
import type { WalkSearch } from './search'
import type { GraphAccess } from './snap'

export interface IsochroneOptions {
  /** raster cell in metres (default 15) */
  cellMeters?: number
  /** how far off a street the area reaches (default 60 m; a building's access walk) */
  offStreetMeters?: number
}

/** One band: its distance and its area as a MultiPolygon in metres (exterior rings counter-clockwise). */
export interface IsochroneBand {
  meters: number
  polygons: [number, number][][][]
  /** network length walked within the band, metres */
  networkMeters: number
}

export function isochrones(
  search: WalkSearch,
  from: GraphAccess,
  bandsMeters: readonly number[],
  options: IsochroneOptions = {},
): IsochroneBand[] {
  const cell = options.cellMeters ?? 15
  const off = options.offStreetMeters ?? 60
  const bands = [...bandsMeters].sort((a, b) => a - b)
  const max = bands[bands.length - 1] ?? 0
  search.run([from], max)
  const { graph, dist } = search
  const { lineStart, lineX, lineY, edgeLength, edgeSource, edgeTarget } = graph
  // samples along every reached edge: x, y, walking distance
  const sx: number[] = []
  const sy: number[] = []
  const sd: number[] = []
  const networkMeters = bands.map(() => 0)
  const seen = new Uint8Array(graph.edgeCount)
  const sample = (e: number) => {
    if (seen[e]) return
    seen[e] = 1
    const length = edgeLength[e]
    const du = dist[edgeSource[e]]
    const dv = dist[edgeTarget[e]]
    const own = e === from.edge
    const at = (s: number) => {
      let d = Math.min(du + s, dv + length - s)
      if (own) d = Math.min(d, from.accessM + Math.abs(s - from.t * length))
      return d
    }
    let along = 0
    for (let k = lineStart[e]; k < lineStart[e + 1] - 1; k++) {
      const ex = lineX[k + 1] - lineX[k]
      const ey = lineY[k + 1] - lineY[k]
      const seg = Math.sqrt(ex * ex + ey * ey)
      const steps = Math.max(1, Math.ceil(seg / (cell / 2)))
      for (let i = 0; i <= steps; i++) {
        const f = i / steps
        const d = at(along + f * seg)
        if (d > max) continue
        sx.push(lineX[k] + f * (lineX[k + 1] - lineX[k]))
        sy.push(lineY[k] + f * (lineY[k + 1] - lineY[k]))
        sd.push(d)
      }
      along += seg
    }
    // walked length within each band (a part from each end, or the whole edge)
    bands.forEach((r, i) => {
      let walked = Math.max(0, Math.min(length, r - du)) + Math.max(0, Math.min(length, r - dv))
      if (own) {
        const left = Math.max(0, r - from.accessM)
        walked += Math.min(left, from.t * length) + Math.min(left, (1 - from.t) * length)
      }
      networkMeters[i] += Math.min(length, walked)
    })
  }
  sample(from.edge)
  for (const u of search.reachedNodes())
    for (let k = graph.adjStart[u]; k < graph.adjStart[u + 1]; k++) sample(graph.adjEdge[k])
  if (sd.length === 0) return bands.map((meters) => ({ meters, polygons: [], networkMeters: 0 }))
  // the raster around the samples, one cell of margin beyond the off-street reach
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (let i = 0; i < sx.length; i++) {
    minX = Math.min(minX, sx[i])
    maxX = Math.max(maxX, sx[i])
    minY = Math.min(minY, sy[i])
    maxY = Math.max(maxY, sy[i])
  }
  const x0 = minX - off - 2 * cell
  const y0 = minY - off - 2 * cell
  const nx = Math.ceil((maxX - minX + 2 * off + 4 * cell) / cell) + 1
  const ny = Math.ceil((maxY - minY + 2 * off + 4 * cell) / cell) + 1
  const outside = max + off + cell
  const field = new Float64Array(nx * ny).fill(outside)
  const reach = Math.ceil(off / cell)
  const off2 = off * off
  for (let i = 0; i < sx.length; i++) {
    const px = sx[i]
    const py = sy[i]
    const pd = sd[i]
    const ci = Math.round((px - x0) / cell)
    const cj = Math.round((py - y0) / cell)
    const k0 = Math.max(0, ci - reach)
    const k1 = Math.min(nx - 1, ci + reach)
    for (let j = Math.max(0, cj - reach); j <= Math.min(ny - 1, cj + reach); j++) {
      const dy = y0 + j * cell - py
      const dy2 = dy * dy
      if (dy2 > off2) continue
      const row = j * nx
      for (let k = k0; k <= k1; k++) {
        const dx = x0 + k * cell - px
        const step2 = dx * dx + dy2
        if (step2 > off2) continue
        // the step can only help where the distance at the sample is below the cell's value
        if (pd >= field[row + k]) continue
        const d = pd + Math.sqrt(step2)
        if (d < field[row + k]) field[row + k] = d
      }
    }
  }
  // contours of the negated field: "value >= -r" is "within r"
  const negated = Array.from(field, (d) => -d)
  const shapes = contours()
    .size([nx, ny])
    .thresholds(bands.map((r) => -r))(negated)
  return bands.map((meters, b) => {
    const shape = shapes.find((s) => s.value === -meters)
    const polygons = (shape?.coordinates ?? []).map((polygon) =>
      polygon.map((ring, r) => {
        const pts = ring.map(([gx, gy]): [number, number] => [x0 + (gx - 0.5) * cell, y0 + (gy - 0.5) * cell])
        const ccw = signedArea(pts) > 0
        return (r === 0) === ccw ? pts : pts.reverse()
      }),
    )
    return { meters, polygons, networkMeters: networkMeters[b] }
  })
}

function signedArea(ring: [number, number][]): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1])
  return a / 2
}

/** Area of a band's polygons in square metres (holes subtracted). */
export function bandArea(band: IsochroneBand): number {
  let a = 0
  for (const polygon of band.polygons) for (const ring of polygon) a += signedArea(ring)
  return a
}
