// Incremental coverage after one facility is added, moved, edited or removed. Cover counts touch
// only the buildings inside the old and the new radius (two kd-tree queries); the nearest
// distance needs one linear pass over the type's Float32 array (a new site may be nearest far
// beyond its radius) plus a grid query for the buildings whose nearest site was the old one.
import type { CoverageState, TypeCoverage } from './compute-coverage'
import { effectiveRadiusMeters, type Facility, isActive } from './facilities'
import { createNearestSiteGrid } from './nearest-site-grid'

export interface CoverageChange {
  touchedBuildings: number // buildings inside the old or new radius
  flippedBuildings: number // buildings whose covered flag for the type changed
}

/** Adds or replaces a facility (a move is a replace with new x/y). */
export function upsertFacility(state: CoverageState, facility: Facility): CoverageChange {
  const radiusMeters = effectiveRadiusMeters(facility, state.types.get(facility.typeId))
  // take the old version out first
  const old = state.slotOf.get(facility.id)
  const change = state.facilities.has(facility.id)
    ? removeFacility(state, facility.id)
    : { touchedBuildings: 0, flippedBuildings: 0 }
  state.facilities.set(facility.id, facility)
  if (!isActive(facility.status, state.scenario)) return change
  const cov = state.byType.get(facility.typeId)!
  const { sites } = cov
  // the old slot when the type is unchanged (no growth on moves), else a new one
  const slot = old && old.typeId === facility.typeId ? old.slot : sites.ids.length
  if (slot === sites.ids.length) {
    sites.ids.push(facility.id)
    sites.xMeters.push(0)
    sites.yMeters.push(0)
    sites.radiusMeters.push(0)
    sites.alive.push(false)
    sites.servedHouseholds.push(0)
  }
  sites.xMeters[slot] = facility.xMeters
  sites.yMeters[slot] = facility.yMeters
  sites.radiusMeters[slot] = radiusMeters
  sites.alive[slot] = true
  state.slotOf.set(facility.id, { typeId: facility.typeId, slot })
  // cover counts inside the new radius
  const { demand, buffer } = state
  const found = demand.index.withinInto(facility.xMeters, facility.yMeters, radiusMeters, buffer)
  let served = 0
  let flipped = 0
  for (let k = 0; k < found; k++) {
    const b = buffer[k]
    served += demand.households[b]
    if (cov.coverCount[b]++ === 0) {
      setCovered(state, cov, b, 1)
      flipped++
    }
  }
  sites.servedHouseholds[slot] = served
  // the new site is nearest wherever it beats the current nearest
  const { nearestMeters, nearestSlot } = cov
  const { xMeters, yMeters } = demand
  const fx = facility.xMeters
  const fy = facility.yMeters
  for (let b = 0; b < demand.count; b++) {
    const dx = xMeters[b] - fx
    const dy = yMeters[b] - fy
    const d = Math.sqrt(dx * dx + dy * dy)
    if (d < nearestMeters[b]) {
      nearestMeters[b] = d
      nearestSlot[b] = slot
    }
  }
  cov.grid = createNearestSiteGrid(sites.xMeters, sites.yMeters, sites.alive)
  return { touchedBuildings: change.touchedBuildings + found, flippedBuildings: change.flippedBuildings + flipped }
}

/** Removes a facility (or takes it out of the scenario); unknown ids are rejected. */
export function removeFacility(state: CoverageState, facilityId: string): CoverageChange {
  if (!state.facilities.has(facilityId)) throw new Error(`unknown facility id: ${facilityId}`)
  state.facilities.delete(facilityId)
  const at = state.slotOf.get(facilityId)
  if (!at) return { touchedBuildings: 0, flippedBuildings: 0 }
  state.slotOf.delete(facilityId)
  const cov = state.byType.get(at.typeId)!
  const { sites } = cov
  const { demand, buffer } = state
  // cover counts inside the old radius
  const found = demand.index.withinInto(
    sites.xMeters[at.slot],
    sites.yMeters[at.slot],
    sites.radiusMeters[at.slot],
    buffer,
  )
  let flipped = 0
  for (let k = 0; k < found; k++) {
    const b = buffer[k]
    if (--cov.coverCount[b] === 0) {
      setCovered(state, cov, b, 0)
      flipped++
    }
  }
  sites.alive[at.slot] = false
  sites.servedHouseholds[at.slot] = 0
  // buildings whose nearest site was this one look up the next nearest
  cov.grid = createNearestSiteGrid(sites.xMeters, sites.yMeters, sites.alive)
  const { nearestMeters, nearestSlot } = cov
  const hit = { slot: -1, distanceMeters: 0 }
  for (let b = 0; b < demand.count; b++) {
    if (nearestSlot[b] !== at.slot) continue
    cov.grid.nearestInto(demand.xMeters[b], demand.yMeters[b], hit)
    nearestSlot[b] = hit.slot
    nearestMeters[b] = hit.distanceMeters
  }
  return { touchedBuildings: found, flippedBuildings: flipped }
}

/** Moves a facility to new metric coordinates, keeping everything else. */
export function moveFacility(
  state: CoverageState,
  facilityId: string,
  xMeters: number,
  yMeters: number,
): CoverageChange {
  const facility = state.facilities.get(facilityId)
  if (!facility) throw new Error(`unknown facility id: ${facilityId}`)
  return upsertFacility(state, { ...facility, xMeters, yMeters })
}

// flips one building's covered flag for a type and keeps the tier union in step
function setCovered(state: CoverageState, cov: TypeCoverage, b: number, value: 0 | 1): void {
  cov.covered[b] = value
  const tier = state.byTier.get(cov.type.tier)!
  if (value === 1) {
    if (tier.coveringTypes[b]++ === 0) tier.covered[b] = 1
  } else if (--tier.coveringTypes[b] === 0) tier.covered[b] = 0
}
