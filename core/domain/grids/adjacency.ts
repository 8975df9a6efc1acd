// Adjacency from polygons that share edges (for tests and small cases; the server uses PostGIS):
// two units are neighbours when a ring segment of one equals, after rounding, a segment of the other.
import { fail } from './errors'
import type { LngLat, Neighbor } from './types'

const EARTH_RADIUS_M = 6371008.8

export interface PolygonOptions {
  /** true: coordinates are [lng, lat] degrees; false (default): metric [x, y]. */
  lngLat?: boolean
  /** Vertices are matched after rounding to this step (coordinate units). Default 1e-7. */
  precision?: number
}

/** Metres per coordinate unit along x and y around latitude `latDeg` (1, 1 for metric input). */
function scaleM(lngLat: boolean, latDeg: number): [number, number] {
  if (!lngLat) return [1, 1]
  const mPerDeg = (Math.PI / 180) * EARTH_RADIUS_M
  return [mPerDeg * Math.cos((latDeg * Math.PI) / 180), mPerDeg]
}

function checkRing(ring: LngLat[], where: string) {
  if (!Array.isArray(ring) || ring.length < 3)
    fail('INVALID_GEOMETRY', `${where} has ${ring?.length} vertices, need ≥ 3`)
  for (const p of ring)
    if (!Number.isFinite(p?.[0]) || !Number.isFinite(p?.[1]))
      fail('INVALID_GEOMETRY', `${where} has a bad vertex ${JSON.stringify(p)}`)
}

/** Segments of a ring as vertex pairs, closing it if open, skipping zero-length ones. */
function segments(ring: LngLat[]): [LngLat, LngLat][] {
  const out: [LngLat, LngLat][] = []
  const closed = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
  const last = closed ? ring.length - 1 : ring.length
  for (let i = 0; i < last; i++) {
    const a = ring[i]
    const b = ring[(i + 1) % ring.length]
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a, b])
  }
  return out
}

/**
 * Neighbours of each polygon (GeoJSON Polygon coordinates: [outer, ...holes]) with the shared
 * boundary length in metres. Only whole matching segments count: a T-junction (a vertex of one
 * polygon in the middle of the other's edge) is not matched.
 */
export function adjacencyFromPolygons(polygons: LngLat[][][], options: PolygonOptions = {}): Neighbor[][] {
  const lngLat = options.lngLat ?? false
  const precision = options.precision ?? 1e-7
  if (!(precision > 0)) fail('INVALID_GEOMETRY', `precision must be > 0, got ${precision}`)
  const key = (p: LngLat) => `${Math.round(p[0] / precision)},${Math.round(p[1] / precision)}`
  // 1. index every segment by its rounded, direction-free endpoints
  const owners = new Map<string, { units: number[]; lengthM: number }>()
  polygons.forEach((rings, u) => {
    if (!Array.isArray(rings) || rings.length === 0) fail('INVALID_GEOMETRY', `polygon ${u} has no rings`)
    rings.forEach((ring, r) => {
      checkRing(ring, `polygon ${u} ring ${r}`)
      for (const [a, b] of segments(ring)) {
        const ka = key(a)
        const kb = key(b)
        if (ka === kb) continue
        const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`
        let entry = owners.get(k)
        if (!entry) {
          const [sx, sy] = scaleM(lngLat, (a[1] + b[1]) / 2)
          entry = { units: [], lengthM: Math.hypot((b[0] - a[0]) * sx, (b[1] - a[1]) * sy) }
          owners.set(k, entry)
        }
        entry.units.push(u)
      }
    })
  })
  // 2. a segment owned by two different polygons adds its length to that pair
  const shared = polygons.map(() => new Map<number, number>())
  for (const { units, lengthM } of owners.values())
    for (let i = 0; i < units.length; i++)
      for (let j = i + 1; j < units.length; j++) {
        const [u, v] = [units[i], units[j]]
        if (u === v) continue
        shared[u].set(v, (shared[u].get(v) ?? 0) + lengthM)
        shared[v].set(u, (shared[v].get(u) ?? 0) + lengthM)
      }
  // 3. neighbours in ascending unit order
  return shared.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]).map(([unit, sharedM]) => ({ unit, sharedM })))
}

/** Area (m², holes subtracted), perimeter (m, all rings) and area centroid of a polygon. */
export function polygonMetrics(rings: LngLat[][], options: { lngLat?: boolean } = {}) {
  const lngLat = options.lngLat ?? false
  if (!Array.isArray(rings) || rings.length === 0) fail('INVALID_GEOMETRY', 'polygon has no rings')
  checkRing(rings[0], 'outer ring')
  // 1. local metric frame around the first vertex (equirectangular for [lng, lat])
  const [ox, oy] = rings[0][0]
  const [sx, sy] = scaleM(lngLat, oy)
  let areaM2 = 0
  let perimeterM = 0
  let cx = 0
  let cy = 0
  rings.forEach((ring, r) => {
    checkRing(ring, `ring ${r}`)
    // 2. shoelace area and centroid moments, sign forced outer + / holes −
    let a2 = 0
    let mx = 0
    let my = 0
    for (const [p, q] of segments(ring)) {
      const x0 = (p[0] - ox) * sx
      const y0 = (p[1] - oy) * sy
      const x1 = (q[0] - ox) * sx
      const y1 = (q[1] - oy) * sy
      const cross = x0 * y1 - x1 * y0
      a2 += cross
      mx += (x0 + x1) * cross
      my += (y0 + y1) * cross
      perimeterM += Math.hypot(x1 - x0, y1 - y0)
    }
    const sign = (r === 0 ? 1 : -1) * Math.sign(a2 || 1)
    areaM2 += (sign * a2) / 2
    cx += (sign * mx) / 6
    cy += (sign * my) / 6
  })
  const centroid: LngLat = areaM2 > 0 ? [ox + cx / areaM2 / sx, oy + cy / areaM2 / sy] : [ox, oy]
  return { areaM2, perimeterM, centroid }
}
