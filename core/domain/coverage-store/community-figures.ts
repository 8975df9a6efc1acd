// Per-community figures over the store's coverage state (pure): covered households per type and
// tier, the nearest distance per tier, 2SFCA accessibility per type, service floor area, and each
// community's indicator row with its star rating. Each function works on the whole district or on
// one community's slice, so an update recomputes only the communities a change reached.
import type { CoverageState, TypeCoverage } from '../coverage'
import {
  type CommunityIndicators,
  communityIndicators,
  hasAreaNorm,
  type StarRating,
  starRating,
  twoStepFca,
} from '../equity'
import type { CoverageStore } from './coverage-store'
import type { StoreCommunity } from './world'

export interface CommunityResult {
  community: StoreCommunity
  indicators: CommunityIndicators
  values: Record<string, number | null>
  rating: StarRating
}

/** Households of community c's buildings, all of them (flags null) or the flagged ones. */
export function sliceHouseholds(store: CoverageStore, c: number, flags: Uint8Array | null): number {
  const { households } = store.demand
  let sum = 0
  for (let b = store.ranges[c]; b < store.ranges[c + 1]; b++) if (flags === null || flags[b]) sum += households[b]
  return sum
}

/** Covered households per community for every type and `tier:<tier>` of a coverage state. */
export function coveredPerCommunity(store: CoverageStore, coverage: CoverageState): Map<string, Float64Array> {
  const count = store.world.communities.length
  const perCommunity = (flags: Uint8Array) =>
    Float64Array.from({ length: count }, (_, c) => sliceHouseholds(store, c, flags))
  const covered = new Map<string, Float64Array>()
  for (const tier of coverage.byTier.values()) covered.set(`tier:${tier.tier}`, perCommunity(tier.covered))
  for (const cov of coverage.byType.values()) covered.set(cov.type.id, perCommunity(cov.covered))
  return covered
}

/** The nearest distance per building to any type of a tier, over buildings [from, to). */
export function tierNearestInto(
  coverage: CoverageState,
  tier: string,
  out: Float32Array,
  from = 0,
  to = out.length,
): Float32Array {
  out.fill(Number.POSITIVE_INFINITY, from, to)
  for (const typeId of coverage.byTier.get(tier)!.typeIds) {
    const d = coverage.byType.get(typeId)!.nearestMeters
    for (let b = from; b < to; b++) if (d[b] < out[b]) out[b] = d[b]
  }
  return out
}

/**
 * 2SFCA accessibility of one type per community (supply per 1,000 residents, residents-weighted):
 * supply = capacity, else floor area, else 1 per facility; demand = residents within each radius
 * (within it on foot when the coverage is walked).
 */
export function access2sfcaOf(store: CoverageStore, coverage: CoverageState, cov: TypeCoverage): Float64Array {
  const { demand, ranges } = store
  const { residents } = demand
  const count = store.world.communities.length
  const { sites } = cov
  const demandIndex: number[] = []
  const facilityIndex: number[] = []
  const distanceMeters: number[] = []
  const supply = new Float64Array(sites.ids.length)
  const buffer = coverage.buffer
  for (let s = 0; s < sites.ids.length; s++) {
    if (!sites.alive[s]) continue
    const f = store.facilities.get(Number(sites.ids[s]))
    supply[s] = f?.capacity ?? f?.floorAreaM2 ?? 1
    const reach = cov.reach?.[s] // walked: the buildings within the radius on foot, with their distances
    if (reach) {
      for (let k = 0; k < reach.points.length; k++) {
        demandIndex.push(reach.points[k])
        facilityIndex.push(s)
        distanceMeters.push(reach.meters[k])
      }
      continue
    }
    const found = demand.index.withinInto(sites.xMeters[s], sites.yMeters[s], sites.radiusMeters[s], buffer)
    for (let k = 0; k < found; k++) {
      const b = buffer[k]
      demandIndex.push(b)
      facilityIndex.push(s)
      distanceMeters.push(Math.hypot(demand.xMeters[b] - sites.xMeters[s], demand.yMeters[b] - sites.yMeters[s]))
    }
  }
  const perCommunity = new Float64Array(count)
  if (sites.ids.length === 0) return perCommunity
  const { accessibility } = twoStepFca({
    pairs: { demandIndex, facilityIndex, distanceMeters },
    population: residents,
    supply,
    catchmentMeters: sites.radiusMeters.map((r) => r + 1e-6),
  })
  for (let c = 0; c < count; c++) {
    let pa = 0
    let p = 0
    for (let b = ranges[c]; b < ranges[c + 1]; b++) {
      pa += residents[b] * accessibility[b]
      p += residents[b]
    }
    perCommunity[c] = p > 0 ? (pa / p) * 1000 : Number.NaN
  }
  return perCommunity
}

/** Service floor area per community: active facilities of the types with an area norm. */
export function floorAreaPerCommunity(store: CoverageStore, coverage: CoverageState): Float64Array {
  const normTypes = new Set(store.world.types.filter(hasAreaNorm).map((t) => t.code))
  const byCode = new Map<string, number>()
  for (const f of store.facilities.values()) {
    if (!normTypes.has(f.typeCode) || f.communityCode === null) continue
    if (f.status === 'retired' || (f.status === 'planned' && coverage.scenario !== 'with-planned')) continue
    byCode.set(f.communityCode, (byCode.get(f.communityCode) ?? 0) + (f.floorAreaM2 ?? 0))
  }
  return Float64Array.from(store.world.communities, (c) => byCode.get(c.code) ?? 0)
}

export interface IndicatorInputs {
  coverage: CoverageState
  coveredHouseholds: Map<string, Float64Array>
  households: Float64Array
  tierNearest: Map<string, Float32Array>
  access2sfca: Map<string, Float64Array>
  floorArea: Float64Array
}

/**
 * One community's indicators, star rating and one flat value per indicator code. Given its
 * previous result, only the access subjects named in `subjects` (type codes, `tier:<tier>`) are
 * summarized again; the others are taken from the previous result.
 */
export function communityResult(
  store: CoverageStore,
  inputs: IndicatorInputs,
  c: number,
  previous?: { result: CommunityResult; subjects: ReadonlySet<string> },
): CommunityResult {
  const community = store.world.communities[c]
  const from = store.ranges[c]
  const to = store.ranges[c + 1]
  const { households } = store.demand
  const access: Record<
    string,
    { coveredHouseholds: number; nearestDistanceMeters: Float32Array; demandHouseholds: Float64Array }
  > = {}
  const add = (key: string, nearest: Float32Array) => {
    if (previous && !previous.subjects.has(key)) return
    access[key] = {
      coveredHouseholds: inputs.coveredHouseholds.get(key)![c],
      nearestDistanceMeters: nearest.subarray(from, to),
      demandHouseholds: households.subarray(from, to),
    }
  }
  for (const [tier, nearest] of inputs.tierNearest) add(`tier:${tier}`, nearest)
  for (const cov of inputs.coverage.byType.values()) add(cov.type.id, cov.nearestMeters)
  const indicators = communityIndicators(
    {
      code: community.code,
      kind: community.kind,
      households: inputs.households[c],
      residents: community.residents,
      workers: community.workers,
      serviceFloorAreaM2: inputs.floorArea[c],
      gridHouseholds: store.gridHouseholds.get(community.code) ?? [],
      access,
    },
    store.world.settings,
  )
  // the subjects not summarized again keep their previous figures, in their places
  if (previous) indicators.access = { ...previous.result.indicators.access, ...indicators.access }
  const values: Record<string, number | null> = {}
  for (const [key, a] of Object.entries(indicators.access)) {
    values[`coverage_share:${key}`] = a.coveredShare
    values[`mean_nearest_m:${key}`] = a.meanNearestMeters
    values[`p90_nearest_m:${key}`] = a.p90NearestMeters
    values[`unreachable_share:${key}`] = a.unreachableShare
  }
  for (const [key, perCommunity] of inputs.access2sfca) {
    const v = perCommunity[c]
    values[`access_2sfca:${key}`] = Number.isFinite(v) ? v : null
  }
  values.floor_area_m2_per_100_households = indicators.floorAreaM2Per100Households
  values.workers_per_10k_residents = indicators.workersPer10kResidents
  values.grids_in_band_share = indicators.gridsInBandShare
  return { community, indicators, values, rating: starRating(indicators, store.starSettings) }
}
