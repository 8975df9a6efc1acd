// Geometry as WKT (OGC Simple Features), and a point that lies on a polygon for label columns.
import { interiorPoint } from '../geo/interior-point'

const pos = (p: GeoJSON.Position) => `${p[0]} ${p[1]}`
const ring = (r: GeoJSON.Position[]) => `(${r.map(pos).join(', ')})`
const poly = (p: GeoJSON.Position[][]) => `(${p.map(ring).join(', ')})`

export function toWkt(g: GeoJSON.Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`
    case 'LineString':
      return `LINESTRING ${ring(g.coordinates)}`
    case 'MultiLineString':
      return `MULTILINESTRING (${g.coordinates.map(ring).join(', ')})`
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${g.geometries.map(toWkt).join(', ')})`
  }
}

/** A point on the geometry: the point itself, the first position of a line, or a polygon's interior point. */
export function labelPoint(g: GeoJSON.Geometry): [number, number] | undefined {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]]
  if (g.type === 'MultiPoint' || g.type === 'LineString') return g.coordinates[0] as [number, number]
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return g.coordinates.length ? interiorPoint(g) : undefined
  return undefined
}
