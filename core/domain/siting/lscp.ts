// Location set covering (LSCP), partial form: the fewest new sites that bring the covered share
// of total demand (fixed facilities included) to a target. Greedy, then dropping redundant sites;
// the lower bound is the best of a submodularity bound on the greedy steps and, with a solver,
// the MILP dual bound (rounded up: site counts are integers), exact when it closes.

import { buildLscpModel } from './coverage-models'
import { type CoverageProblemInput, createCoverageProblem } from './coverage-relation'
import type { LinearSolver } from './linear-model'
import { coveredWeight, coverFlags, orderByMarginal } from './max-cover'
import { type CoverageSitingResult, coverageResult } from './siting-result'

export interface LscpOptions {
  solver?: LinearSolver
  exact?: 'auto' | 'always' | 'never' // default 'auto': MILP when nonzeros <= exactMaxNonzeros
  exactMaxNonzeros?: number // default 200 000
  timeLimitSeconds?: number // default 10
}

/** LSCP to a target share in (0, 1]: `objective` is the number of new sites. */
export function solveLscp(
  input: CoverageProblemInput,
  targetShare: number,
  options: LscpOptions = {},
): CoverageSitingResult {
  const started = performance.now()
  if (!(targetShare > 0 && targetShare <= 1)) throw new Error(`targetShare must be in (0, 1], got ${targetShare}`)
  const p = createCoverageProblem(input)
  // the weight still to cover (a hair of tolerance for floating sums)
  const need = targetShare * p.totalWeight - p.weightBefore - 1e-9 * p.totalWeight
  const all = Array.from({ length: p.candidateCount }, (_, c) => c)
  const reachable = coveredWeight(p, all)
  if (need > reachable)
    throw new Error(
      `targetShare ${targetShare} is unreachable: all ${p.candidateCount} candidates reach ${(p.weightBefore + reachable) / p.totalWeight}`,
    )
  if (need <= 0) return coverageResult(p, { sites: [], marginalWeights: [] }, 0, 0, 'greedy', 'exact', started)
  // greedy until the need is met, tracking a lower bound on the site count
  const covered = Uint8Array.from(p.preCovered)
  const gain = new Float64Array(p.candidateCount)
  for (let c = 0; c < p.candidateCount; c++) {
    for (let t = p.candStart[c]; t < p.candStart[c + 1]; t++)
      if (!covered[p.candItems[t]]) gain[c] += p.weights[p.candItems[t]]
  }
  let sites: number[] = []
  let left = need
  let bound = 1
  while (left > 0) {
    // any solution needs at least as many sites as the largest gains take to cover what is left
    bound = Math.max(bound, sitesToReach(gain, left))
    let best = 0
    for (let c = 1; c < p.candidateCount; c++) if (gain[c] > gain[best]) best = c
    sites.push(best)
    left -= gain[best]
    for (let t = p.candStart[best]; t < p.candStart[best + 1]; t++) {
      const i = p.candItems[t]
      if (covered[i]) continue
      covered[i] = 1
      for (let u = p.demandStart[i]; u < p.demandStart[i + 1]; u++) gain[p.demandItems[u]] -= p.weights[i]
    }
  }
  // drop sites the target does not need, last picked first
  for (let pos = sites.length - 1; pos >= 0; pos--) {
    const without = sites.filter((_, q) => q !== pos)
    if (coveredWeight(p, without) >= need) sites = without
  }
  let boundSource: CoverageSitingResult['boundSource'] = 'greedy'
  let method: CoverageSitingResult['method'] = sites.length <= bound ? 'exact' : 'heuristic'
  const solver = options.solver
  if (solver && method === 'heuristic') {
    const built = buildLscpModel(p, need)
    if (
      options.exact === 'always' ||
      ((options.exact ?? 'auto') === 'auto' && built.nonzeros <= (options.exactMaxNonzeros ?? 200_000))
    ) {
      // exact MILP from the heuristic start
      const start = new Float64Array(built.model.columns.length)
      for (const s of sites) start[s] = 1
      const flags = coverFlags(p, sites)
      built.rowDemand.forEach((i, r) => {
        start[p.candidateCount + r] = flags[i]
      })
      const result = solver.solve(built.model, {
        timeLimitSeconds: options.timeLimitSeconds ?? 10,
        initialSolution: start,
      })
      if (result.values.length > 0) {
        const picked: number[] = []
        for (let c = 0; c < p.candidateCount; c++) if (result.values[c] > 0.5) picked.push(c)
        if (picked.length < sites.length && coveredWeight(p, picked) >= need) sites = picked
      }
      if (Number.isFinite(result.bound)) {
        const milpBound = Math.ceil(result.bound - 1e-6)
        if (milpBound > bound) {
          bound = milpBound
          boundSource = 'milp'
        }
      }
      if (result.status === 'optimal') {
        bound = sites.length
        boundSource = 'milp'
      }
    }
    if (sites.length <= bound) method = 'exact'
  }
  return coverageResult(p, orderByMarginal(p, sites), sites.length, bound, boundSource, method, started)
}

// the fewest of the largest gains whose sum reaches `need`
function sitesToReach(gain: Float64Array, need: number): number {
  const sorted = Float64Array.from(gain).sort().reverse()
  let sum = 0
  for (let q = 0; q < sorted.length; q++) {
    sum += sorted[q]
    if (sum >= need) return q + 1
  }
  return sorted.length
}
