// One store of coverage state: coverage, equity indicators, siting demand and the wall read it.

export {
  type EquityProperties,
  equityIndicatorProperties,
  equityRows,
  type GapProperties,
  type GapRow,
  gapRows,
  indicatorProperty,
} from './analysis-features'
export { type BarrierOptions, barrierEffect } from './barrier-effect'

export {
  access2sfcaOf,
  type CommunityResult,
  communityResult,
  coveredPerCommunity,
  floorAreaPerCommunity,
  type IndicatorInputs,
  sliceHouseholds,
  tierNearestInto,
} from './community-figures'
export { complianceOf, scenarioOf } from './compliance-of'
export {
  CoverageQueryError,
  type CoverageQueryErrorCode,
  coverageGaps,
  coverageSummary,
  coveredFlags,
  type GapOptions,
  type Subject,
  type SummaryOptions,
  type WorstOptions,
  worstKeys,
} from './coverage-queries'
export {
  applyFacilities,
  applyGrids,
  applySettings,
  attachNetwork,
  type CoverageStore,
  computeIndicators,
  computeScenario,
  createCoverageStore,
  type DistanceMethod,
  defaultMethod,
  SCENARIOS,
  type ScenarioFigures,
  type ScenarioResult,
  type StoreUpdate,
  scenarioResult,
  storeFor,
  toCoreFacility,
  type WalkFigures,
} from './coverage-store'
export { IsochroneError, isochronesOf, lifeCircleBands, MAX_ACCESS_METERS } from './isochrones-of'
export { gridLevelKeys, type Level, type LevelKeys, levelKeysOf } from './level-keys'
export {
  COVERAGE_GAP_SHARE,
  FAR_OUT_OF_BAND_FACTOR,
  WALL_GAP_INDICATOR,
  WALL_KEY_TYPES,
  wallGaps,
  wallKpis,
  wallSnapshotFigures,
} from './wall-kpis'
export {
  communityRanges,
  idOrder,
  type StoreBuildings,
  type StoreCommunity,
  type StoreFacility,
  type StoreFacilityType,
  type StoreGrid,
  type StoreWorld,
} from './world'
