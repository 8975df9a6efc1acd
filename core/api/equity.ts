// The equalization (城乡基本公共服务均等化) contract: the per-community indicator table, the
// urban vs rural comparison of one indicator, and the community scorecard.
import { type Static, Type } from 'typebox'
import { CommunityCode, StreetCode } from './common'
import { DistanceMethod } from './coverage'
import { CommunityKind } from './resources'

/** 'as-is' counts existing facilities; 'with-planned' adds the planned ones (the scenario view). */
export const EquityScenario = Type.Union([Type.Literal('as-is'), Type.Literal('with-planned')], {
  description: 'as-is: existing facilities; with-planned: existing + planned',
  default: 'as-is',
})
export type EquityScenario = Static<typeof EquityScenario>

/**
 * An indicator code, e.g. `coverage_share:kindergarten`, `coverage_share:tier:5min`,
 * `mean_nearest_m:health_centre`, `p90_nearest_m:…`, `unreachable_share:…`, `access_2sfca:…`,
 * `floor_area_m2_per_100_households`, `workers_per_10k_residents`, `grids_in_band_share`.
 */
export const IndicatorCodeParam = Type.String({
  pattern: '^[a-z0-9_:]{1,80}$',
  description: 'indicator code (see GET /api/equity/indicators → indicators[].code)',
  examples: ['coverage_share:kindergarten', 'workers_per_10k_residents'],
})

export const IndicatorMeasure = Type.Union([
  Type.Literal('coverage_share'),
  Type.Literal('mean_nearest_m'),
  Type.Literal('p90_nearest_m'),
  Type.Literal('unreachable_share'),
  Type.Literal('access_2sfca'),
  Type.Literal('floor_area_m2_per_100_households'),
  Type.Literal('workers_per_10k_residents'),
  Type.Literal('grids_in_band_share'),
])
export type IndicatorMeasure = Static<typeof IndicatorMeasure>

export const IndicatorInfo = Type.Object({
  code: Type.String(),
  measure: IndicatorMeasure,
  /** a facility type code, `tier:<tier>`, or null for community-wide indicators */
  subject: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([
    Type.Literal('share'),
    Type.Literal('m'),
    Type.Literal('m2_per_100_households'),
    Type.Literal('per_10k_residents'),
    Type.Literal('supply_per_1000_residents'),
  ]),
  higherIsBetter: Type.Boolean(),
  /** the norm the value is judged against, when there is one (e.g. 18 workers per 10,000) */
  norm: Type.Union([Type.Number(), Type.Null()]),
})
export type IndicatorInfo = Static<typeof IndicatorInfo>

export const IndicatorRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  streetCode: Type.String(),
  streetName: Type.String(),
  kind: CommunityKind,
  households: Type.Integer(),
  residents: Type.Integer(),
  workers: Type.Integer(),
  gridCount: Type.Integer(),
  /** indicator code → value; null when not applicable (e.g. no households) */
  values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
  stars: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
})
export type IndicatorRow = Static<typeof IndicatorRow>

export const EquityQuery = Type.Object(
  {
    street: Type.Optional(StreetCode),
    scenario: Type.Optional(EquityScenario),
    method: Type.Optional(DistanceMethod),
  },
  { additionalProperties: false },
)
export type EquityQuery = Static<typeof EquityQuery>

export const IndicatorTable = Type.Object({
  scenario: EquityScenario,
  street: Type.Union([Type.String(), Type.Null()]),
  indicators: Type.Array(IndicatorInfo),
  rows: Type.Array(IndicatorRow),
  computedAt: Type.String(),
})
export type IndicatorTable = Static<typeof IndicatorTable>

export const CompareQuery = Type.Object(
  {
    indicator: IndicatorCodeParam,
    street: Type.Optional(StreetCode),
    scenario: Type.Optional(EquityScenario),
    method: Type.Optional(DistanceMethod),
  },
  { additionalProperties: false },
)
export type CompareQuery = Static<typeof CompareQuery>

export const BoxSummary = Type.Object({
  count: Type.Integer(),
  totalWeight: Type.Number(),
  min: Type.Number(),
  q1: Type.Number(),
  median: Type.Number(),
  q3: Type.Number(),
  max: Type.Number(),
  mean: Type.Number(),
  p90: Type.Number(),
})
export type BoxSummary = Static<typeof BoxSummary>

export const TheilGroup = Type.Object({
  key: Type.String(),
  count: Type.Integer(),
  populationShare: Type.Number(),
  valueShare: Type.Number(),
  mean: Type.Number(),
  theil: Type.Number(),
  betweenTerm: Type.Number(),
  withinTerm: Type.Number(),
})

export const Comparison = Type.Object({
  indicator: Type.String(),
  info: IndicatorInfo,
  scenario: EquityScenario,
  street: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Object({ urban: Type.Union([BoxSummary, Type.Null()]), rural: Type.Union([BoxSummary, Type.Null()]) }),
  all: BoxSummary,
  gini: Type.Number({ description: 'across communities, each counted once' }),
  weightedGini: Type.Number({ description: 'across communities, weighted by residents' }),
  /** [cumulative residents share, cumulative value share], sorted by value; weighted by residents */
  lorenz: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
  theil: Type.Object({
    total: Type.Number(),
    between: Type.Number({ description: 'urban vs rural: the gap in one number' }),
    within: Type.Number(),
    mean: Type.Number(),
    groups: Type.Array(TheilGroup),
  }),
  /** community codes with no value for this indicator */
  excluded: Type.Array(Type.String()),
})
export type Comparison = Static<typeof Comparison>

export const Shortfall = Type.Object({
  indicator: Type.String(),
  value: Type.Number(),
  threshold: Type.Number(),
  shortfall: Type.Number(),
  attainment: Type.Number(),
  weightedLoss: Type.Number(),
})
export type Shortfall = Static<typeof Shortfall>

export const ScorecardQuery = Type.Object(
  { scenario: Type.Optional(EquityScenario), method: Type.Optional(DistanceMethod) },
  { additionalProperties: false },
)
export const ScorecardParams = Type.Object({ communityCode: CommunityCode })

export const Scorecard = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: CommunityKind,
  streetCode: Type.String(),
  streetName: Type.String(),
  scenario: EquityScenario,
  stars: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  /** the criteria that pull the score down, worst first */
  pullingDown: Type.Array(Shortfall),
  notApplicable: Type.Array(Type.String()),
  criteria: Type.Array(Type.Object({ indicator: Type.String(), threshold: Type.Number(), weight: Type.Number() })),
  values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
})
export type Scorecard = Static<typeof Scorecard>
