// Gini coefficient and Lorenz curve, unweighted and weighted.
//
// Conventions (stated once, used everywhere):
// - Values x_i ≥ 0 (a per-capita indicator of group i, e.g. m² per 100 households), weights
//   w_i ≥ 0 (the people the value stands for, e.g. residents). Sort groups by x ascending.
// - Lorenz curve: points (P_k, L_k) with P_k = Σ_{i≤k} w_i / Σ w (cumulative population share)
//   and L_k = Σ_{i≤k} w_i x_i / Σ w x (cumulative value share), starting at (0, 0), ending at (1, 1).
// - Gini = 1 − 2·(area under the Lorenz polygon) = 1 − Σ_k (P_k − P_{k−1})·(L_k + L_{k−1}).
//   With unit weights this is the textbook "population" Gini, no n/(n−1) small-sample correction:
//   G = (2 Σ_k k·x_(k) − (n + 1) Σ x) / (n Σ x), as in R `ineq::Gini` and PySAL `inequality.gini`.
// - Ties do not matter (tied points are collinear on the polygon). If Σ w x = 0 (everyone has
//   zero), the distribution is equal and the Gini is 0. Σ w = 0 is rejected.
import { assertNonNegative, assertNotEmpty, validateWeightedSample } from './validate'

/** [cumulative population share, cumulative value share], both in [0, 1]. */
export type LorenzPoint = [populationShare: number, valueShare: number]

/** Unweighted Gini in [0, 1 − 1/n]. */
export function gini(values: ArrayLike<number>): number {
  assertNotEmpty(values, 'values')
  assertNonNegative(values, 'values')
  // sort a copy once (typed-array sort is numeric)
  const sorted = Float64Array.from(values).sort()
  const n = sorted.length
  // one pass: Σ x and Σ k·x_(k) with 1-based rank k
  let sum = 0
  let rankSum = 0
  for (let k = 0; k < n; k++) {
    sum += sorted[k]
    rankSum += (k + 1) * sorted[k]
  }
  if (sum === 0) return 0
  // closed form of 1 − 2·area for equal weights
  return (2 * rankSum - (n + 1) * sum) / (n * sum)
}

/** Population-weighted Gini: each value stands for `weights[i]` people. */
export function weightedGini(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const { order, totalWeight, totalValue } = prepare(values, weights)
  if (totalValue === 0) return 0
  // one pass over the sorted groups, summing trapezoids under the Lorenz polygon
  let prevL = 0
  let cumValue = 0
  let twiceArea = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    cumValue += weights[i] * values[i]
    const L = cumValue / totalValue
    twiceArea += (weights[i] / totalWeight) * (L + prevL)
    prevL = L
  }
  return 1 - twiceArea
}

/** Lorenz curve points from (0, 0) to (1, 1); `weights` default to 1 each. */
export function lorenzCurve(values: ArrayLike<number>, weights?: ArrayLike<number>): LorenzPoint[] {
  const w = weights ?? new Float64Array(values.length).fill(1)
  const { order, totalWeight, totalValue } = prepare(values, w)
  const points: LorenzPoint[] = [[0, 0]]
  let cumWeight = 0
  let cumValue = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    cumWeight += w[i]
    cumValue += w[i] * values[i]
    // all-zero values: the curve is the equality line
    points.push([cumWeight / totalWeight, totalValue === 0 ? cumWeight / totalWeight : cumValue / totalValue])
  }
  // pin the end to exactly (1, 1) against rounding
  points[points.length - 1] = [1, 1]
  return points
}

// Validate, then sort indices by value once.
function prepare(values: ArrayLike<number>, weights: ArrayLike<number>) {
  const { totalWeight, totalValue } = validateWeightedSample(values, weights)
  const order = new Uint32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => values[a] - values[b])
  return { order, totalWeight, totalValue }
}
