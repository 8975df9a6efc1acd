// Grid editing and grid proposal: pure functions over plain unit graphs (server and browser).
export { adjacencyFromPolygons, type PolygonOptions, polygonMetrics } from './adjacency'
export {
  bandExcess,
  deviation,
  type GridTotals,
  gridTotals,
  type HouseholdBand,
  householdBand,
  isInBand,
  validateSettings,
} from './balance'
export { gridPolsbyPopper, gridPolsbyPoppers, meanPolsbyPopper, polsbyPopper } from './compactness'
export { allGridPieces, gridPieces, isGridConnected } from './connectivity'
export {
  createsGrid,
  type DrawnOpKind,
  type EditOp,
  gridRefsOf,
  type UnitOp,
  unitIdsOf,
  withGridRefs,
  withUnitIds,
} from './edit-op'
export {
  type AppliedOp,
  EditSession,
  type EditSessionOptions,
  type GridDiff,
  type GridState,
  type SessionChanges,
  type UnitChange,
} from './edit-session'
export { GridError, type GridErrorCode } from './errors'
export { type IrregularOptions, irregularGraph, type LatticeOptions, latticeGraph } from './fixtures'
export { greedySweep } from './greedy-sweep'
export { type IntegrityOptions, type IntegrityReport, integrityReport, type Reconciliation } from './integrity'
export { matchedUnitsMoved, type PlanReport, planReport } from './plan-report'
export { type ProposeOptions, proposeGrids } from './propose'
export { compareShapes, type PlannedGrid, type ProposedPlan, proposePlan } from './propose-plan'
export { type GuardedRebalance, type RebalanceOptions, rebalance, shapeGuardedRebalance } from './rebalance'
export { type SelectionOptions, sideOfLine, unitsInPolygon } from './selection'
export {
  type Assignment,
  DEFAULT_GRID_SETTINGS,
  type GridSettings,
  type LngLat,
  type Neighbor,
  UNASSIGNED,
  type UnitGraph,
} from './types'
