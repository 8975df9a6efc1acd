// Which rows of a units or communities file can be moved by the neighbour check (ADR 26): a row
// whose vertices either coincide with its neighbours' vertices or lie farther than the sliver
// tolerance from them (and whose neighbours' vertices do the same towards it) has nothing to snap,
// trim or fill — no vertex to move or insert, and no gap narrower than the tolerance, since the
// narrowest point between two outlines is always at a vertex of one of them. Only the rows this
// finds (and the rows that overlap a neighbour, which PostGIS finds) go through the overlays.
// Pure and in degrees, as the PostGIS check measures (ST_DWithin on EPSG:4326).

type Position = number[]
type Box = [number, number, number, number]

/** The rings of a polygonal geometry (other geometries have none). */
export function ringsOf(g: GeoJSON.Geometry | null): Position[][] {
  if (!g) return []
  if (g.type === 'Polygon') return g.coordinates
  if (g.type === 'MultiPolygon') return g.coordinates.flat()
  return []
}

function boxOf(rings: Position[][]): Box {
  const b: Box = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ]
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x
      if (y < b[1]) b[1] = y
      if (x > b[2]) b[2] = x
      if (y > b[3]) b[3] = y
    }
  return b
}

const boxesWithin = (a: Box, b: Box, d: number) =>
  a[0] - d <= b[2] && b[0] - d <= a[2] && a[1] - d <= b[3] && b[1] - d <= a[3]

/** the squared distance from p to the segment a–b */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2
  t = t < 0 ? 0 : t > 1 ? 1 : t
  const x = a[0] + t * dx - p[0]
  const y = a[1] + t * dy - p[1]
  return x * x + y * y
}

/** closer than this, two vertices are the same vertex (the files' grid is 1e-7°) */
const SAME = 1e-9

/** Does a vertex of `a` lie within `d` of an edge of `b` without being one of b's vertices? */
function vertexNear(a: Position[][], b: Position[][], bBox: Box, d: number): boolean {
  const d2 = d * d
  const same2 = SAME * SAME
  for (const ring of a)
    for (const p of ring) {
      if (p[0] < bBox[0] - d || p[0] > bBox[2] + d || p[1] < bBox[1] - d || p[1] > bBox[3] + d) continue
      let near = false
      let vertex = false
      for (const r of b) {
        for (let i = 0; i + 1 < r.length; i++) {
          const q = r[i]
          const vx = q[0] - p[0]
          const vy = q[1] - p[1]
          if (vx * vx + vy * vy <= same2) {
            vertex = true
            break
          }
          if (!near && segmentDistance2(p, q, r[i + 1]) <= d2) near = true
        }
        if (vertex) break
      }
      if (near && !vertex) return true
    }
  return false
}

/** Two outlines that come within `d` of each other other than at shared vertices. */
export function nearMiss(a: Position[][], b: Position[][], d: number): boolean {
  const aBox = boxOf(a)
  const bBox = boxOf(b)
  if (!boxesWithin(aBox, bBox, d)) return false
  return vertexNear(a, b, bBox, d) || vertexNear(b, a, aBox, d)
}

export interface Outline {
  key: string
  parent: string
  geometry: GeoJSON.Geometry | null
}

/**
 * For each row of the file: whether it comes near a neighbour other than at shared vertices — a
 * stored row of its parent, or an earlier row of the file with the same parent (the neighbours the
 * PostGIS check gives it).
 */
export function rowsNearNeighbours(rows: Outline[], stored: Outline[], d: number): boolean[] {
  type Shape = { rings: Position[][]; box: Box }
  const shape = (o: Outline): Shape => {
    const rings = ringsOf(o.geometry)
    return { rings, box: boxOf(rings) }
  }
  const byParent = new Map<string, Shape[]>()
  for (const s of stored) {
    const list = byParent.get(s.parent) ?? []
    list.push(shape(s))
    byParent.set(s.parent, list)
  }
  return rows.map((row) => {
    const me = shape(row)
    const list = byParent.get(row.parent) ?? []
    const hit = list.some(
      (n) =>
        boxesWithin(me.box, n.box, d) &&
        (vertexNear(me.rings, n.rings, n.box, d) || vertexNear(n.rings, me.rings, me.box, d)),
    )
    list.push(me) // later rows of the same parent have this one as a neighbour
    byParent.set(row.parent, list)
    return hit
  })
}
