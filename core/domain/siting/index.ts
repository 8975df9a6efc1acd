// Siting: MCLP, LSCP and p-median over plain arrays, with HiGHS bounds and exact solves.

export { buildLscpModel, buildMclpModel } from './coverage-models'
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
export { coveredWeight, coverFlags, greedyMaxCover, orderByMarginal, swapImprove, topK } from './max-cover'
export { type MclpOptions, solveMclp } from './mclp'
export { floydWarshall, type OrlibPmedInstance, parseOrlibPmed } from './orlib'
export { type PMedianOptions, type PMedianResult, solvePMedian } from './p-median'
export { lagrangianBound } from './p-median-bound'
export { buildPMedianModel } from './p-median-model'
export { createPMedianProblem, type PMedianInput, type PMedianProblem, totalCost } from './p-median-problem'
export type { BoundSource, CoverageSitingResult, SitingMethod, SitingResultBase } from './siting-result'
export { coverageResult, gapPercent } from './siting-result'
export { createHighsSolver, loadSolver } from './solver'
