// Checks of a shape a planner drew (a lasso ring, a split line) before it selects anything
// (ADR 17): positions are [lng, lat] numbers, a ring is closed, has ≥ 4 positions, does not cross
// itself and encloses an area; a line has two distinct positions and does not cross itself; and
// both stay within reach of the community they edit, so a globe-spanning lasso cannot sweep up
// every unit. Pure: returns the problem as a sentence, or undefined.

export type Position = readonly [number, number]
/** [minLng, minLat, maxLng, maxLat] */
export type Reach = readonly [number, number, number, number]

/** The margin of a split line's reach, in degrees (about 200 km): only a sanity bound. */
export const LINE_MARGIN = 2

/** The most positions a drawn shape may have. */
export const MAX_DRAWN_POSITIONS = 10_000

/**
 * The reach of a community for drawing: the box of its units' centroids grown by its own size on
 * every side (at least `minMargin`: 0.01°, about 1 km, for a lasso, which may be drawn loosely
 * around the edge units; a split line is extended past its ends anyway, so it gets LINE_MARGIN,
 * only a sanity bound).
 */
export function reachOf(points: readonly Position[], minMargin = 0.01): Reach | undefined {
  if (points.length === 0) return undefined
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of points) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  const margin = Math.max(maxX - minX, maxY - minY, minMargin)
  return [minX - margin, minY - margin, maxX + margin, maxY + margin]
}

function positionsProblem(what: string, points: unknown, min: number): string | undefined {
  if (!Array.isArray(points)) return `${what} must be an array of [lng, lat] positions`
  if (points.length > MAX_DRAWN_POSITIONS)
    return `${what} has ${points.length} positions, at most ${MAX_DRAWN_POSITIONS}`
  for (let i = 0; i < points.length; i++) {
    const p = points[i]
    if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return `${what}[${i}] is ${JSON.stringify(p)}, not [lng, lat]`
  }
  if (points.length < min) return `${what} needs at least ${min} positions, got ${points.length}`
  return undefined
}

/** The positions without a position repeated at once (a double click while drawing). */
const withoutRepeats = (points: readonly Position[]): Position[] =>
  points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1])

function outsideReach(what: string, points: readonly Position[], reach: Reach | undefined): string | undefined {
  if (!reach) return undefined
  const [minX, minY, maxX, maxY] = reach
  const i = points.findIndex(([x, y]) => x < minX || x > maxX || y < minY || y > maxY)
  if (i < 0) return undefined
  const box = reach.map((v) => v.toFixed(4)).join(', ')
  return `${what}[${i}] ${JSON.stringify(points[i])} is beyond the community's reach (${box})`
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
const onSegment = (p: Position, a: Position, b: Position) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1])

/** Whether segments ab and cd share any point (touching counts). */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  return (
    (d1 === 0 && onSegment(a, c, d)) ||
    (d2 === 0 && onSegment(b, c, d)) ||
    (d3 === 0 && onSegment(c, a, b)) ||
    (d4 === 0 && onSegment(d, a, b))
  )
}

/**
 * The first pair of non-adjacent segments of a path that meet, or undefined (a sweep over the
 * segments sorted by their left end: O(n log n + k) for k overlapping x-ranges).
 */
function firstCrossing(points: readonly Position[], closed: boolean): [number, number] | undefined {
  const n = points.length - 1 // segments i: points[i] → points[i + 1]
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => Math.min(points[i][0], points[i + 1][0]) - Math.min(points[j][0], points[j + 1][0]),
  )
  const adjacent = (i: number, j: number) =>
    Math.abs(i - j) === 1 || (closed && Math.min(i, j) === 0 && Math.max(i, j) === n - 1)
  for (let a = 0; a < order.length; a++) {
    const i = order[a]
    const maxX = Math.max(points[i][0], points[i + 1][0])
    for (let b = a + 1; b < order.length; b++) {
      const j = order[b]
      if (Math.min(points[j][0], points[j + 1][0]) > maxX) break
      if (i === j || adjacent(i, j)) continue
      if (segmentsMeet(points[i], points[i + 1], points[j], points[j + 1])) return [Math.min(i, j), Math.max(i, j)]
    }
  }
  return undefined
}

/** The first position where a path turns straight back on itself (a zero-width spike). */
function firstFoldBack(points: readonly Position[], closed: boolean): number | undefined {
  const n = points.length
  const triples = closed ? n - 1 : n - 2 // a closed ring also folds at its first position
  for (let k = 0; k < triples; k++) {
    const p = points[k === 0 && closed ? n - 2 : k - (closed ? 1 : 0)]
    const q = points[closed ? k : k + 1]
    const r = points[closed ? k + 1 : k + 2]
    if (cross(p, q, r) === 0 && (q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1]) < 0)
      return closed ? k : k + 1
  }
  return undefined
}

/** Twice the signed area of a closed ring (shoelace). */
function doubledArea(ring: readonly Position[]): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return sum
}

/** Why a lasso ring is refused, or undefined: closed, ≥ 4 positions, simple, with area, within reach. */
export function ringProblem(ring: unknown, reach?: Reach, what = 'ring'): string | undefined {
  const bad = positionsProblem(what, ring, 4)
  if (bad) return bad
  const drawn = ring as Position[]
  const first = drawn[0]
  const last = drawn[drawn.length - 1]
  if (first[0] !== last[0] || first[1] !== last[1])
    return `${what} is not closed: its last position ${JSON.stringify(last)} must repeat the first ${JSON.stringify(first)}`
  const points = withoutRepeats(drawn)
  if (points.length < 4) return `${what} needs at least 4 positions (3 distinct corners), got ${points.length}`
  const far = outsideReach(what, points, reach)
  if (far) return far
  const crossing = firstCrossing(points, true)
  if (crossing) return `${what} crosses itself: segments ${crossing[0]} and ${crossing[1]} meet`
  const fold = firstFoldBack(points, true)
  if (fold !== undefined) return `${what} turns back on itself at position ${fold}`
  if (doubledArea(points) === 0) return `${what} encloses no area`
  return undefined
}

/** Why a split line is refused, or undefined: ≥ 2 distinct positions, not crossing itself, within reach. */
export function lineProblem(line: unknown, reach?: Reach, what = 'line'): string | undefined {
  const bad = positionsProblem(what, line, 2)
  if (bad) return bad
  const points = withoutRepeats(line as Position[])
  if (points.length < 2) return `${what} needs at least 2 distinct positions`
  const far = outsideReach(what, points, reach)
  if (far) return far
  const fold = firstFoldBack(points, false)
  if (fold !== undefined) return `${what} turns back on itself at position ${fold}`
  const crossing = firstCrossing(points, false)
  if (crossing) return `${what} crosses itself: segments ${crossing[0]} and ${crossing[1]} meet`
  return undefined
}
