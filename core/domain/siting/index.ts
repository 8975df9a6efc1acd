// Siting: MCLP, LSCP and p-median over plain arrays, with HiGHS bounds and exact solves.
export {
  assertSiteCount,
  type CoverageProblem,
  type CoverageProblemInput,
  coverageWithinRadius,
  createCoverageProblem,
} from './coverage-relation'
export type {
  LinearColumn,
  LinearModel,
  LinearRow,
  LinearSolver,
  SolveOptions,
  SolveResult,
  SolveStatus,
} from './linear-model'
export { toLpText } from './linear-model'
export { type LscpOptions, solveLscp } from './lscp'
export { buildMclpModel, type MclpOptions, solveMclp } from './mclp'
export { floydWarshall, type OrlibPmedInstance, parseOrlibPmed } from './orlib'
export { type PMedianInput, type PMedianOptions, type PMedianResult, solvePMedian } from './p-median'
export type { BoundSource, CoverageSitingResult, SitingMethod, SitingResultBase } from './siting-result'
export { gapPercent } from './siting-result'
export { createHighsSolver, loadSolver } from './solver'
