// Small geometry helpers for tests: served polygons may be Polygon or MultiPolygon.

/** The outer ring of a Polygon, or of the first part of a MultiPolygon. */
export function outerRing(geometry: unknown): number[][] {
  const g = geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon
  if (g.type === 'Polygon') return g.coordinates[0]
  if (g.type === 'MultiPolygon') return g.coordinates[0][0]
  throw new Error(`not a polygon: ${(g as { type: string }).type}`)
}
