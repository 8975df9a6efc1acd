// A point guaranteed inside a (Multi)Polygon, for labels, export label columns and tests that click a grid:
// scan a horizontal line through the middle of the largest ring's bbox, take the midpoint of the
// widest inside segment (even–odd rule, so holes are respected). Cheaper than polylabel, and the
// grids are compact Voronoi-like cells, for which it lands near the visual centre.

type Ring = GeoJSON.Position[]

function ringBboxArea(ring: Ring): number {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const [x, y] of ring) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  return (maxX - minX) * (maxY - minY)
}

/** x positions where the horizontal line at `y` crosses the polygon's rings, sorted. */
function crossings(rings: Ring[], y: number): number[] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j]
      const [x2, y2] = ring[i]
      // half-open rule: count an edge when y is in [min, max) so shared vertices count once
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1))
    }
  }
  return xs.sort((a, b) => a - b)
}

export function interiorPoint(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): [lng: number, lat: number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  if (polygons.length === 0 || polygons[0].length === 0) throw new Error('interiorPoint: empty geometry')
  // largest polygon by the bbox area of its outer ring
  let best = polygons[0]
  for (const p of polygons) if (ringBboxArea(p[0]) > ringBboxArea(best[0])) best = p
  const ys = best[0].map((c) => c[1])
  const minY = Math.min(...ys)
  const maxY = Math.max(...ys)
  // try the middle line first, then lines nearer the edges, keeping the widest inside segment
  let bestPoint: [number, number] | null = null
  let bestWidth = -1
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const y = minY + (maxY - minY) * fraction
    const xs = crossings(best, y)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1] - xs[k]
      if (width > bestWidth) {
        bestWidth = width
        bestPoint = [(xs[k] + xs[k + 1]) / 2, y]
      }
    }
    if (bestPoint && fraction === 0.5) break
  }
  return bestPoint ?? [best[0][0][0], best[0][0][1]]
}
