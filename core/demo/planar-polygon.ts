// Planar polygon helpers in metres. A Ring is closed (first point repeated last); a Parts value
// is a MultiPolygon's coordinates without holes (the generator never makes holes).
import type { XY } from './local-plane'

export type Ring = XY[]
export type Parts = Ring[] // one exterior ring per part

// Shoelace formula; positive for counter-clockwise rings.
export function signedAreaM2(ring: readonly XY[]): number {
  let sum = 0
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  }
  return sum / 2
}

export function partsAreaM2(parts: readonly Ring[]): number {
  let sum = 0
  for (const ring of parts) sum += Math.abs(signedAreaM2(ring))
  return sum
}

// Even–odd ray casting over every part.
export function pointInParts(x: number, y: number, parts: readonly Ring[]): boolean {
  let inside = false
  for (const ring of parts) {
    for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
      const [xi, yi] = ring[i]
      const [xj, yj] = ring[j]
      if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside
    }
  }
  return inside
}

// Distance from a point to the nearest edge of any part.
export function distanceToBoundaryM(x: number, y: number, parts: readonly Ring[]): number {
  let best = Number.POSITIVE_INFINITY
  for (const ring of parts) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax, ay] = ring[i]
      const [bx, by] = ring[i + 1]
      const dx = bx - ax
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0
      const ex = ax + t * dx - x
      const ey = ay + t * dy - y
      best = Math.min(best, ex * ex + ey * ey)
    }
  }
  return Math.sqrt(best)
}

export interface BBox {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function partsBBox(parts: readonly Ring[]): BBox {
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const ring of parts)
    for (const [x, y] of ring) {
      if (x < minX) minX = x
      if (y < minY) minY = y
      if (x > maxX) maxX = x
      if (y > maxY) maxY = y
    }
  return { minX, minY, maxX, maxY }
}

// Area-weighted centroid of all parts.
export function partsCentroid(parts: readonly Ring[]): XY {
  let cx = 0
  let cy = 0
  let a = 0
  for (const ring of parts) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]
      const [x1, y1] = ring[i + 1]
      const f = x0 * y1 - x1 * y0
      cx += (x0 + x1) * f
      cy += (y0 + y1) * f
      a += f
    }
  }
  if (a === 0) return ring0Mean(parts[0])
  return [cx / (3 * a), cy / (3 * a)]
}

function ring0Mean(ring: readonly XY[]): XY {
  let x = 0
  let y = 0
  for (let i = 0; i < ring.length - 1; i++) {
    x += ring[i][0]
    y += ring[i][1]
  }
  return [x / (ring.length - 1), y / (ring.length - 1)]
}

// Cleans a ring for OGC validity: drops repeated points (closer than minEdgeM) and straight-through
// or spike vertices (cross product ~ 0), closes it and orients it counter-clockwise.
// Returns null when fewer than 3 distinct corners or less than minAreaM2 remain.
export function cleanRing(ring: readonly XY[], minEdgeM = 1e-3, minAreaM2 = 1): Ring | null {
  // drop the closing point and repeated points
  const pts: XY[] = []
  for (const p of ring) {
    const q = pts[pts.length - 1]
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) > minEdgeM) pts.push([p[0], p[1]])
  }
  while (
    pts.length > 1 &&
    Math.hypot(pts[0][0] - pts[pts.length - 1][0], pts[0][1] - pts[pts.length - 1][1]) <= minEdgeM
  )
    pts.pop()
  // drop collinear vertices and spikes until none are left
  let changed = true
  while (changed && pts.length >= 3) {
    changed = false
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const a = pts[(i + pts.length - 1) % pts.length]
      const b = pts[i]
      const c = pts[(i + 1) % pts.length]
      const abx = b[0] - a[0]
      const aby = b[1] - a[1]
      const bcx = c[0] - b[0]
      const bcy = c[1] - b[1]
      const cross = abx * bcy - aby * bcx
      const lengths = Math.hypot(abx, aby) * Math.hypot(bcx, bcy)
      if (Math.abs(cross) <= 1e-10 * lengths || Math.hypot(c[0] - a[0], c[1] - a[1]) <= minEdgeM) {
        pts.splice(i, 1)
        changed = true
        i--
      }
    }
  }
  if (pts.length < 3) return null
  pts.push([pts[0][0], pts[0][1]])
  const areaM2 = signedAreaM2(pts)
  if (Math.abs(areaM2) < minAreaM2) return null
  return areaM2 < 0 ? pts.reverse() : pts
}
