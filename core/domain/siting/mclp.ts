// Maximal covering location (MCLP): choose k new sites to cover the most unserved demand, with
// existing facilities fixed (their demand is pre-covered). Greedy, then 1-swap interchange; the
// bound is the best of the greedy submodularity bound, the LP relaxation and, when small enough,
// an exact MILP solve (HiGHS) started from the heuristic.

import { buildMclpModel } from './coverage-models'
import { assertSiteCount, type CoverageProblemInput, createCoverageProblem } from './coverage-relation'
import type { LinearSolver } from './linear-model'
import { coveredWeight, coverFlags, greedyMaxCover, orderByMarginal, swapImprove, topGainsSum } from './max-cover'
import { type CoverageSitingResult, coverageResult } from './siting-result'

export interface MclpOptions {
  solver?: LinearSolver // enables the LP bound and exact solves
  exact?: 'auto' | 'always' | 'never' // default 'auto': MILP when nonzeros <= exactMaxNonzeros
  exactMaxNonzeros?: number // default 200 000 (after merging identical demand rows)
  lpBound?: boolean // default true when a solver is given and no exact solve ran
  timeLimitSeconds?: number // for the MILP, default 10
  maxSwapPasses?: number // default 100
}

/** The MCLP: `objective` is the newly covered weight. */
export function solveMclp(input: CoverageProblemInput, k: number, options: MclpOptions = {}): CoverageSitingResult {
  const started = performance.now()
  const p = createCoverageProblem(input)
  assertSiteCount(k, p.candidateCount)
  // greedy picks with their submodular upper bound, then interchange
  const greedy = greedyMaxCover(p, k)
  let sites = swapImprove(p, greedy.sites, options.maxSwapPasses ?? 100)
  let objective = coveredWeight(p, sites)
  let bound = Math.min(greedy.bound, objective + topGainsSum(p, sites, k))
  let boundSource: CoverageSitingResult['boundSource'] = 'greedy'
  let method: CoverageSitingResult['method'] = objective >= bound - 1e-9 ? 'exact' : 'heuristic'
  const solver = options.solver
  if (solver && method === 'heuristic') {
    const built = buildMclpModel(p, k)
    const wantExact =
      options.exact === 'always' ||
      ((options.exact ?? 'auto') === 'auto' && built.nonzeros <= (options.exactMaxNonzeros ?? 200_000))
    if (wantExact) {
      // exact MILP from the heuristic start
      const start = new Float64Array(built.model.columns.length)
      for (const s of sites) start[s] = 1
      const covered = coverFlags(p, sites)
      built.rowDemand.forEach((i, r) => {
        start[p.candidateCount + r] = covered[i]
      })
      const result = solver.solve(built.model, {
        timeLimitSeconds: options.timeLimitSeconds ?? 10,
        initialSolution: start,
      })
      if (result.values.length > 0 && result.objective > objective + 1e-9) {
        sites = pickedColumns(result.values, p.candidateCount)
        objective = coveredWeight(p, sites)
      }
      if (Number.isFinite(result.bound) && result.bound < bound) {
        bound = Math.max(result.bound, objective)
        boundSource = 'milp'
      }
      if (result.status === 'optimal') {
        bound = objective
        boundSource = 'milp'
        method = 'exact'
      }
    } else if (options.lpBound ?? true) {
      // the LP relaxation bounds the optimum from above
      const lp = solver.solve(built.model, { relax: true, timeLimitSeconds: options.timeLimitSeconds ?? 10 })
      if (lp.status === 'optimal' && lp.objective < bound) {
        bound = Math.max(lp.objective, objective)
        boundSource = 'lp'
      }
    }
    if (objective >= bound - 1e-9) method = 'exact'
  }
  return coverageResult(p, orderByMarginal(p, sites), objective, bound, boundSource, method, started)
}

// candidates whose binary column is set
function pickedColumns(values: Float64Array, m: number): number[] {
  const sites: number[] = []
  for (let c = 0; c < m; c++) if (values[c] > 0.5) sites.push(c)
  return sites
}
