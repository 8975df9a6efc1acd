// The resource schemas: one per resource, shared by server (validation, OpenAPI) and web (types).
import { type Static, Type } from 'typebox'
import { BboxParam, CommunityCode, Paging, StreetCode } from './common'
import { FeaturePageSchema, FeatureSchema, MultiPolygonGeometry, PointGeometry } from './geojson'
import { AsOfParam } from './grid-editing'

export const StreetKind = Type.Union([Type.Literal('subdistrict'), Type.Literal('town'), Type.Literal('zone')])
export const CommunityKind = Type.Union([Type.Literal('urban'), Type.Literal('rural')])
export const FacilityStatus = Type.Union([Type.Literal('existing'), Type.Literal('planned'), Type.Literal('retired')])
/** A life-circle tier: data (facility_types.tier), e.g. 5min, 10min, 15min, village. */
export const Tier = Type.String({ description: 'life-circle tier, e.g. 5min, 10min, 15min, village' })

// ── streets 街道/镇/功能区 ─────────────────────────────────────────────
export const StreetProps = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StreetKind,
  households: Type.Integer(),
  residents: Type.Integer(),
  communityCount: Type.Integer(),
  gridCount: Type.Integer(),
  labelPoint: Type.Tuple([Type.Number(), Type.Number()]),
})
export type StreetProps = Static<typeof StreetProps>
export const StreetFeature = FeatureSchema(MultiPolygonGeometry, StreetProps, Type.String())
export type StreetFeature = Static<typeof StreetFeature>
export const StreetPage = FeaturePageSchema(StreetFeature)
export type StreetPage = Static<typeof StreetPage>

export const StreetListQuery = Type.Object(
  { bbox: Type.Optional(BboxParam), ...Paging },
  { additionalProperties: false },
)
export type StreetListQuery = Static<typeof StreetListQuery>

// ── communities 社区/村 ────────────────────────────────────────────────
export const CommunityProps = Type.Object({
  code: Type.String(),
  name: Type.String(),
  streetCode: Type.String(),
  streetName: Type.String(),
  kind: CommunityKind,
  households: Type.Integer(),
  residents: Type.Integer(),
  workers: Type.Integer(),
  workersPer10k: Type.Number({
    description: 'community workers per 10,000 residents (norm: setting staffing.workers_per_10k_urban, 18)',
  }),
  unitCount: Type.Integer(),
  gridCount: Type.Integer(),
  editVersion: Type.Integer(),
  labelPoint: Type.Tuple([Type.Number(), Type.Number()]),
})
export type CommunityProps = Static<typeof CommunityProps>
export const CommunityFeature = FeatureSchema(MultiPolygonGeometry, CommunityProps, Type.String())
export type CommunityFeature = Static<typeof CommunityFeature>
export const CommunityPage = FeaturePageSchema(CommunityFeature)
export type CommunityPage = Static<typeof CommunityPage>

export const CommunityListQuery = Type.Object(
  { bbox: Type.Optional(BboxParam), street: Type.Optional(StreetCode), kind: Type.Optional(CommunityKind), ...Paging },
  { additionalProperties: false },
)
export type CommunityListQuery = Static<typeof CommunityListQuery>

// ── grids 网格 ─────────────────────────────────────────────────────────
export const GridProps = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  streetCode: Type.String(),
  households: Type.Integer(),
  residents: Type.Integer(),
  unitCount: Type.Integer(),
  targetHouseholds: Type.Integer(),
  deviation: Type.Number({ description: '(households − target) / target, e.g. 0.1 = 10% over' }),
  inBand: Type.Boolean({ description: 'households within target ± tolerance' }),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  parentIds: Type.Optional(
    Type.Array(Type.Integer(), { description: 'lineage: the grids a split or merge made this one from' }),
  ),
})
export type GridProps = Static<typeof GridProps>
export const GridFeature = FeatureSchema(MultiPolygonGeometry, GridProps, Type.Integer())
export type GridFeature = Static<typeof GridFeature>
export const GridPage = FeaturePageSchema(GridFeature)
export type GridPage = Static<typeof GridPage>

export const GridListQuery = Type.Object(
  {
    bbox: Type.Optional(BboxParam),
    street: Type.Optional(StreetCode),
    community: Type.Optional(CommunityCode),
    asOf: Type.Optional(AsOfParam),
    ...Paging,
  },
  { additionalProperties: false },
)
export type GridListQuery = Static<typeof GridListQuery>

// ── facility types (the standards table) ──────────────────────────────
export const FacilityType = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  service: Type.String(),
  tier: Tier,
  defaultRadiusM: Type.Integer(),
  minActivityShare: Type.Union([Type.Number(), Type.Null()]),
  floorAreaM2Per100Households: Type.Union([Type.Number(), Type.Null()]),
  colour: Type.String(),
})
export type FacilityType = Static<typeof FacilityType>

// ── facilities 设施 ────────────────────────────────────────────────────
export const FacilityProps = Type.Object({
  id: Type.Integer(),
  typeCode: Type.String(),
  name: Type.String(),
  status: FacilityStatus,
  streetCode: Type.String(),
  communityCode: Type.Union([Type.String(), Type.Null()]),
  floorAreaM2: Type.Union([Type.Number(), Type.Null()]),
  activityAreaM2: Type.Union([Type.Number(), Type.Null()]),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  radiusM: Type.Integer({ description: 'effective service radius: the override or the type default' }),
  radiusOverridden: Type.Boolean(),
  version: Type.Integer(),
})
export type FacilityProps = Static<typeof FacilityProps>
export const FacilityFeature = FeatureSchema(PointGeometry, FacilityProps, Type.Integer())
export type FacilityFeature = Static<typeof FacilityFeature>
export const FacilityPage = FeaturePageSchema(FacilityFeature)
export type FacilityPage = Static<typeof FacilityPage>

export const FacilityListQuery = Type.Object(
  {
    bbox: Type.Optional(BboxParam),
    type: Type.Optional(Type.String({ pattern: '^[a-z_]+$' })),
    status: Type.Optional(FacilityStatus),
    street: Type.Optional(StreetCode),
    ...Paging,
  },
  { additionalProperties: false },
)
export type FacilityListQuery = Static<typeof FacilityListQuery>

// ── health ───────────────────────────────────────────────
export const Health = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  postgis: Type.String(),
  world: Type.Object({
    streets: Type.Integer(),
    communities: Type.Integer(),
    units: Type.Integer(),
    buildings: Type.Integer(),
    grids: Type.Integer(),
    facilities: Type.Integer(),
    households: Type.Integer(),
    residents: Type.Integer(),
  }),
})
export type Health = Static<typeof Health>
