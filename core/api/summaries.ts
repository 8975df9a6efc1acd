// The small JSON the map page keeps whole (lists, panels, labels): every grid's and community's
// figures with a label point and a box, no geometry. The map draws the shapes from vector tiles.
import { type Static, Type } from 'typebox'
import { CommunityProps, GridProps } from './resources'

const LabelPoint = Type.Tuple([Type.Number(), Type.Number()], {
  description: 'a point inside the shape (ST_PointOnSurface), [lng, lat]',
})
const Box = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: 'the shape’s box, [minLng, minLat, maxLng, maxLat]',
})

/** A current grid's figures (its validity's end, null, and its lineage left out), label point and box. */
export const GridSummary = Type.Intersect([
  Type.Omit(GridProps, ['validTo', 'parentIds']),
  Type.Object({ labelPoint: LabelPoint, bbox: Box }),
])
export type GridSummary = Static<typeof GridSummary>
export const GridSummaryList = Type.Object({ grids: Type.Array(GridSummary) })
export type GridSummaryList = Static<typeof GridSummaryList>

export const CommunitySummary = Type.Intersect([CommunityProps, Type.Object({ bbox: Box })])
export type CommunitySummary = Static<typeof CommunitySummary>
export const CommunitySummaryList = Type.Object({ communities: Type.Array(CommunitySummary) })
export type CommunitySummaryList = Static<typeof CommunitySummaryList>
