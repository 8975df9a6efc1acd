// Per-community equalization indicators (城乡基本公共服务均等化) from plain inputs.
// Norms come in through `IndicatorSettings` (the `settings` / `facility_types` tables, see
// docs/standards.md); DEFAULT_INDICATOR_SETTINGS mirrors migrations/0002_standards.sql for tests and demos.
// A ratio whose denominator is 0 (a community with no households yet) is `null`: not applicable.
import { DEFAULT_NORMS } from '../settings/norms'
import { summarize } from './summary'
import { assertNonNegative, assertSameLength } from './validate'

export type CommunityKind = 'urban' | 'rural' // 社区 | 村

/** What the coverage module knows about one facility type in one community. */
export interface FacilityAccessInput {
  coveredHouseholds: number // households within the type's service radius
  nearestDistanceMeters: ArrayLike<number> // per demand point (building): to the nearest facility, Infinity if none
  demandHouseholds: ArrayLike<number> // households at each of those demand points (the weights)
}

export interface CommunityInput {
  code: string // 12-digit NBS code
  kind: CommunityKind
  households: number
  residents: number
  workers: number // 社区工作者
  serviceFloorAreaM2: number // floor area of its community service facilities (党群服务中心)
  gridHouseholds: ArrayLike<number> // households of each of its grids
  access: Record<string, FacilityAccessInput> // by facility type code, e.g. 'kindergarten'
}

export interface IndicatorSettings {
  floorAreaNormM2Per100Households: Record<CommunityKind, number> // ≥ this is up to standard
  minWorkersPer10kResidents: number // 每万常住人口社区工作者不少于 …
  gridHouseholdTarget: number // households per grid (~300)
  gridHouseholdTolerance: number // allowed deviation as a share (0.2 → 240–360)
}

/** Defaults from docs/standards.md; a deployment passes its own from the settings table. */
export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  floorAreaNormM2Per100Households: {
    urban: DEFAULT_NORMS.floorAreaM2Per100Households,
    rural: DEFAULT_NORMS.floorAreaM2Per100Households,
  },
  minWorkersPer10kResidents: DEFAULT_NORMS.minWorkersPer10k,
  gridHouseholdTarget: DEFAULT_NORMS.targetHouseholds,
  gridHouseholdTolerance: DEFAULT_NORMS.tolerance,
}

export interface FacilityAccessIndicators {
  coveredShare: number | null // covered households / households
  meanNearestMeters: number | null // household-weighted, over households that have a facility at all
  p90NearestMeters: number | null // same households, quantile rule in summary.ts
  unreachableShare: number | null // households with no facility of the type (distance Infinity) / households
}

export interface CommunityIndicators {
  code: string
  kind: CommunityKind
  households: number
  residents: number
  access: Record<string, FacilityAccessIndicators>
  floorAreaM2Per100Households: number | null
  floorAreaNormM2Per100Households: number
  workersPer10kResidents: number | null
  minWorkersPer10kResidents: number
  gridCount: number
  householdBand: [min: number, max: number] // inclusive
  gridsInBandShare: number | null
}

/** Indicator codes, stable for the UI to label in 中文 and English. */
export type IndicatorCode =
  | `coverage_share:${string}`
  | `mean_nearest_m:${string}`
  | `p90_nearest_m:${string}`
  | `unreachable_share:${string}`
  | 'floor_area_m2_per_100_households'
  | 'workers_per_10k_residents'
  | 'grids_in_band_share'

/** Computes one community's indicators. */
export function communityIndicators(
  input: CommunityInput,
  settings: IndicatorSettings = DEFAULT_INDICATOR_SETTINGS,
): CommunityIndicators {
  const { code, kind, households, residents, workers, serviceFloorAreaM2 } = input
  // reject bad counts up front, naming the community
  assertNonNegative([households], `${code}.households`)
  assertNonNegative([residents], `${code}.residents`)
  assertNonNegative([workers], `${code}.workers`)
  assertNonNegative([serviceFloorAreaM2], `${code}.serviceFloorAreaM2`)
  assertNonNegative(input.gridHouseholds, `${code}.gridHouseholds`)
  if (kind !== 'urban' && kind !== 'rural') throw new RangeError(`${code}.kind must be urban or rural, got ${kind}`)
  // access per facility type: covered share, household-weighted mean and p90 distance
  const access: Record<string, FacilityAccessIndicators> = {}
  for (const [type, a] of Object.entries(input.access)) access[type] = facilityAccess(code, type, households, a)
  // floor area per 100 households and staffing per 10,000 residents
  const floorAreaM2Per100Households = households > 0 ? (serviceFloorAreaM2 / households) * 100 : null
  const workersPer10kResidents = residents > 0 ? (workers / residents) * 10_000 : null
  // share of grids whose households fall inside the band target·(1 ± tolerance)
  const band: [number, number] = [
    settings.gridHouseholdTarget * (1 - settings.gridHouseholdTolerance),
    settings.gridHouseholdTarget * (1 + settings.gridHouseholdTolerance),
  ]
  let inBand = 0
  for (let g = 0; g < input.gridHouseholds.length; g++) {
    const h = input.gridHouseholds[g]
    if (h >= band[0] && h <= band[1]) inBand++
  }
  const gridCount = input.gridHouseholds.length
  return {
    code,
    kind,
    households,
    residents,
    access,
    floorAreaM2Per100Households,
    floorAreaNormM2Per100Households: settings.floorAreaNormM2Per100Households[kind],
    workersPer10kResidents,
    minWorkersPer10kResidents: settings.minWorkersPer10kResidents,
    gridCount,
    householdBand: band,
    gridsInBandShare: gridCount > 0 ? inBand / gridCount : null,
  }
}

/** Reads one indicator by code; null when not applicable or the facility type was not given. */
export function indicatorValue(ind: CommunityIndicators, code: IndicatorCode): number | null {
  const colon = code.indexOf(':')
  if (colon >= 0) {
    const a = ind.access[code.slice(colon + 1)]
    if (a === undefined) return null
    const prefix = code.slice(0, colon)
    if (prefix === 'coverage_share') return a.coveredShare
    if (prefix === 'mean_nearest_m') return a.meanNearestMeters
    if (prefix === 'p90_nearest_m') return a.p90NearestMeters
    if (prefix === 'unreachable_share') return a.unreachableShare
    throw new RangeError(`unknown indicator code: ${code}`)
  }
  if (code === 'floor_area_m2_per_100_households') return ind.floorAreaM2Per100Households
  if (code === 'workers_per_10k_residents') return ind.workersPer10kResidents
  if (code === 'grids_in_band_share') return ind.gridsInBandShare
  throw new RangeError(`unknown indicator code: ${code}`)
}

/** True when a larger value is better (shares, areas, staff); false for distances. */
export function higherIsBetter(code: IndicatorCode): boolean {
  return !(
    code.startsWith('mean_nearest_m:') ||
    code.startsWith('p90_nearest_m:') ||
    code.startsWith('unreachable_share:')
  )
}

function facilityAccess(code: string, type: string, households: number, a: FacilityAccessInput) {
  const name = `${code}.access.${type}`
  assertNonNegative([a.coveredHouseholds], `${name}.coveredHouseholds`)
  if (a.coveredHouseholds > households) {
    throw new RangeError(`${name}.coveredHouseholds (${a.coveredHouseholds}) exceeds households (${households})`)
  }
  assertSameLength(
    a.nearestDistanceMeters,
    `${name}.nearestDistanceMeters`,
    a.demandHouseholds,
    `${name}.demandHouseholds`,
  )
  assertNonNegative(a.demandHouseholds, `${name}.demandHouseholds`)
  // split households into those with some facility (finite distance) and those with none
  const reachDistances: number[] = []
  const reachHouseholds: number[] = []
  let reachable = 0
  let unreachable = 0
  for (let k = 0; k < a.demandHouseholds.length; k++) {
    const d = a.nearestDistanceMeters[k]
    const h = a.demandHouseholds[k]
    if (d === Number.POSITIVE_INFINITY) unreachable += h
    else if (d >= 0) {
      reachDistances.push(d)
      reachHouseholds.push(h)
      reachable += h
    } else throw new RangeError(`${name}.nearestDistanceMeters[${k}] must be >= 0 or Infinity, got ${d}`)
  }
  // household-weighted mean and p90 over the reachable households
  const distances = reachable > 0 ? summarize(reachDistances, reachHouseholds) : null
  const demandTotal = reachable + unreachable
  return {
    coveredShare: households > 0 ? a.coveredHouseholds / households : null,
    meanNearestMeters: distances?.mean ?? null,
    p90NearestMeters: distances?.p90 ?? null,
    unreachableShare: demandTotal > 0 ? unreachable / demandTotal : null,
  }
}
