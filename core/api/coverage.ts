// The coverage, facility-editing and siting contract (issue 4): TypeBox schemas shared by the
// server (validation, OpenAPI) and the web client (types).
import { type Static, Type } from 'typebox'
import { BboxParam, CommunityCode, IntId, MAX_LIMIT, StreetCode } from './common'
import { FacilityFeature } from './resources'

const TypeCode = Type.String({ pattern: '^[a-z_]+$', description: 'facility type code, see /api/facility-types' })
const LngLat = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], {
  description: '[lng, lat] in EPSG:4326 degrees',
})

export const CoverageScenario = Type.Union([Type.Literal('as-is'), Type.Literal('with-planned')], {
  description: "'as-is' counts existing facilities; 'with-planned' adds planned ones",
})
export type CoverageScenario = Static<typeof CoverageScenario>
export const CoverageLevel = Type.Union([
  Type.Literal('district'),
  Type.Literal('street'),
  Type.Literal('community'),
  Type.Literal('grid'),
  Type.Literal('unit'),
])
export type CoverageLevel = Static<typeof CoverageLevel>
/** Tiers are data (facility_types.tier): an unknown one is refused by the server with UNKNOWN_TIER. */
const TierParam = Type.String({
  pattern: '^[a-z0-9_]+$',
  maxLength: 40,
  description: 'a life-circle tier of the facility types, e.g. 5min, 10min, 15min, village (see /api/facility-types)',
})

export const DistanceMethod = Type.Union([Type.Literal('walk'), Type.Literal('radius')], {
  description:
    "'walk': walking distance along the walk network (步行距离, the default where a network is stored); 'radius': the straight line (直线距离)",
})
export type DistanceMethod = Static<typeof DistanceMethod>

/** What is covered: one facility type, or a whole life-circle tier (any type of that tier). */
const Subject = {
  type: Type.Optional(TypeCode),
  tier: Type.Optional(TierParam),
  scenario: Type.Optional(CoverageScenario),
  method: Type.Optional(DistanceMethod),
}

// ── coverage figures ──────────────────────────────────────────────────
export const CoverageTotals = Type.Object({
  households: Type.Integer({ description: 'all households (covered + unserved)' }),
  covered: Type.Integer(),
  unserved: Type.Integer(),
  share: Type.Number({ description: 'covered / households, 0 when there are none' }),
})
export type CoverageTotals = Static<typeof CoverageTotals>

export const CoverageRow = Type.Object({
  key: Type.String({ description: 'street / community / grid code, unit id, or the district code' }),
  name: Type.String(),
  kind: Type.Optional(Type.String({ description: 'urban | rural for communities' })),
  communityCode: Type.Optional(Type.String()),
  households: Type.Integer(),
  covered: Type.Integer(),
  unserved: Type.Integer(),
  share: Type.Number(),
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
    description: 'bbox of the buildings, for fly-to',
  }),
})
export type CoverageRow = Static<typeof CoverageRow>

export const CoverageSummaryQuery = Type.Object(
  {
    ...Subject,
    level: Type.Optional(CoverageLevel),
    street: Type.Optional(StreetCode),
    community: Type.Optional(CommunityCode),
    bbox: Type.Optional(BboxParam),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20_000, default: 5000 })),
  },
  { additionalProperties: false },
)
export type CoverageSummaryQuery = Static<typeof CoverageSummaryQuery>

export const CoverageSummary = Type.Object({
  scenario: CoverageScenario,
  method: Type.Optional(DistanceMethod),
  subject: Type.Object({ type: Type.Union([Type.String(), Type.Null()]), tier: Type.String() }),
  level: CoverageLevel,
  totals: CoverageTotals,
  urban: CoverageTotals,
  rural: CoverageTotals,
  rows: Type.Array(CoverageRow),
  total: Type.Integer({ description: 'rows matching the filters, before limit' }),
  computedAt: Type.String(),
})
export type CoverageSummary = Static<typeof CoverageSummary>

export const CoverageGapsQuery = Type.Object(
  {
    ...Subject,
    bbox: Type.Optional(BboxParam),
    aggregate: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('hex')], {
        description: "'none': unserved buildings as points; 'hex': summed into hexagons",
      }),
    ),
    cellMeters: Type.Optional(Type.Integer({ minimum: 100, maximum: 20_000, default: 1000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 50_000 })),
  },
  { additionalProperties: false },
)
export type CoverageGapsQuery = Static<typeof CoverageGapsQuery>

/** Unserved buildings as columns (compact: tens of thousands of points). */
export const CoverageGaps = Type.Object({
  scenario: CoverageScenario,
  method: Type.Optional(DistanceMethod),
  subject: Type.Object({ type: Type.Union([Type.String(), Type.Null()]), tier: Type.String() }),
  aggregate: Type.Union([Type.Literal('none'), Type.Literal('hex')]),
  unservedHouseholds: Type.Integer({ description: 'in the bbox (all, not only the returned page)' }),
  unservedBuildings: Type.Integer(),
  points: Type.Object({
    buildingId: Type.Array(Type.Integer()),
    lng: Type.Array(Type.Number()),
    lat: Type.Array(Type.Number()),
    households: Type.Array(Type.Integer()),
    nearestMeters: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  }),
  hexagons: Type.Array(
    Type.Object({
      polygon: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
      center: Type.Tuple([Type.Number(), Type.Number()]),
      households: Type.Integer(),
      buildings: Type.Integer(),
    }),
  ),
  cellMeters: Type.Integer(),
  truncated: Type.Boolean(),
})
export type CoverageGaps = Static<typeof CoverageGaps>

export const CoverageWorstQuery = Type.Object(
  {
    ...Subject,
    level: Type.Optional(
      Type.Union([Type.Literal('grid'), Type.Literal('unit'), Type.Literal('community')], { default: 'grid' }),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('unserved'), Type.Literal('share')], { default: 'unserved' })),
    bbox: Type.Optional(BboxParam),
    street: Type.Optional(StreetCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 20 })),
  },
  { additionalProperties: false },
)
export type CoverageWorstQuery = Static<typeof CoverageWorstQuery>

export const CoverageWorst = Type.Object({
  scenario: CoverageScenario,
  method: Type.Optional(DistanceMethod),
  level: Type.String(),
  rows: Type.Array(CoverageRow),
})
export type CoverageWorst = Static<typeof CoverageWorst>

// ── compliance 达标 ────────────────────────────────────────────────────
export const FacilityCompliance = Type.Object({
  id: Type.Integer(),
  typeCode: Type.String(),
  status: Type.String(),
  servedHouseholds: Type.Integer({ description: 'households within its radius (overlaps counted per facility)' }),
  activityShare: Type.Union([Type.Number(), Type.Null()]),
  activityRequired: Type.Union([Type.Number(), Type.Null()]),
  activityOk: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when not checked for the type' }),
  floorAreaRequiredM2: Type.Union([Type.Number(), Type.Null()]),
  floorAreaOk: Type.Union([Type.Boolean(), Type.Null()]),
  radiusM: Type.Integer(),
  radiusRangeM: Type.Tuple([Type.Number(), Type.Number()]),
  radiusOk: Type.Boolean(),
  compliant: Type.Boolean({ description: 'every checked rule holds' }),
  problems: Type.Array(Type.String({ description: 'activity-share | floor-area | radius | missing-area' })),
})
export type FacilityCompliance = Static<typeof FacilityCompliance>

export const ComplianceListQuery = Type.Object(
  {
    type: Type.Optional(TypeCode),
    bbox: Type.Optional(BboxParam),
    onlyProblems: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 1000 })),
  },
  { additionalProperties: false },
)
export type ComplianceListQuery = Static<typeof ComplianceListQuery>

// ── facility writes ───────────────────────────────────────────────────
function Nullable(type: 'number' | 'integer', description: string) {
  return Type.Unsafe<number | null>({ type: [type, 'null'], description })
}
const Author = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'ignored: the revision’s author is the signed-in user',
})
const Reason = Type.String({ maxLength: 1000, description: 'why: kept in the revision history' })
const EditableFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  typeCode: TypeCode,
  status: Type.Union([Type.Literal('existing'), Type.Literal('planned')]),
  lngLat: LngLat,
  // ranges are checked by the server with the bad value in the message; `type: [T, 'null']`
  // (not anyOf) so that ajv's type coercion never turns null into 0 or 0 into null
  floorAreaM2: Nullable('number', 'm², >= 0'),
  activityAreaM2: Nullable('number', 'm², >= 0 and <= floorAreaM2'),
  capacity: Nullable('integer', '>= 0'),
  radiusM: Nullable('integer', 'service radius override in metres (> 0); null: the type default'),
}

export const FacilityCreate = Type.Object(
  {
    typeCode: EditableFields.typeCode,
    name: EditableFields.name,
    lngLat: EditableFields.lngLat,
    status: Type.Optional(EditableFields.status),
    floorAreaM2: Type.Optional(EditableFields.floorAreaM2),
    activityAreaM2: Type.Optional(EditableFields.activityAreaM2),
    capacity: Type.Optional(EditableFields.capacity),
    radiusM: Type.Optional(EditableFields.radiusM),
    author: Type.Optional(Author),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)
export type FacilityCreate = Static<typeof FacilityCreate>

export const FacilityPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version read; a stale one gets 409 with the current one' }),
    author: Type.Optional(Author),
    reason: Type.Optional(Reason),
    name: Type.Optional(EditableFields.name),
    typeCode: Type.Optional(EditableFields.typeCode),
    status: Type.Optional(EditableFields.status),
    lngLat: Type.Optional(EditableFields.lngLat),
    floorAreaM2: Type.Optional(EditableFields.floorAreaM2),
    activityAreaM2: Type.Optional(EditableFields.activityAreaM2),
    capacity: Type.Optional(EditableFields.capacity),
    radiusM: Type.Optional(EditableFields.radiusM),
  },
  { additionalProperties: false },
)
export type FacilityPatch = Static<typeof FacilityPatch>

export const FacilityRetire = Type.Object(
  { version: Type.Integer({ minimum: 1 }), author: Type.Optional(Author), reason: Type.Optional(Reason) },
  { additionalProperties: false },
)
export type FacilityRetire = Static<typeof FacilityRetire>

export const FacilityRevision = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  author: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
  before: Type.Union([FacilityFeature, Type.Null()], { description: 'the facility before the edit (null: created)' }),
  after: FacilityFeature,
})
export type FacilityRevision = Static<typeof FacilityRevision>

// ── siting 选址 ───────────────────────────────────────────────────────
const Candidates = Type.Union(
  [
    Type.Literal('grid-centroids'),
    Type.Literal('unit-centroids'),
    Type.Object({ points: Type.Array(LngLat, { minItems: 1, maxItems: 20_000 }) }, { additionalProperties: false }),
  ],
  { description: 'candidate sites: grid or unit centroids, or points the official drew' },
)
const SitingCommon = {
  type: TypeCode,
  scenario: Type.Optional(CoverageScenario),
  distanceMethod: Type.Optional(
    Type.Union([Type.Literal('walk'), Type.Literal('radius')], {
      description:
        "'walk': distances along the walk network (步行距离) — MCLP and LSCP cover within walking distance, p-median sums walking distances capped at 3 radii (at least 1,000 m; the response's note says so); 'radius' (default): the straight line (直线距离)",
    }),
  ),
  candidates: Type.Optional(Candidates),
  street: Type.Optional(StreetCode),
  radiusM: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'default: the type radius' })),
  timeLimitSeconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 60 })),
  exact: Type.Optional(
    Type.Union([Type.Literal('auto'), Type.Literal('never'), Type.Literal('always')], {
      description: "'auto' (default): an exact HiGHS solve when the model is small enough; 'never': heuristic + bound",
    }),
  ),
}
export const MclpRequest = Type.Object(
  { ...SitingCommon, k: Type.Integer({ minimum: 1, maximum: 200 }) },
  { additionalProperties: false },
)
export type MclpRequest = Static<typeof MclpRequest>
export const LscpRequest = Type.Object(
  { ...SitingCommon, targetShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) },
  { additionalProperties: false },
)
export type LscpRequest = Static<typeof LscpRequest>
export const PMedianRequest = Type.Object(
  { ...SitingCommon, k: Type.Integer({ minimum: 1, maximum: 50 }) },
  { additionalProperties: false },
)
export type PMedianRequest = Static<typeof PMedianRequest>

export const SitingSite = Type.Object({
  rank: Type.Integer(),
  lngLat: LngLat,
  candidate: Type.String({ description: 'grid code, unit id or drawn point index' }),
  communityCode: Type.Union([Type.String(), Type.Null()]),
  newlyCoveredHouseholds: Type.Number({
    description: 'MCLP/LSCP: households it adds; p-median: distance saved (household·m)',
  }),
})
export type SitingSite = Static<typeof SitingSite>

export const SitingResponse = Type.Object({
  model: Type.Union([Type.Literal('mclp'), Type.Literal('lscp'), Type.Literal('p-median')]),
  distanceMethod: Type.Optional(DistanceMethod),
  typeCode: Type.String(),
  scenario: CoverageScenario,
  radiusM: Type.Integer(),
  candidateCount: Type.Integer(),
  demandCount: Type.Integer(),
  sites: Type.Array(SitingSite),
  before: Type.Object({ covered: Type.Number(), share: Type.Number(), totalDistance: Type.Optional(Type.Number()) }),
  after: Type.Object({ covered: Type.Number(), share: Type.Number(), totalDistance: Type.Optional(Type.Number()) }),
  totalHouseholds: Type.Number(),
  objective: Type.Number(),
  bound: Type.Union([Type.Number(), Type.Null()]),
  gapPercent: Type.Union([Type.Number(), Type.Null()]),
  method: Type.Union([Type.Literal('exact'), Type.Literal('heuristic')]),
  boundSource: Type.String(),
  solveMillis: Type.Number(),
  note: Type.Optional(Type.String({ description: 'how the problem was reduced, when it was' })),
})
export type SitingResponse = Static<typeof SitingResponse>

export const FacilityIdParams = Type.Object({ id: IntId })
