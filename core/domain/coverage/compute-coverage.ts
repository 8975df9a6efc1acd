// Coverage of the demand by each facility type: per building, how many facilities of the type
// reach it (distance <= that facility's own radius) and how far the nearest one is; per facility,
// the households inside its radius. Tiers never substitute: coverage is per type, and the tier
// union only ORs the types of one tier.
import type { NearestField } from '../../network'
import type { DemandIndex } from './demand-index'
import {
  effectiveRadiusMeters,
  type Facility,
  type FacilityType,
  indexTypes,
  isActive,
  type Scenario,
} from './facilities'
import { createNearestSiteGrid, type NearestSiteGrid } from './nearest-site-grid'

/** Facility slots of one type; a slot keeps its index for life, removal clears `alive`. */
export interface SiteTable {
  ids: string[]
  xMeters: number[]
  yMeters: number[]
  radiusMeters: number[]
  alive: boolean[]
  servedHouseholds: number[] // households of the buildings within the radius (overlaps counted per site)
}

export interface TypeCoverage {
  type: FacilityType
  coverCount: Uint16Array // active sites of this type reaching each building
  covered: Uint8Array // 1 when coverCount > 0
  nearestMeters: Float32Array // distance to the nearest active site, Infinity if none
  nearestSlot: Int32Array // its slot, -1 if none
  sites: SiteTable
  grid: NearestSiteGrid
  /** walking coverage only: per slot, the buildings within its radius along the network and their distances */
  reach?: WalkReach[]
  /** walking coverage only: each node's walking distance to the nearest active site, kept up to date */
  field?: NearestField
}

/** Buildings (indices, ascending) a facility reaches within its radius, with their distances in metres. */
export interface WalkReach {
  points: Int32Array
  meters: Float64Array
}

export interface TierCoverage {
  tier: string
  typeIds: string[]
  coveringTypes: Uint16Array // types of this tier covering each building
  covered: Uint8Array // 1 when any type of the tier covers the building
}

export interface CoverageState {
  demand: DemandIndex
  scenario: Scenario
  types: Map<string, FacilityType>
  byType: Map<string, TypeCoverage>
  byTier: Map<string, TierCoverage>
  facilities: Map<string, Facility> // every facility given, active or not, by id
  slotOf: Map<string, { typeId: string; slot: number }> // active facilities only
  buffer: Int32Array // scratch for radius queries
}

export interface CoverageOptions {
  scenario?: Scenario // default 'as-is'
}

/** Full recompute for every type. */
export function computeCoverage(
  demand: DemandIndex,
  facilities: readonly Facility[],
  types: readonly FacilityType[],
  options: CoverageOptions = {},
): CoverageState {
  const scenario = options.scenario ?? 'as-is'
  if (scenario !== 'as-is' && scenario !== 'with-planned') throw new Error(`unknown scenario: ${scenario}`)
  const typeById = indexTypes(types)
  const n = demand.count
  const state: CoverageState = {
    demand,
    scenario,
    types: typeById,
    byType: new Map(),
    byTier: new Map(),
    facilities: new Map(),
    slotOf: new Map(),
    buffer: new Int32Array(Math.max(n, 1)),
  }
  // empty per-type and per-tier arrays
  for (const type of types) {
    state.byType.set(type.id, {
      type,
      coverCount: new Uint16Array(n),
      covered: new Uint8Array(n),
      nearestMeters: new Float32Array(n).fill(Number.POSITIVE_INFINITY),
      nearestSlot: new Int32Array(n).fill(-1),
      sites: { ids: [], xMeters: [], yMeters: [], radiusMeters: [], alive: [], servedHouseholds: [] },
      grid: createNearestSiteGrid([], [], []),
    })
    const tier = state.byTier.get(type.tier)
    if (tier) tier.typeIds.push(type.id)
    else
      state.byTier.set(type.tier, {
        tier: type.tier,
        typeIds: [type.id],
        coveringTypes: new Uint16Array(n),
        covered: new Uint8Array(n),
      })
  }
  // validate every facility and give the active ones a slot of their type
  for (const facility of facilities) {
    if (state.facilities.has(facility.id)) throw new Error(`duplicate facility id: ${facility.id}`)
    const radiusMeters = effectiveRadiusMeters(facility, typeById.get(facility.typeId))
    state.facilities.set(facility.id, facility)
    if (!isActive(facility.status, scenario)) continue
    const sites = state.byType.get(facility.typeId)!.sites
    state.slotOf.set(facility.id, { typeId: facility.typeId, slot: sites.ids.length })
    sites.ids.push(facility.id)
    sites.xMeters.push(facility.xMeters)
    sites.yMeters.push(facility.yMeters)
    sites.radiusMeters.push(radiusMeters)
    sites.alive.push(true)
    sites.servedHouseholds.push(0)
  }
  for (const cov of state.byType.values()) {
    const { sites } = cov
    // radius query per site: count coverage and the households it serves
    for (let s = 0; s < sites.ids.length; s++) {
      const found = demand.index.withinInto(sites.xMeters[s], sites.yMeters[s], sites.radiusMeters[s], state.buffer)
      let served = 0
      for (let k = 0; k < found; k++) {
        const b = state.buffer[k]
        cov.coverCount[b]++
        served += demand.households[b]
      }
      sites.servedHouseholds[s] = served
    }
    for (let b = 0; b < n; b++) cov.covered[b] = cov.coverCount[b] > 0 ? 1 : 0
    // nearest site per building from the bucket grid
    cov.grid = createNearestSiteGrid(sites.xMeters, sites.yMeters, sites.alive)
    if (sites.ids.length > 0) nearestByBlocks(demand, cov)
    // the tier union counts covering types
    const tier = state.byTier.get(cov.type.tier)!
    for (let b = 0; b < n; b++) tier.coveringTypes[b] += cov.covered[b]
  }
  for (const tier of state.byTier.values()) {
    for (let b = 0; b < n; b++) tier.covered[b] = tier.coveringTypes[b] > 0 ? 1 : 0
  }
  return state
}

/**
 * Nearest site for every building, a block of nearby buildings at a time: the site nearest to
 * the block centre c (distance d0) bounds every member's nearest distance by d0 + h (h: half
 * diagonal), so only sites within d0 + 2h of c can be nearest to any member.
 */
function nearestByBlocks(demand: DemandIndex, cov: TypeCoverage): void {
  const { blocks, xMeters, yMeters } = demand
  const { sites, nearestMeters, nearestSlot } = cov
  const hit = { slot: -1, distanceMeters: 0 }
  const candidates = new Int32Array(sites.ids.length)
  const blockCount = blocks.start.length - 1
  for (let k = 0; k < blockCount; k++) {
    // the block's centre, half diagonal and the sites that may be nearest to a member
    const cx = (blocks.minX[k] + blocks.maxX[k]) / 2
    const cy = (blocks.minY[k] + blocks.maxY[k]) / 2
    const h = Math.hypot(blocks.maxX[k] - blocks.minX[k], blocks.maxY[k] - blocks.minY[k]) / 2
    cov.grid.nearestInto(cx, cy, hit)
    const found = cov.grid.withinInto(cx, cy, hit.distanceMeters + 2 * h + 1e-6, candidates)
    // each member against those candidates (ties go to the lower slot, as in the grid search)
    for (let t = blocks.start[k]; t < blocks.start[k + 1]; t++) {
      const b = blocks.order[t]
      const x = xMeters[b]
      const y = yMeters[b]
      let best2 = Number.POSITIVE_INFINITY
      let bestSlot = -1
      for (let q = 0; q < found; q++) {
        const s = candidates[q]
        const dx = sites.xMeters[s] - x
        const dy = sites.yMeters[s] - y
        const d2 = dx * dx + dy * dy
        if (d2 < best2 || (d2 === best2 && s < bestSlot)) {
          best2 = d2
          bestSlot = s
        }
      }
      nearestSlot[b] = bestSlot
      nearestMeters[b] = Math.sqrt(best2)
    }
  }
}

/** Households within the radius of one active facility, or 0 when it is inactive. */
export function servedHouseholds(state: CoverageState, facilityId: string): number {
  const at = state.slotOf.get(facilityId)
  if (!at) return 0
  return state.byType.get(at.typeId)!.sites.servedHouseholds[at.slot]
}
