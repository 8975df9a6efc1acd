// The equalization model, in memory and free of I/O: from the world's plain rows (communities,
// buildings, facilities, grids, norms) to every community's indicators, per scenario.
//   1. buildings → a demand index in EPSG:4548 metres (once; buildings do not move);
//   2. coverage per type and tier (core/domain/coverage) per scenario, cached until facilities change;
//   3. per community: communityIndicators (core/domain/equity) over its buildings' slice of the
//      coverage arrays (buildings are stored community by community, so slices are views),
//      2SFCA per type, the star rating; flattened into one value per indicator code.
// The wall's KPIs and alarms are sums over the same rows.

import type { EquityScenario, IndicatorInfo } from '../../../core/api'
import {
  type CoverageState,
  computeCoverage,
  createDemandIndex,
  type DemandIndex,
  type Facility,
} from '../../../core/domain/coverage'
import {
  type CommunityIndicators,
  type CommunityKind,
  communityIndicators,
  defaultStarRatingSettings,
  type IndicatorSettings,
  type StarRating,
  type StarRatingSettings,
  starRating,
  twoStepFca,
} from '../../../core/domain/equity'
import { normsFromSettings } from '../../../core/domain/settings'
import { toMetric, toMetricBatch } from '../../../core/geo/projection'

export interface EquityCommunity {
  code: string
  name: string
  streetCode: string
  streetName: string
  kind: CommunityKind
  households: number
  residents: number
  workers: number
  labelPoint: [number, number] | null
}

/** Buildings in community order: those of communities[c] are contiguous, communities in array order. */
export interface EquityBuildings {
  lng: Float64Array
  lat: Float64Array
  households: Float64Array
  residents: Float64Array
  community: Int32Array // index into communities
}

export interface EquityFacility {
  id: string
  typeCode: string
  status: 'existing' | 'planned' | 'retired'
  lng: number
  lat: number
  radiusM: number | null
  floorAreaM2: number | null
  capacity: number | null
  communityCode: string | null
}

export interface EquityFacilityType {
  code: string
  nameZh: string
  nameEn: string
  service: string
  tier: string
  defaultRadiusM: number
  floorAreaM2Per100Households: number | null
}

export interface EquityGrid {
  id: number
  code: string
  name: string
  communityCode: string
  streetCode: string
  households: number
  labelPoint: [number, number] | null
}

export interface EquityWorld {
  communities: EquityCommunity[]
  buildings: EquityBuildings
  facilities: EquityFacility[]
  types: EquityFacilityType[]
  grids: EquityGrid[]
  settings: IndicatorSettings
}

export interface CommunityResult {
  community: EquityCommunity
  indicators: CommunityIndicators
  values: Record<string, number | null>
  rating: StarRating
}

/** Coverage summed per community: all the wall needs, cheap to redo after a facility edit. */
export interface CoverageSums {
  scenario: EquityScenario
  coverage: CoverageState
  /** covered households per type (and `tier:<tier>`) per community, in community order */
  coveredHouseholds: Map<string, Float64Array>
  /** households of each community's buildings, in community order */
  households: Float64Array
  computedAt: string
}

export interface ScenarioResult extends CoverageSums {
  rows: CommunityResult[]
  byCode: Map<string, CommunityResult>
}

/** Reads a settings-table record into the indicator norms (missing keys keep the defaults). */
export function indicatorSettingsFrom(settings: Record<string, unknown>): IndicatorSettings {
  const norms = normsFromSettings(settings)
  const floor = norms.floorAreaM2Per100Households
  return {
    floorAreaNormM2Per100Households: { urban: floor, rural: floor },
    minWorkersPer10kResidents: norms.minWorkersPer10k,
    gridHouseholdTarget: norms.targetHouseholds,
    gridHouseholdTolerance: norms.tolerance,
  }
}

/** Types whose floor area counts toward "floor area per 100 households": those with an area norm. */
const hasAreaNorm = (t: EquityFacilityType) => t.floorAreaM2Per100Households !== null

/** The indicator catalogue for a set of facility types, in display order. */
export function indicatorCatalogue(types: readonly EquityFacilityType[], settings: IndicatorSettings): IndicatorInfo[] {
  const list: IndicatorInfo[] = []
  const tiers = [...new Set(types.map((t) => t.tier))]
  const subjects = [...tiers.map((t) => `tier:${t}`), ...types.map((t) => t.code)]
  for (const subject of subjects) {
    list.push({
      code: `coverage_share:${subject}`,
      measure: 'coverage_share',
      subject,
      unit: 'share',
      higherIsBetter: true,
      norm: null,
    })
  }
  for (const subject of subjects) {
    list.push({
      code: `mean_nearest_m:${subject}`,
      measure: 'mean_nearest_m',
      subject,
      unit: 'm',
      higherIsBetter: false,
      norm: null,
    })
    list.push({
      code: `p90_nearest_m:${subject}`,
      measure: 'p90_nearest_m',
      subject,
      unit: 'm',
      higherIsBetter: false,
      norm: null,
    })
  }
  for (const subject of subjects) {
    list.push({
      code: `unreachable_share:${subject}`,
      measure: 'unreachable_share',
      subject,
      unit: 'share',
      higherIsBetter: false,
      norm: null,
    })
  }
  for (const t of types) {
    list.push({
      code: `access_2sfca:${t.code}`,
      measure: 'access_2sfca',
      subject: t.code,
      unit: 'supply_per_1000_residents',
      higherIsBetter: true,
      norm: null,
    })
  }
  list.push(
    {
      code: 'floor_area_m2_per_100_households',
      measure: 'floor_area_m2_per_100_households',
      subject: null,
      unit: 'm2_per_100_households',
      higherIsBetter: true,
      norm: settings.floorAreaNormM2Per100Households.urban,
    },
    {
      code: 'workers_per_10k_residents',
      measure: 'workers_per_10k_residents',
      subject: null,
      unit: 'per_10k_residents',
      higherIsBetter: true,
      norm: settings.minWorkersPer10kResidents,
    },
    {
      code: 'grids_in_band_share',
      measure: 'grids_in_band_share',
      subject: null,
      unit: 'share',
      higherIsBetter: true,
      norm: null,
    },
  )
  return list
}

/** Community start offsets into the building arrays (length communities + 1); checks the order. */
function communityRanges(buildings: EquityBuildings, communityCount: number): Int32Array {
  const start = new Int32Array(communityCount + 1)
  const { community } = buildings
  for (let b = 0; b < community.length; b++) {
    const c = community[b]
    if (c < 0 || c >= communityCount) throw new RangeError(`building ${b} has community index ${c}`)
    if (b > 0 && c < community[b - 1]) throw new RangeError(`buildings are not in community order at ${b}`)
    start[c + 1]++
  }
  for (let c = 0; c < communityCount; c++) start[c + 1] += start[c]
  return start
}

export class EquityModel {
  readonly demand: DemandIndex
  readonly ranges: Int32Array
  private world: EquityWorld
  private readonly results = new Map<EquityScenario, ScenarioResult>()
  private readonly sumsCache = new Map<EquityScenario, CoverageSums>()
  private catalogueCache: IndicatorInfo[] | null = null
  private starSettings: StarRatingSettings

  constructor(world: EquityWorld) {
    this.world = world
    const { buildings } = world
    // 1. demand in metres, once
    const { xMeters, yMeters } = toMetricBatch(buildings.lng, buildings.lat)
    this.demand = createDemandIndex({
      xMeters,
      yMeters,
      households: buildings.households,
      residents: buildings.residents,
      keys: { community: buildings.community },
    })
    this.ranges = communityRanges(buildings, world.communities.length)
    this.starSettings = defaultStarRatingSettings(world.settings)
  }

  get current(): EquityWorld {
    return this.world
  }

  /** Swaps the small tables (communities keep their order; buildings stay). Drops what depends on them. */
  update(next: Partial<Omit<EquityWorld, 'buildings'>>): void {
    if (next.communities && next.communities.length !== this.world.communities.length)
      throw new RangeError('the community list changed size; rebuild the model')
    const facilitiesChanged = next.facilities !== undefined || next.types !== undefined
    this.world = { ...this.world, ...next }
    if (next.settings) this.starSettings = defaultStarRatingSettings(next.settings)
    if (facilitiesChanged || next.settings) this.catalogueCache = null
    // facilities: coverage must be recomputed; grids, workers or norms: only the rows (lazily)
    if (facilitiesChanged) this.sumsCache.clear()
    this.results.clear()
  }

  catalogue(): IndicatorInfo[] {
    this.catalogueCache ??= indicatorCatalogue(this.world.types, this.world.settings)
    return this.catalogueCache
  }

  /** Coverage for a scenario (full recompute). */
  coverage(scenario: EquityScenario): CoverageState {
    const facilities: Facility[] = []
    for (const f of this.world.facilities) {
      const [xMeters, yMeters] = toMetric([f.lng, f.lat])
      facilities.push({
        id: f.id,
        typeId: f.typeCode,
        xMeters,
        yMeters,
        status: f.status,
        radiusMeters: f.radiusM ?? undefined,
      })
    }
    const types = this.world.types.map((t) => ({ id: t.code, tier: t.tier, defaultRadiusMeters: t.defaultRadiusM }))
    return computeCoverage(this.demand, facilities, types, { scenario })
  }

  /** Every community's indicators for a scenario (cached until something changes). */
  result(scenario: EquityScenario): ScenarioResult {
    let r = this.results.get(scenario)
    if (!r) {
      r = this.compute(this.sums(scenario))
      this.results.set(scenario, r)
    }
    return r
  }

  /** Coverage and its per-community sums for a scenario (cached until facilities change). */
  sums(scenario: EquityScenario): CoverageSums {
    let s = this.sumsCache.get(scenario)
    if (!s) {
      s = this.sumCoverage(scenario, this.coverage(scenario))
      this.sumsCache.set(scenario, s)
    }
    return s
  }

  /** Covered households per type and tier per community, from a known coverage. */
  sumCoverage(scenario: EquityScenario, coverage: CoverageState): CoverageSums {
    const { communities } = this.world
    const { households } = this.demand
    const ranges = this.ranges
    const perCommunity = (flags: Uint8Array | null) => {
      const sums = new Float64Array(communities.length)
      for (let c = 0; c < communities.length; c++) {
        let sum = 0
        for (let b = ranges[c]; b < ranges[c + 1]; b++) if (flags === null || flags[b]) sum += households[b]
        sums[c] = sum
      }
      return sums
    }
    const coveredHouseholds = new Map<string, Float64Array>()
    for (const tier of coverage.byTier.values()) coveredHouseholds.set(`tier:${tier.tier}`, perCommunity(tier.covered))
    for (const cov of coverage.byType.values()) coveredHouseholds.set(cov.type.id, perCommunity(cov.covered))
    return {
      scenario,
      coverage,
      coveredHouseholds,
      households: perCommunity(null),
      computedAt: new Date().toISOString(),
    }
  }

  /** Step 3: the indicators of every community from known coverage sums. */
  compute(sums: CoverageSums): ScenarioResult {
    const { scenario, coverage, coveredHouseholds } = sums
    const { communities, types, settings } = this.world
    const { households, residents } = this.demand
    const n = this.demand.count
    const ranges = this.ranges
    // nearest distance per tier: the minimum over the tier's types
    const subjects: { key: string; nearest: Float32Array }[] = []
    for (const tier of coverage.byTier.values()) {
      const nearest = new Float32Array(n).fill(Number.POSITIVE_INFINITY)
      for (const typeId of tier.typeIds) {
        const d = coverage.byType.get(typeId)!.nearestMeters
        for (let b = 0; b < n; b++) if (d[b] < nearest[b]) nearest[b] = d[b]
      }
      subjects.push({ key: `tier:${tier.tier}`, nearest })
    }
    for (const cov of coverage.byType.values()) subjects.push({ key: cov.type.id, nearest: cov.nearestMeters })
    // 2SFCA per type: supply = capacity, else floor area, else 1 per facility; demand = residents
    const access2sfca = new Map<string, Float64Array>()
    const facilityById = new Map(this.world.facilities.map((f) => [f.id, f]))
    const buffer = coverage.buffer
    for (const cov of coverage.byType.values()) {
      const { sites } = cov
      const demandIndex: number[] = []
      const facilityIndex: number[] = []
      const distanceMeters: number[] = []
      const supply = new Float64Array(sites.ids.length)
      for (let s = 0; s < sites.ids.length; s++) {
        if (!sites.alive[s]) continue
        const f = facilityById.get(sites.ids[s])
        supply[s] = f?.capacity ?? f?.floorAreaM2 ?? 1
        const found = this.demand.index.withinInto(sites.xMeters[s], sites.yMeters[s], sites.radiusMeters[s], buffer)
        for (let k = 0; k < found; k++) {
          const b = buffer[k]
          demandIndex.push(b)
          facilityIndex.push(s)
          distanceMeters.push(
            Math.hypot(this.demand.xMeters[b] - sites.xMeters[s], this.demand.yMeters[b] - sites.yMeters[s]),
          )
        }
      }
      const perCommunity = new Float64Array(communities.length)
      if (sites.ids.length > 0) {
        const { accessibility } = twoStepFca({
          pairs: { demandIndex, facilityIndex, distanceMeters },
          population: residents,
          supply,
          catchmentMeters: sites.radiusMeters.map((r) => r + 1e-6),
        })
        for (let c = 0; c < communities.length; c++) {
          let pa = 0
          let p = 0
          for (let b = ranges[c]; b < ranges[c + 1]; b++) {
            pa += residents[b] * accessibility[b]
            p += residents[b]
          }
          perCommunity[c] = p > 0 ? (pa / p) * 1000 : Number.NaN
        }
      } else perCommunity.fill(0)
      access2sfca.set(cov.type.id, perCommunity)
    }
    // service floor area per community: active facilities of types with an area norm
    const normTypes = new Set(types.filter(hasAreaNorm).map((t) => t.code))
    const floorArea = new Map<string, number>()
    for (const f of this.world.facilities) {
      if (!normTypes.has(f.typeCode) || f.communityCode === null) continue
      if (f.status === 'retired' || (f.status === 'planned' && scenario !== 'with-planned')) continue
      floorArea.set(f.communityCode, (floorArea.get(f.communityCode) ?? 0) + (f.floorAreaM2 ?? 0))
    }
    // grid households per community
    const gridHouseholds = new Map<string, number[]>()
    for (const g of this.world.grids) {
      const list = gridHouseholds.get(g.communityCode)
      if (list) list.push(g.households)
      else gridHouseholds.set(g.communityCode, [g.households])
    }
    // per community: the core indicators, 2SFCA, the rating, one flat value per code
    const rows: CommunityResult[] = []
    for (let c = 0; c < communities.length; c++) {
      const community = communities[c]
      const from = ranges[c]
      const to = ranges[c + 1]
      const hh = sums.households[c]
      const access: Record<
        string,
        { coveredHouseholds: number; nearestDistanceMeters: Float32Array; demandHouseholds: Float64Array }
      > = {}
      for (const s of subjects) {
        access[s.key] = {
          coveredHouseholds: coveredHouseholds.get(s.key)![c],
          nearestDistanceMeters: s.nearest.subarray(from, to),
          demandHouseholds: households.subarray(from, to),
        }
      }
      const indicators = communityIndicators(
        {
          code: community.code,
          kind: community.kind,
          households: hh,
          residents: community.residents,
          workers: community.workers,
          serviceFloorAreaM2: floorArea.get(community.code) ?? 0,
          gridHouseholds: gridHouseholds.get(community.code) ?? [],
          access,
        },
        settings,
      )
      const values: Record<string, number | null> = {}
      for (const [key, a] of Object.entries(indicators.access)) {
        values[`coverage_share:${key}`] = a.coveredShare
        values[`mean_nearest_m:${key}`] = a.meanNearestMeters
        values[`p90_nearest_m:${key}`] = a.p90NearestMeters
        values[`unreachable_share:${key}`] = a.unreachableShare
      }
      for (const [key, perCommunity] of access2sfca) {
        const v = perCommunity[c]
        values[`access_2sfca:${key}`] = Number.isFinite(v) ? v : null
      }
      values.floor_area_m2_per_100_households = indicators.floorAreaM2Per100Households
      values.workers_per_10k_residents = indicators.workersPer10kResidents
      values.grids_in_band_share = indicators.gridsInBandShare
      rows.push({ community, indicators, values, rating: starRating(indicators, this.starSettings) })
    }
    return { ...sums, rows, byCode: new Map(rows.map((r) => [r.community.code, r])) }
  }

  starCriteria(kind: CommunityKind) {
    return this.starSettings.criteria[kind]
  }
}
