// The walking-distance contract (issue 11): the barrier effect (households inside the radius
// but beyond walking distance) and isochrones. The coverage questions take `method` (coverage.ts).
import { type Static, Type } from 'typebox'
import { BboxParam, IntId, StreetCode } from './common'
import { CoverageScenario } from './coverage'

const TypeCode = Type.String({ pattern: '^[a-z_]+$', description: 'facility type code, see /api/facility-types' })
const TierParam = Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 40, description: 'a life-circle tier' })

export const BarrierQuery = Type.Object(
  {
    type: Type.Optional(TypeCode),
    tier: Type.Optional(TierParam),
    scenario: Type.Optional(CoverageScenario),
    level: Type.Optional(Type.Union([Type.Literal('community'), Type.Literal('grid')], { default: 'community' })),
    street: Type.Optional(StreetCode),
    bbox: Type.Optional(BboxParam),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 50 })),
    pointLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 20_000 })),
  },
  { additionalProperties: false },
)
export type BarrierQuery = Static<typeof BarrierQuery>

export const BarrierRow = Type.Object({
  key: Type.String({ description: 'community code or grid name' }),
  name: Type.String(),
  communityCode: Type.Optional(Type.String()),
  households: Type.Integer(),
  radiusCovered: Type.Integer({ description: 'households within the straight-line radius (直线距离)' }),
  walkCovered: Type.Integer({ description: 'households within walking distance (步行距离)' }),
  barrierHouseholds: Type.Integer({ description: 'inside the radius but beyond walking distance' }),
  barrierShare: Type.Number({ description: 'barrierHouseholds / households' }),
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
})
export type BarrierRow = Static<typeof BarrierRow>

export const BarrierEffect = Type.Object({
  scenario: CoverageScenario,
  subject: Type.Object({ type: Type.Union([Type.String(), Type.Null()]), tier: Type.String() }),
  level: Type.String(),
  totals: Type.Object({
    households: Type.Integer(),
    radiusCovered: Type.Integer(),
    walkCovered: Type.Integer(),
    barrierHouseholds: Type.Integer(),
    barrierBuildings: Type.Integer(),
  }),
  rows: Type.Array(BarrierRow, { description: 'worst first: most barrier households' }),
  total: Type.Integer({ description: 'rows with a barrier effect, before limit' }),
  points: Type.Object({
    buildingId: Type.Array(Type.Integer()),
    lng: Type.Array(Type.Number()),
    lat: Type.Array(Type.Number()),
    households: Type.Array(Type.Integer()),
    radiusMeters: Type.Array(Type.Union([Type.Number(), Type.Null()])),
    walkMeters: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  }),
  truncated: Type.Boolean(),
})
export type BarrierEffect = Static<typeof BarrierEffect>

export const IsochroneQuery = Type.Object(
  {
    facility: Type.Optional(IntId),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  },
  { additionalProperties: false },
)
export type IsochroneQuery = Static<typeof IsochroneQuery>

const Ring = Type.Array(Type.Tuple([Type.Number(), Type.Number()]))
export const IsochroneFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({
    minutes: Type.Integer({ description: 'the life-circle band: 5, 10 or 15 minutes' }),
    meters: Type.Number({ description: 'walking distance of the band (the tier radius, GB 50180-2018)' }),
    networkMeters: Type.Number({ description: 'length of the walk network reached within the band' }),
    areaM2: Type.Number(),
  }),
  geometry: Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring)) }),
})

export const Isochrones = Type.Object({
  type: Type.Literal('FeatureCollection'),
  origin: Type.Object({
    lngLat: Type.Tuple([Type.Number(), Type.Number()]),
    facilityId: Type.Union([Type.Integer(), Type.Null()]),
    accessMeters: Type.Number({ description: 'from the point to the nearest walkable edge' }),
  }),
  features: Type.Array(IsochroneFeature, { description: 'largest band first, so smaller ones draw on top' }),
  millis: Type.Number(),
})
export type Isochrones = Static<typeof Isochrones>
