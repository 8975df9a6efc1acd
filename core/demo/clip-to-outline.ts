// A convex ring intersected with the (non-convex) district outline. Most cells lie wholly inside
// it and are returned as they are; only cells crossing the coast or the border go through turf.
import { featureCollection, intersect, polygon } from '@turf/turf'
import type { XY } from './local-plane'
import { cleanRing, type Parts, pointInParts, type Ring } from './planar-polygon'

export interface Outline {
  ring: Ring // closed, counter-clockwise, metres
}

// True when segments ab and cd touch or cross (conservative: collinear overlaps count).
function segmentsTouch(a: XY, b: XY, c: XY, d: XY): boolean {
  const d1 = orient(c, d, a)
  const d2 = orient(c, d, b)
  const d3 = orient(a, b, c)
  const d4 = orient(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  return d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0 ? onBoxes(a, b, c, d) : false
}

function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

function onBoxes(a: XY, b: XY, c: XY, d: XY): boolean {
  return (
    Math.max(a[0], b[0]) >= Math.min(c[0], d[0]) &&
    Math.max(c[0], d[0]) >= Math.min(a[0], b[0]) &&
    Math.max(a[1], b[1]) >= Math.min(c[1], d[1]) &&
    Math.max(c[1], d[1]) >= Math.min(a[1], b[1])
  )
}

// True when the convex ring lies strictly inside the outline (no edge crossings, a vertex inside).
export function convexInsideOutline(convex: Ring, outline: Outline): boolean {
  const o = outline.ring
  for (let i = 0; i < convex.length - 1; i++)
    for (let j = 0; j < o.length - 1; j++) if (segmentsTouch(convex[i], convex[i + 1], o[j], o[j + 1])) return false
  return pointInParts(convex[0][0], convex[0][1], [o])
}

// The parts of convex ∩ outline, cleaned (no repeated points, spikes or slivers below 1 m²).
export function clipToOutline(convex: Ring, outline: Outline): { parts: Parts; inside: boolean } {
  if (convex.length < 4) return { parts: [], inside: false }
  if (convexInsideOutline(convex, outline)) {
    const ring = cleanRing(convex)
    return { parts: ring ? [ring] : [], inside: true }
  }
  const result = intersect(featureCollection([polygon([convex]), polygon([outline.ring])]))
  if (!result) return { parts: [], inside: false }
  const g = result.geometry
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  const parts: Parts = []
  for (const poly of polys) {
    // an outline without holes cut by a convex ring cannot make holes: keep exteriors only
    const ring = cleanRing(poly[0] as XY[])
    if (ring) parts.push(ring)
  }
  return { parts, inside: false }
}
