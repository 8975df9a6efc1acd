// Distances in metres: planar (projected metric CRS) and great-circle (haversine on the
// GRS80 mean radius) — the second is an approximation; tests use geographiclib as truth.

/** Mean Earth radius R1 = (2a + b) / 3 of GRS80, metres. */
export const EARTH_MEAN_RADIUS_METERS = 6371008.7714

/** Euclidean distance between two projected points, metres. */
export function planarDistanceMeters(ax: number, ay: number, bx: number, by: number): number {
  const dx = ax - bx
  const dy = ay - by
  return Math.sqrt(dx * dx + dy * dy)
}

/** Great-circle distance between [lng, lat] points in degrees, metres (±0.5% of geodesic). */
export function haversineDistanceMeters(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  // haversine of the central angle
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_MEAN_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}
