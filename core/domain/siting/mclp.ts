// Maximal covering location (MCLP): choose k new sites to cover the most unserved demand, with
// existing facilities fixed (their demand is pre-covered). Greedy, then 1-swap interchange; the
// bound is the best of the greedy submodularity bound, the LP relaxation and, when small enough,
// an exact MILP solve (HiGHS) started from the heuristic.
import {
  assertSiteCount,
  type CoverageProblem,
  type CoverageProblemInput,
  createCoverageProblem,
} from './coverage-relation'
import type { LinearModel, LinearSolver } from './linear-model'
import { type CoverageSitingResult, gapPercent } from './siting-result'

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

/** Greedy max cover: k picks of the largest marginal gain, and the best submodular upper bound seen. */
export function greedyMaxCover(p: CoverageProblem, k: number): { sites: number[]; bound: number } {
  const covered = Uint8Array.from(p.preCovered)
  // gain[c] = uncovered weight in c's radius
  const gain = new Float64Array(p.candidateCount)
  for (let c = 0; c < p.candidateCount; c++) {
    for (let t = p.candStart[c]; t < p.candStart[c + 1]; t++)
      if (!covered[p.candItems[t]]) gain[c] += p.weights[p.candItems[t]]
  }
  const sites: number[] = []
  let value = 0
  let bound = Number.POSITIVE_INFINITY
  for (let step = 0; step < k; step++) {
    // OPT <= f(S) + the k largest gains w.r.t. S (submodularity)
    bound = Math.min(bound, value + topK(gain, k))
    let best = -1
    for (let c = 0; c < p.candidateCount; c++) if (gain[c] > 0 && (best < 0 || gain[c] > gain[best])) best = c
    if (best < 0) break // nothing left to cover
    sites.push(best)
    value += gain[best]
    // cover its demand and take that weight out of every other candidate's gain
    for (let t = p.candStart[best]; t < p.candStart[best + 1]; t++) {
      const i = p.candItems[t]
      if (covered[i]) continue
      covered[i] = 1
      for (let u = p.demandStart[i]; u < p.demandStart[i + 1]; u++) gain[p.demandItems[u]] -= p.weights[i]
    }
  }
  bound = Math.min(bound, value + topK(gain, k))
  return { sites, bound }
}

/** 1-swap interchange: exchange a chosen site for an unchosen one while coverage grows. */
export function swapImprove(p: CoverageProblem, initial: number[], maxPasses: number): number[] {
  const sites = initial.slice()
  const k = sites.length
  if (k === 0) return sites
  const chosen = new Uint8Array(p.candidateCount)
  const count = new Int32Array(p.demandCount) // chosen sites covering i
  const ownerSum = new Float64Array(p.demandCount) // sum of covering positions: the owner when count = 1
  const loss = new Float64Array(k)
  const extra = new Float64Array(k)
  for (let pass = 0; pass < maxPasses; pass++) {
    // coverage counts and the weight each chosen site covers alone
    chosen.fill(0)
    count.fill(0)
    ownerSum.fill(0)
    loss.fill(0)
    sites.forEach((s, pos) => {
      chosen[s] = 1
      for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++) {
        count[p.candItems[t]]++
        ownerSum[p.candItems[t]] += pos
      }
    })
    sites.forEach((s, pos) => {
      for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++) {
        const i = p.candItems[t]
        if (count[i] === 1 && !p.preCovered[i]) loss[pos] += p.weights[i]
      }
    })
    // best exchange over all (in, out) pairs
    let bestDelta = 1e-9
    let bestIn = -1
    let bestOut = -1
    for (let c = 0; c < p.candidateCount; c++) {
      if (chosen[c]) continue
      let gain0 = 0
      extra.fill(0)
      for (let t = p.candStart[c]; t < p.candStart[c + 1]; t++) {
        const i = p.candItems[t]
        if (p.preCovered[i]) continue
        if (count[i] === 0) gain0 += p.weights[i]
        else if (count[i] === 1) extra[ownerSum[i]] += p.weights[i]
      }
      for (let pos = 0; pos < k; pos++) {
        const delta = gain0 + extra[pos] - loss[pos]
        if (delta > bestDelta) {
          bestDelta = delta
          bestIn = c
          bestOut = pos
        }
      }
    }
    if (bestIn < 0) break
    sites[bestOut] = bestIn
  }
  return sites
}

/** Total weight newly covered by a set of sites. */
export function coveredWeight(p: CoverageProblem, sites: readonly number[]): number {
  const covered = coverFlags(p, sites)
  let w = 0
  for (let i = 0; i < p.demandCount; i++) if (covered[i] && !p.preCovered[i]) w += p.weights[i]
  return w
}

/** Re-orders sites greedily by marginal gain and returns the marginals (they sum to the objective). */
export function orderByMarginal(
  p: CoverageProblem,
  sites: readonly number[],
): { sites: number[]; marginalWeights: number[] } {
  const covered = Uint8Array.from(p.preCovered)
  const left = sites.slice()
  const ordered: number[] = []
  const marginalWeights: number[] = []
  while (left.length > 0) {
    // the remaining site that adds the most
    let bestPos = 0
    let bestGain = -1
    left.forEach((s, pos) => {
      let g = 0
      for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++)
        if (!covered[p.candItems[t]]) g += p.weights[p.candItems[t]]
      if (g > bestGain) {
        bestGain = g
        bestPos = pos
      }
    })
    const s = left.splice(bestPos, 1)[0]
    for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++) covered[p.candItems[t]] = 1
    ordered.push(s)
    marginalWeights.push(bestGain)
  }
  return { sites: ordered, marginalWeights }
}

/** The MCLP as a MILP over merged demand rows (demand with identical candidate sets summed). */
export function buildMclpModel(
  p: CoverageProblem,
  k: number,
): { model: LinearModel; rowDemand: number[]; nonzeros: number } {
  const m = p.candidateCount
  const model: LinearModel = { sense: 'max', columns: [], rows: [] }
  for (let c = 0; c < m; c++) model.columns.push({ name: `x${c}`, cost: 0, lower: 0, upper: 1, integer: true })
  // merge uncovered demand by its candidate set
  const rowOf = new Map<string, number>()
  const rowDemand: number[] = []
  let nonzeros = m
  for (let i = 0; i < p.demandCount; i++) {
    if (p.preCovered[i] || p.weights[i] === 0 || p.demandStart[i] === p.demandStart[i + 1]) continue
    const cands = p.demandItems.subarray(p.demandStart[i], p.demandStart[i + 1])
    const key = cands.join(',')
    const r = rowOf.get(key)
    if (r !== undefined) {
      model.columns[m + r].cost += p.weights[i]
      continue
    }
    rowOf.set(key, rowDemand.length)
    const y = m + rowDemand.length
    rowDemand.push(i)
    model.columns.push({ name: `y${rowDemand.length - 1}`, cost: p.weights[i], lower: 0, upper: 1, integer: false })
    // y_r <= sum of x over the candidates covering it
    model.rows.push({
      indices: [y, ...cands],
      values: [1, ...Array.from(cands, () => -1)],
      lower: Number.NEGATIVE_INFINITY,
      upper: 0,
    })
    nonzeros += cands.length + 1
  }
  // at most k sites
  model.rows.push({
    indices: Array.from({ length: m }, (_, c) => c),
    values: new Array(m).fill(1),
    lower: Number.NEGATIVE_INFINITY,
    upper: k,
  })
  return { model, rowDemand, nonzeros }
}

/** Demand covered (1) by the fixed facilities or the given sites. */
export function coverFlags(p: CoverageProblem, sites: readonly number[]): Uint8Array {
  const covered = Uint8Array.from(p.preCovered)
  for (const s of sites) for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++) covered[p.candItems[t]] = 1
  return covered
}

// candidates whose binary column is set
function pickedColumns(values: Float64Array, m: number): number[] {
  const sites: number[] = []
  for (let c = 0; c < m; c++) if (values[c] > 0.5) sites.push(c)
  return sites
}

// the k largest positive gains w.r.t. the current set, summed
function topGainsSum(p: CoverageProblem, sites: readonly number[], k: number): number {
  const covered = coverFlags(p, sites)
  const gain = new Float64Array(p.candidateCount)
  for (let c = 0; c < p.candidateCount; c++) {
    for (let t = p.candStart[c]; t < p.candStart[c + 1]; t++)
      if (!covered[p.candItems[t]]) gain[c] += p.weights[p.candItems[t]]
  }
  return topK(gain, k)
}

/** Sum of the k largest values (partial selection, O(n·k) for the small k of siting). */
export function topK(values: Float64Array, k: number): number {
  const best = new Float64Array(k) // descending
  for (let c = 0; c < values.length; c++) {
    const v = values[c]
    if (v <= best[k - 1]) continue
    let pos = k - 1
    while (pos > 0 && best[pos - 1] < v) {
      best[pos] = best[pos - 1]
      pos--
    }
    best[pos] = v
  }
  let sum = 0
  for (let j = 0; j < k; j++) sum += best[j]
  return sum
}
