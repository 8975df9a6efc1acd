// Makes neighbouring polygons share their vertices where they meet, so that they tile exactly,
// with no T-junction: a vertex of one polygon that lies on an edge of another is inserted into
// that edge, and vertices closer than `eps` (float noise of clipping the same edge twice) are
// snapped to one point. Then every shared boundary is the same vertex sequence on both sides:
// unions have no slivers and rounding to a grid (served precision) moves both sides alike.

import type { MultiPolygon } from 'geojson'
import KDBush from 'kdbush'

type Position = number[]

/** The grid served coordinates lie on: 1e-6° (~0.1 m), 6 decimals. */
export const SERVED_GRID_DEGREES = 1e-6

/** Default tolerance in degrees (~0.5 mm): far below the generator's 1 mm minimum edge. */
export const NODE_EPS_DEGREES = 5e-9

/**
 * Returns the polygons with shared vertices (same order, same rings, coordinates moved at most
 * `eps`). Pure: the inputs are not changed.
 */
export function nodeVertices(
  polygons: readonly MultiPolygon[],
  eps = NODE_EPS_DEGREES,
  /** finally round every coordinate to this grid (the served one), shared vertices alike */
  grid?: number,
): MultiPolygon[] {
  const scale = grid ? Math.round(1 / grid) : 0
  // 1. every vertex once, snapped to the first vertex within eps (clusters by first come)
  const xs: number[] = []
  const ys: number[] = []
  for (const p of polygons)
    for (const poly of p.coordinates)
      for (const ring of poly)
        for (const [x, y] of ring) {
          xs.push(x)
          ys.push(y)
        }
  const all = new KDBush(xs.length)
  for (let i = 0; i < xs.length; i++) all.add(xs[i], ys[i])
  all.finish()
  const rep = new Int32Array(xs.length).fill(-1)
  for (let i = 0; i < xs.length; i++) {
    if (rep[i] !== -1) continue
    rep[i] = i
    for (const j of all.within(xs[i], ys[i], eps)) if (rep[j] === -1) rep[j] = i
  }
  // unique snapped points
  const ux: number[] = []
  const uy: number[] = []
  for (let i = 0; i < xs.length; i++)
    if (rep[i] === i) {
      ux.push(xs[i])
      uy.push(ys[i])
    }
  const unique = new KDBush(ux.length)
  for (let i = 0; i < ux.length; i++) unique.add(ux[i], uy[i])
  unique.finish()

  // 2. rings rebuilt from snapped vertices, each edge with the vertices lying on it inserted
  let k = 0
  const eps2 = eps * eps
  const nodeRing = (ring: Position[]): Position[] => {
    const pts = ring.map(() => {
      const r = rep[k++]
      return [xs[r], ys[r]]
    })
    const out: Position[] = []
    for (let i = 0; i < pts.length - 1; i++) {
      const [ax, ay] = pts[i]
      const [bx, by] = pts[i + 1]
      out.push(pts[i])
      const dx = bx - ax
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      if (len2 === 0) continue
      const on: { t: number; p: Position }[] = []
      const hits = unique.range(
        Math.min(ax, bx) - eps,
        Math.min(ay, by) - eps,
        Math.max(ax, bx) + eps,
        Math.max(ay, by) + eps,
      )
      for (const h of hits) {
        const px = ux[h]
        const py = uy[h]
        if ((px === ax && py === ay) || (px === bx && py === by)) continue
        const t = ((px - ax) * dx + (py - ay) * dy) / len2
        if (t <= 0 || t >= 1) continue
        const qx = ax + t * dx - px
        const qy = ay + t * dy - py
        if (qx * qx + qy * qy <= eps2) on.push({ t, p: [px, py] })
      }
      on.sort((a, b) => a.t - b.t)
      for (const { p } of on) out.push(p)
    }
    out.push(pts[pts.length - 1])
    // as GEOS rounds (ST_ReducePrecision): round(v × scale) / scale, scale = 1 / grid
    const rounded = scale ? out.map(([x, y]) => [Math.round(x * scale) / scale, Math.round(y * scale) / scale]) : out
    // drop consecutive repeats (snapping and rounding may merge neighbours)
    return rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1])
  }
  return polygons.map((p) => ({ ...p, coordinates: p.coordinates.map((poly) => poly.map(nodeRing)) }))
}
