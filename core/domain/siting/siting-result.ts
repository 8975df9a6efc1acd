// What every siting solver returns, and the gap between a solution and its proven bound.
import type { CoverageProblem } from './coverage-relation'

export type SitingMethod = 'exact' | 'heuristic'
/** Where the bound comes from: submodularity of greedy steps, the LP relaxation, a MILP dual bound, a Lagrangian relaxation. */
export type BoundSource = 'greedy' | 'lp' | 'milp' | 'lagrangian' | 'none'

export interface SitingResultBase {
  sites: number[] // candidate indices, in pick order
  objective: number // the optimised quantity (see each solver)
  bound: number // proven bound on the optimum of `objective` (upper for max, lower for min); NaN if none
  gapPercent: number // 100 * |objective - bound| / |objective|; 0 when proven optimal; NaN without a bound
  method: SitingMethod // 'exact' when the optimum is proven
  boundSource: BoundSource
  solveMillis: number
}

/** Coverage results (MCLP, LSCP): weights are households. */
export interface CoverageSitingResult extends SitingResultBase {
  marginalWeights: number[] // demand newly covered by each site, in pick order
  weightBefore: number // covered by fixed facilities
  weightAfter: number // covered with the new sites
  totalWeight: number
  shareBefore: number
  shareAfter: number
}

/** Relative gap in percent, against the incumbent objective (the HiGHS convention). */
export function gapPercent(objective: number, bound: number): number {
  if (!Number.isFinite(bound)) return Number.NaN
  const diff = Math.abs(objective - bound)
  if (diff <= 1e-9 * Math.max(1, Math.abs(objective))) return 0
  return (100 * diff) / Math.max(Math.abs(objective), 1e-12)
}

/** Assembles a coverage result with marginals in pick order. */
export function coverageResult(
  p: CoverageProblem,
  ordered: { sites: number[]; marginalWeights: number[] },
  objective: number,
  bound: number,
  boundSource: CoverageSitingResult['boundSource'],
  method: CoverageSitingResult['method'],
  started: number,
): CoverageSitingResult {
  const weightAfter = p.weightBefore + ordered.marginalWeights.reduce((a, b) => a + b, 0)
  const share = (w: number) => (p.totalWeight > 0 ? w / p.totalWeight : 0)
  return {
    sites: ordered.sites,
    marginalWeights: ordered.marginalWeights,
    objective,
    bound,
    gapPercent: method === 'exact' ? 0 : gapPercent(objective, bound),
    method,
    boundSource,
    solveMillis: performance.now() - started,
    weightBefore: p.weightBefore,
    weightAfter,
    totalWeight: p.totalWeight,
    shareBefore: share(p.weightBefore),
    shareAfter: share(weightAfter),
  }
}
