// Facility coverage: demand index, full and incremental coverage per facility type, aggregation.
export { aggregateCoverage, type CoverageTotals } from './aggregate-coverage'
export {
  type CoverageOptions,
  type CoverageState,
  computeCoverage,
  type SiteTable,
  servedHouseholds,
  type TierCoverage,
  type TypeCoverage,
  type WalkReach,
} from './compute-coverage'
export {
  createDemandBlocks,
  createDemandIndex,
  type DemandBlocks,
  type DemandIndex,
  type DemandInput,
  type DemandKeys,
} from './demand-index'
export {
  effectiveRadiusMeters,
  type Facility,
  type FacilityStatus,
  type FacilityType,
  indexTypes,
  isActive,
  type Scenario,
} from './facilities'
export { type NaiveTypeCoverage, naiveCoverage } from './naive-coverage'
export { createNearestSiteGrid, type NearestHit, type NearestSiteGrid } from './nearest-site-grid'
export { type CoverageChange, moveFacility, removeFacility, upsertFacility } from './update-coverage'
export { clearWalkCaches, createWalkContext, upsertWalkFacility, type WalkContext, walkCoverage } from './walk-coverage'
