// Max-cover building blocks shared by MCLP and LSCP: greedy with incremental gains, 1-swap
// interchange, marginals in pick order, and the submodularity bounds.
import type { CoverageProblem } from './coverage-relation'

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

/** Demand covered (1) by the fixed facilities or the given sites. */
export function coverFlags(p: CoverageProblem, sites: readonly number[]): Uint8Array {
  const covered = Uint8Array.from(p.preCovered)
  for (const s of sites) for (let t = p.candStart[s]; t < p.candStart[s + 1]; t++) covered[p.candItems[t]] = 1
  return covered
}

/** The k largest positive gains w.r.t. the current set, summed. */
export function topGainsSum(p: CoverageProblem, sites: readonly number[], k: number): number {
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
