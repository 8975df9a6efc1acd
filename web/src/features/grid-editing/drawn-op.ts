// What a drawn shape means (pure): the split line, the lasso ring and the brushed units of the
// edit tools become one edit operation, or none when the shape does not say enough yet.
import type { EditOp, LngLat } from '../../../../core/domain/grids'
import type { SplitSide } from '../../../../core/domain/grids/edit-op'

export type Tool = 'click' | 'brush' | 'lasso' | 'line'
export const TOOLS: Tool[] = ['click', 'brush', 'lasso', 'line']
export type DrawTool = Exclude<Tool, 'click'>

export interface DrawnContext {
  /** the grid units move to, or the grid a line splits (null = none chosen) */
  active: number | null
  /** grid key of a unit in the edit */
  gridOf: (unitId: string) => number
  /** the grid under a point on the map, if any (the grid a line splits when none is chosen) */
  gridAt: (at: LngLat) => number | null
  /** units the brush has passed over */
  brushed: Iterable<string>
  /** the side of a split line that keeps the grid's code (default: the side with more households) */
  codeOn?: SplitSide
}

/** The middle of a split line (its first two points). */
export const lineMiddle = (points: LngLat[]): LngLat => [
  (points[0][0] + points[1][0]) / 2,
  (points[0][1] + points[1][1]) / 2,
]

/** A drawn lasso as the API takes it: closed (the last position repeats the first). */
export function closeRing(points: LngLat[]): LngLat[] {
  const [first, last] = [points[0], points[points.length - 1]]
  return first[0] === last[0] && first[1] === last[1] ? points : [...points, first]
}

export function drawnOp(tool: DrawTool, points: LngLat[], ctx: DrawnContext): EditOp | null {
  if (tool === 'line') {
    if (points.length < 2 || (points[0][0] === points[1][0] && points[0][1] === points[1][1])) return null
    // the grid split: the chosen grid, else the one under the middle of the line
    const grid = ctx.active ?? ctx.gridAt(lineMiddle(points))
    if (grid === null) return null
    return ctx.codeOn
      ? { kind: 'splitByLine', grid, line: points, codeOn: ctx.codeOn }
      : { kind: 'splitByLine', grid, line: points }
  }
  const active = ctx.active
  if (active === null) return null
  if (tool === 'lasso')
    return points.length >= 3 ? { kind: 'moveUnitsInPolygon', ring: closeRing(points), toGrid: active } : null
  const ids = [...ctx.brushed].filter((id) => ctx.gridOf(id) !== active)
  return ids.length ? { kind: 'moveUnits', unitIds: ids, toGrid: active } : null
}
