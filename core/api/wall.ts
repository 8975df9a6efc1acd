// The command-centre wall display (/wall) contract: KPI tiles, alarms and coverage-gap points.
import { type Static, Type } from 'typebox'
import { StreetCode } from './common'

export const WallQuery = Type.Object({ street: Type.Optional(StreetCode) }, { additionalProperties: false })
export type WallQuery = Static<typeof WallQuery>

export const WallCoverageTile = Type.Object({
  typeCode: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  /** the communities the tile counts: one-window types serve one kind (社区 or 村), others all */
  kind: Type.Union([Type.Literal('urban'), Type.Literal('rural'), Type.Null()]),
  /** covered households / households, over the communities the tile covers */
  share: Type.Number(),
  coveredHouseholds: Type.Integer(),
})
export type WallCoverageTile = Static<typeof WallCoverageTile>

export const WallAlarm = Type.Object({
  kind: Type.Union([
    Type.Literal('grid_far_out_of_band'),
    Type.Literal('coverage_gap'),
    Type.Literal('workers_below_norm'),
  ]),
  /** grid id (as text) or community code */
  id: Type.String(),
  name: Type.String(),
  communityName: Type.String(),
  streetCode: Type.String(),
  /** grid: deviation from the target; coverage gap: uncovered share; workers: per 10,000 */
  value: Type.Number(),
  lngLat: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
})
export type WallAlarm = Static<typeof WallAlarm>

export const WallKpis = Type.Object({
  street: Type.Union([Type.String(), Type.Null()]),
  streetName: Type.Union([Type.String(), Type.Null()]),
  households: Type.Integer(),
  residents: Type.Integer(),
  communities: Type.Integer(),
  grids: Type.Integer(),
  gridsInBand: Type.Integer(),
  gridsInBandShare: Type.Number(),
  householdBand: Type.Tuple([Type.Number(), Type.Number()]),
  workerNormPer10k: Type.Number(),
  communitiesBelowWorkerNorm: Type.Integer(),
  coverage: Type.Array(WallCoverageTile),
  gap: Type.Object({
    indicator: Type.String(),
    /** Theil T between-group part (urban vs rural) over the stop's communities: the urban–rural gap in one number */
    theilBetween: Type.Number(),
    theilTotal: Type.Number(),
    urbanMean: Type.Union([Type.Number(), Type.Null()]),
    ruralMean: Type.Union([Type.Number(), Type.Null()]),
  }),
  alarms: Type.Array(WallAlarm),
  /**
   * The first daily snapshot of this stop's key figures (indicator_snapshots), keyed like the tiles
   * (households, grids, in-band, below-workers, gap, coverage-<type>): each tile's trend is its
   * figure now against this. Null until a snapshot exists.
   */
  trend: Type.Union([
    Type.Null(),
    Type.Object({
      /** the day of the first snapshot, YYYY-MM-DD in Asia/Shanghai */
      since: Type.String(),
      figures: Type.Record(Type.String(), Type.Number()),
    }),
  ]),
  computedAt: Type.String(),
})
export type WallKpis = Static<typeof WallKpis>

/** Buildings not reached by any one-window service facility (党群服务中心 / 村综合服务站). */
export const WallGaps = Type.Object({
  lng: Type.Array(Type.Number()),
  lat: Type.Array(Type.Number()),
  households: Type.Array(Type.Number()),
  totalUncoveredHouseholds: Type.Integer(),
})
export type WallGaps = Static<typeof WallGaps>
