// Lengths and the local metric plane the network's geometry is computed in. Lengths are
// great-circle sums (core/geo/distance.ts); nearest points and crossings are found in an
// equirectangular plane around the network's mean latitude (error below 1% across a district).
import { EARTH_MEAN_RADIUS_METERS, haversineDistanceMeters } from '../geo/distance'

export type Coord = [number, number]

/** Great-circle length of a line, metres. */
export function lineLengthM(coords: readonly (readonly [number, number])[]): number {
  let sum = 0
  for (let i = 1; i < coords.length; i++) sum += haversineDistanceMeters(coords[i - 1], coords[i])
  return sum
}

export interface Plane {
  /** metres per degree of longitude and of latitude */
  kx: number
  ky: number
}

export function planeAt(lat: number): Plane {
  const ky = (Math.PI / 180) * EARTH_MEAN_RADIUS_METERS
  return { kx: ky * Math.cos((lat * Math.PI) / 180), ky }
}

/** Where segments ab and cd cross: the fraction along ab, or null when they do not meet. */
export function segmentCrossing(a: Coord, b: Coord, c: Coord, d: Coord): number | null {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const sx = d[0] - c[0]
  const sy = d[1] - c[1]
  const den = rx * sy - ry * sx
  if (den === 0) return null // parallel (collinear overlaps are not crossings)
  const qx = c[0] - a[0]
  const qy = c[1] - a[1]
  const t = (qx * sy - qy * sx) / den
  const u = (qx * ry - qy * rx) / den
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null
}

/** Whether the line a→b crosses any of the lines. */
export function crossesAny(a: Coord, b: Coord, lines: readonly (readonly Coord[])[]): boolean {
  for (const line of lines)
    for (let i = 1; i < line.length; i++) if (segmentCrossing(a, b, line[i - 1], line[i]) !== null) return true
  return false
}
