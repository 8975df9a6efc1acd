// Web Mercator tile arithmetic (XYZ scheme, as MapLibre and ST_TileEnvelope number tiles).
import type { Bbox } from '../api/common'

export interface TileCoord {
  z: number
  x: number
  y: number
}

/** Tiles are served from zoom 0 to this zoom; deeper zooms overzoom in the client. */
export const MAX_TILE_ZOOM = 18

/** An error message naming the bad coordinate, or undefined when z/x/y name a real tile. */
export function tileError({ z, x, y }: TileCoord): string | undefined {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return `zoom must be an integer 0–${MAX_TILE_ZOOM}, got ${z}`
  const n = 2 ** z
  if (!Number.isInteger(x) || x < 0 || x >= n) return `x must be an integer 0–${n - 1} at zoom ${z}, got ${x}`
  if (!Number.isInteger(y) || y < 0 || y >= n) return `y must be an integer 0–${n - 1} at zoom ${z}, got ${y}`
  return undefined
}

const lngOf = (x: number, n: number) => (x / n) * 360 - 180
const latOf = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI

/** The tile's extent in WGS84 longitude/latitude (a Mercator rectangle is a lng/lat rectangle). */
export function tileBbox({ z, x, y }: TileCoord): Bbox {
  const n = 2 ** z
  return [lngOf(x, n), latOf(y + 1, n), lngOf(x + 1, n), latOf(y, n)]
}

/** The tile containing a point at zoom z. */
export function tileOf(lng: number, lat: number, z: number): TileCoord {
  const n = 2 ** z
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)))
  const rad = (lat * Math.PI) / 180
  return {
    z,
    x: clamp(((lng + 180) / 360) * n),
    y: clamp(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  }
}

/** The inclusive x/y range of the tiles at zoom z that a lng/lat box touches. */
export function tileRange(bbox: Bbox, z: number): { minX: number; minY: number; maxX: number; maxY: number } {
  const a = tileOf(bbox[0], bbox[3], z)
  const b = tileOf(bbox[2], bbox[1], z)
  return { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y }
}

/** Whether two lng/lat boxes share any point (touching edges count). */
export function bboxesTouch(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}
