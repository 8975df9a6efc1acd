// Bounding boxes of GeoJSON geometries, [minLng, minLat, maxLng, maxLat] in degrees.
import type { Bbox } from '../../../../core/api'

/** Bbox of a Polygon / MultiPolygon / Point / LineString; null for an empty or missing geometry. */
export function geometryBbox(geometry: GeoJSON.Geometry | null | undefined): Bbox | null {
  if (!geometry) return null
  let minLng = Infinity
  let minLat = Infinity
  let maxLng = -Infinity
  let maxLat = -Infinity
  const visit = (coords: unknown): void => {
    if (typeof (coords as number[])[0] === 'number') {
      const [lng, lat] = coords as number[]
      if (lng < minLng) minLng = lng
      if (lat < minLat) minLat = lat
      if (lng > maxLng) maxLng = lng
      if (lat > maxLat) maxLat = lat
      return
    }
    for (const c of coords as unknown[]) visit(c)
  }
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const b = geometryBbox(g)
      if (b) visit([b.slice(0, 2), b.slice(2)])
    }
  } else {
    visit(geometry.coordinates)
  }
  return minLng <= maxLng ? [minLng, minLat, maxLng, maxLat] : null
}

export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1]
}
