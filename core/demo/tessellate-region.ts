// Splits a region into one child region per site: the site's Voronoi cell (d3-delaunay, bounded by
// the region's bbox) ∩ the region's convex hull chain ∩ the district outline. Because every region
// is (convex chain ∩ outline), children tile their parent exactly and only cells that cross the
// outline need general polygon clipping.
import { Delaunay } from 'd3-delaunay'
import { clipConvex } from './clip-convex'
import { clipToOutline, type Outline } from './clip-to-outline'
import type { XY } from './local-plane'
import { cleanRing, type Parts, partsBBox, type Ring } from './planar-polygon'

export interface Region {
  convex: Ring // counter-clockwise convex ring: the intersection of all ancestor cells
  parts: Parts // convex ∩ outline
  inside: boolean // convex lies wholly inside the outline, so parts = [convex]
}

// The root region: the outline itself, with its bbox as the convex chain.
export function rootRegion(outline: Outline): Region {
  const b = partsBBox([outline.ring])
  const convex: Ring = [
    [b.minX - 1, b.minY - 1],
    [b.maxX + 1, b.minY - 1],
    [b.maxX + 1, b.maxY + 1],
    [b.minX - 1, b.maxY + 1],
    [b.minX - 1, b.minY - 1],
  ]
  return { convex, parts: [outline.ring], inside: false }
}

export function tessellateRegion(parent: Region, sites: readonly XY[], outline: Outline): Region[] {
  if (sites.length === 0) throw new Error('tessellateRegion needs at least one site')
  if (sites.length === 1) return [parent]
  // Voronoi cells bounded by the parent's bbox (1 m margin)
  const b = partsBBox(parent.parts)
  const voronoi = Delaunay.from(sites).voronoi([b.minX - 1, b.minY - 1, b.maxX + 1, b.maxY + 1])
  return sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as XY[] | null
    if (!cell) throw new Error(`no Voronoi cell for site ${i} at ${sites[i]} (duplicate site?)`)
    // orient the cell counter-clockwise, then clip it by the parent's convex chain
    const ccwCell = orientCcw(cell)
    const convex = clipConvex(ccwCell, parent.convex)
    if (parent.inside) {
      const ring = convex.length >= 4 ? cleanRing(convex) : null
      return { convex, parts: ring ? [ring] : [], inside: true }
    }
    const { parts, inside } = clipToOutline(convex, outline)
    return { convex, parts, inside }
  })
}

function orientCcw(ring: XY[]): XY[] {
  let s = 0
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return s < 0 ? ring.slice().reverse() : ring
}
