// Select whole units by centroid: which side of a drawn line (split-by-line), inside a drawn ring (lasso).
import { fail } from './errors'
import type { LngLat } from './types'

export interface SelectionOptions {
  /** true (default): [lng, lat] degrees, x scaled by cos(latitude); false: metric [x, y]. */
  lngLat?: boolean
}

function checkPoints(points: LngLat[], what: string, min: number) {
  if (!Array.isArray(points) || points.length < min)
    fail('INVALID_GEOMETRY', `${what} needs ≥ ${min} points, got ${points?.length}`)
  points.forEach((p, i) => {
    if (!Number.isFinite(p?.[0]) || !Number.isFinite(p?.[1]))
      fail('INVALID_GEOMETRY', `${what}[${i}] is ${JSON.stringify(p)}, not [lng, lat]`)
  })
}

/**
 * Which side of a polyline each centroid lies on, judged at its nearest point of the line
 * (the end segments extended). Left = counter-clockwise of the drawing direction; a centroid
 * exactly on the line counts as left. Returns unit indices per side.
 */
export function sideOfLine(centroids: LngLat[], line: LngLat[], options: SelectionOptions = {}) {
  checkPoints(line, 'line', 2)
  checkPoints(centroids, 'centroids', 0)
  // 1. local planar frame: x scaled by cos(mean latitude) so angles are true
  const lat = line.reduce((s, p) => s + p[1], 0) / line.length
  const sx = (options.lngLat ?? true) ? Math.cos((lat * Math.PI) / 180) : 1
  const pts = line.map(([x, y]) => [x * sx, y] as const)
  const left: number[] = []
  const right: number[] = []
  const last = pts.length - 2
  centroids.forEach(([cx, cy], i) => {
    const px = cx * sx
    // 2. nearest segment (first and last segments extended to infinity)
    let best = Number.POSITIVE_INFINITY
    let side = 0
    for (let s = 0; s <= last; s++) {
      const [ax, ay] = pts[s]
      const [bx, by] = pts[s + 1]
      const dx = bx - ax
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      if (len2 === 0) continue
      let t = ((px - ax) * dx + (cy - ay) * dy) / len2
      if (s > 0) t = Math.max(t, 0)
      if (s < last) t = Math.min(t, 1)
      const qx = ax + t * dx
      const qy = ay + t * dy
      const d2 = (px - qx) ** 2 + (cy - qy) ** 2
      if (d2 >= best) continue
      best = d2
      // 3. at an interior vertex, judge against the bisector of the two segments' left normals
      let nx = -dy / Math.sqrt(len2)
      let ny = dx / Math.sqrt(len2)
      const atVertex = (t <= 0 && s > 0) || (t >= 1 && s < last)
      if (atVertex) {
        const o = t <= 0 ? s - 1 : s + 1
        const [ox, oy] = pts[o]
        const [vx, vy] = pts[t <= 0 ? s : s + 1]
        const ex = t <= 0 ? vx - ox : ox - vx
        const ey = t <= 0 ? vy - oy : oy - vy
        const el = Math.hypot(ex, ey) || 1
        nx += -ey / el
        ny += ex / el
      }
      side = (px - qx) * nx + (cy - qy) * ny
    }
    ;(side >= 0 ? left : right).push(i)
  })
  return { left, right }
}

/** Indices of centroids inside a ring (even–odd rule; a point on the boundary may go either way). */
export function unitsInPolygon(centroids: LngLat[], ring: LngLat[]): number[] {
  checkPoints(ring, 'ring', 3)
  checkPoints(centroids, 'centroids', 0)
  const inside: number[] = []
  centroids.forEach(([x, y], i) => {
    // cast a ray to +x and count edge crossings
    let odd = false
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a]
      const [xb, yb] = ring[b]
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) odd = !odd
    }
    if (odd) inside.push(i)
  })
  return inside
}
