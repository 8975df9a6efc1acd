// Geometry as WKT (OGC Simple Features), and a point that lies on a polygon for label columns.
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

function insideRing(x: number, y: number, r: GeoJSON.Position[]): boolean {
  let inside = false
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i]
    const [xj, yj] = r[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/**
 * A point on the geometry: the point itself, or for a polygon the middle of the widest stretch
 * of the horizontal line through the middle of its largest part's box (always inside it).
 */
export function labelPoint(g: GeoJSON.Geometry): [number, number] | undefined {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]]
  if (g.type === 'MultiPoint' || g.type === 'LineString') return g.coordinates[0] as [number, number]
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []
  if (polys.length === 0) return undefined
  let best: GeoJSON.Position[][] = polys[0]
  let bestSpan = -1
  for (const p of polys) {
    const ys = p[0].map((c) => c[1])
    const xs = p[0].map((c) => c[0])
    const span = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys))
    if (span > bestSpan) [best, bestSpan] = [p, span]
  }
  const ys = best[0].map((c) => c[1])
  const y = (Math.min(...ys) + Math.max(...ys)) / 2
  const xs: number[] = []
  for (const r of best)
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i]
      const [xj, yj] = r[j]
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
    }
  xs.sort((a, b) => a - b)
  let mid: [number, number] | undefined
  let width = -1
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (xs[i + 1] - xs[i] > width) [mid, width] = [[(xs[i] + xs[i + 1]) / 2, y], xs[i + 1] - xs[i]]
  return mid && insideRing(mid[0], mid[1], best[0]) ? mid : (best[0][0] as [number, number])
}
