// p-median: choose p new sites minimising total weighted distance from each demand point to its
// nearest open site (fixed existing facilities count as open). Greedy addition, then fast
// vertex substitution (Teitz–Bart with Whitaker's O(n) move evaluation) from the greedy start
// and from seeded random starts; exact via a MILP (HiGHS) for small instances.
import { seededRandom } from '../../seeded-random'
import type { LinearSolver } from './linear-model'
import { lagrangianBound } from './p-median-bound'
import { buildPMedianModel, pMedianStart } from './p-median-model'
import { createPMedianProblem, type PMedianInput, type PMedianProblem, totalCost } from './p-median-problem'
import { gapPercent, type SitingResultBase } from './siting-result'

export type { PMedianInput } from './p-median-problem'

export interface PMedianOptions {
  solver?: LinearSolver
  exact?: 'auto' | 'always' | 'never' // default 'auto': MILP when n·m <= exactMaxPairs
  exactMaxPairs?: number // default 12 000
  timeLimitSeconds?: number // default 10
  restarts?: number // random starts besides the greedy one, default 8
  lagrangianIterations?: number // subgradient steps for the bound when no exact solve proves it, default 300 (0: none)
  seed?: number // for the random starts, default 1
}

export interface PMedianResult extends SitingResultBase {
  // objective: total weighted distance with the new sites (a minimum: bound is a lower bound)
  marginalReductions: number[] // cost reduction brought by each site, in pick order
  costBefore: number // with fixed facilities only (Infinity when there are none)
}

/** Solves the p-median for p new sites. */
export function solvePMedian(input: PMedianInput, p: number, options: PMedianOptions = {}): PMedianResult {
  const started = performance.now()
  const pr = createPMedianProblem(input)
  if (!Number.isInteger(p) || p < 1) throw new Error(`p must be an integer >= 1, got ${p}`)
  if (p > pr.m) throw new Error(`p = ${p} exceeds the number of candidates (${pr.m})`)
  // greedy start, then vertex substitution from it and from random starts
  let sites = vertexSubstitution(pr, greedyAdd(pr, p))
  let objective = totalCost(pr, sites)
  const random = seededRandom(options.seed ?? 1)
  for (let r = 0; r < (options.restarts ?? 8); r++) {
    const candidate = vertexSubstitution(pr, randomSites(pr.m, p, random))
    const cost = totalCost(pr, candidate)
    if (cost < objective - 1e-9) {
      sites = candidate
      objective = cost
    }
  }
  let bound = Number.NaN
  let boundSource: PMedianResult['boundSource'] = 'none'
  let method: PMedianResult['method'] = 'heuristic'
  const solver = options.solver
  const wantExact =
    options.exact === 'always' ||
    ((options.exact ?? 'auto') === 'auto' && pr.n * pr.m <= (options.exactMaxPairs ?? 12_000))
  if (solver && wantExact) {
    // exact MILP from the heuristic start
    const model = buildPMedianModel(pr, p)
    const result = solver.solve(model, {
      timeLimitSeconds: options.timeLimitSeconds ?? 10,
      initialSolution: pMedianStart(pr, sites),
    })
    if (result.values.length > 0) {
      const picked: number[] = []
      for (let j = 0; j < pr.m; j++) if (result.values[j] > 0.5) picked.push(j)
      const cost = totalCost(pr, picked)
      if (picked.length <= p && cost < objective - 1e-9) {
        sites = picked
        objective = cost
      }
    }
    if (Number.isFinite(result.bound)) {
      bound = Math.min(result.bound, objective)
      boundSource = 'milp'
    }
    if (result.status === 'optimal') {
      bound = objective
      method = 'exact'
    }
  }
  // without a proof, a Lagrangian lower bound
  const iterations = options.lagrangianIterations ?? 300
  if (method === 'heuristic' && iterations > 0) {
    const lagrangian = lagrangianBound(pr, p, sites, { iterations })
    if (!(lagrangian <= bound)) {
      bound = Math.min(lagrangian, objective)
      boundSource = 'lagrangian'
    }
    if (bound >= objective - 1e-9) method = 'exact'
  }
  const ordered = orderByReduction(pr, sites)
  return {
    sites: ordered.sites,
    marginalReductions: ordered.reductions,
    objective,
    costBefore: totalCost(pr, []),
    bound,
    gapPercent: method === 'exact' ? 0 : gapPercent(objective, bound),
    method,
    boundSource,
    solveMillis: performance.now() - started,
  }
}

/** Greedy addition: p times, the site that lowers the total cost most. */
function greedyAdd(pr: PMedianProblem, p: number): number[] {
  const { n, m, w, d } = pr
  const near = Float64Array.from(pr.fixed)
  const open = new Uint8Array(m)
  const sites: number[] = []
  for (let step = 0; step < p; step++) {
    let best = -1
    let bestCost = Number.POSITIVE_INFINITY
    for (let j = 0; j < m; j++) {
      if (open[j]) continue
      let cost = 0
      for (let i = 0; i < n; i++) cost += w[i] * Math.min(near[i], d[i * m + j])
      if (cost < bestCost) {
        bestCost = cost
        best = j
      }
    }
    open[best] = 1
    sites.push(best)
    for (let i = 0; i < n; i++) near[i] = Math.min(near[i], d[i * m + best])
  }
  return sites
}

/** Vertex substitution: apply the best (in, out) swap until none lowers the cost. */
function vertexSubstitution(pr: PMedianProblem, initial: number[]): number[] {
  const { n, m, w, d, fixed } = pr
  const sites = initial.slice()
  const p = sites.length
  const open = new Uint8Array(m)
  const d1 = new Float64Array(n) // nearest open distance
  const c1 = new Int32Array(n) // its position in `sites`, -1 for a fixed facility
  const d2 = new Float64Array(n) // second nearest, excluding c1
  const extra = new Float64Array(p)
  for (let iteration = 0; iteration < 10_000; iteration++) {
    // nearest and second nearest open facility per demand point
    open.fill(0)
    for (const j of sites) open[j] = 1
    for (let i = 0; i < n; i++) {
      let b1 = fixed[i]
      let b2 = Number.POSITIVE_INFINITY
      let at = -1
      for (let pos = 0; pos < p; pos++) {
        const v = d[i * m + sites[pos]]
        if (v < b1) {
          b2 = b1
          b1 = v
          at = pos
        } else if (v < b2) b2 = v
      }
      d1[i] = b1
      d2[i] = b2
      c1[i] = at
    }
    // for each site in: the common gain, plus per site out the cost of losing it
    let bestDelta = -1e-9
    let bestIn = -1
    let bestOut = -1
    for (let j = 0; j < m; j++) {
      if (open[j]) continue
      let base = 0
      extra.fill(0)
      for (let i = 0; i < n; i++) {
        const v = d[i * m + j]
        if (v < d1[i]) base += w[i] * (v - d1[i])
        else if (c1[i] >= 0) extra[c1[i]] += w[i] * (Math.min(v, d2[i]) - d1[i])
      }
      for (let pos = 0; pos < p; pos++) {
        const delta = base + extra[pos]
        if (delta < bestDelta) {
          bestDelta = delta
          bestIn = j
          bestOut = pos
        }
      }
    }
    if (bestIn < 0) break
    sites[bestOut] = bestIn
  }
  return sites
}

/** Orders sites by the cost reduction each adds, greedily from the fixed facilities. */
function orderByReduction(pr: PMedianProblem, sites: readonly number[]): { sites: number[]; reductions: number[] } {
  const left = sites.slice()
  const ordered: number[] = []
  const reductions: number[] = []
  let current = totalCost(pr, [])
  while (left.length > 0) {
    let bestPos = 0
    let bestCost = Number.POSITIVE_INFINITY
    left.forEach((_, pos) => {
      const cost = totalCost(pr, [...ordered, left[pos]])
      if (cost < bestCost) {
        bestCost = cost
        bestPos = pos
      }
    })
    ordered.push(left.splice(bestPos, 1)[0])
    reductions.push(current - bestCost) // Infinity for the first site when nothing is fixed
    current = bestCost
  }
  return { sites: ordered, reductions }
}

// p distinct random candidates
function randomSites(m: number, p: number, random: () => number): number[] {
  const pool = Array.from({ length: m }, (_, j) => j)
  for (let k = 0; k < p; k++) {
    const r = k + Math.floor(random() * (m - k))
    ;[pool[k], pool[r]] = [pool[r], pool[k]]
  }
  return pool.slice(0, p)
}
