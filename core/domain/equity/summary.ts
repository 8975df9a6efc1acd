// Descriptive statistics for box plots, unweighted or weighted (e.g. by residents).
//
// Quantile rule (stated once): linear interpolation between order statistics, R's default
// `type = 7` (also numpy's default and Excel's PERCENTILE.INC). For n sorted values x_(1..n),
// the value at probability p sits at 0-based position h = (n − 1)·p, interpolated between
// x_(⌊h⌋) and x_(⌈h⌉). The weighted rule generalises it (the "weighted percentile method" with
// C = 1): the k-th sorted value, with weight w_k and cumulative weight S_k out of S_N, sits at
// p_k = (S_k − w_k) / (S_N − w_k), and quantiles interpolate linearly between neighbours.
// With equal weights p_k = (k − 1)/(n − 1), so unit weights give exactly the unweighted answer.
// Zero-weight values are dropped from weighted quantiles (they stand for nobody).
import { assertNonNegative, assertNotEmpty, assertProbability, assertSameLength } from './validate'

export interface BoxSummary {
  count: number // number of values (not their weight)
  totalWeight: number // Σ w; equals count when unweighted
  min: number
  q1: number
  median: number
  q3: number
  max: number
  mean: number // weighted mean when weighted
  p90: number
}

/** Type-7 quantile of values already sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  assertNotEmpty(sorted, 'sorted')
  assertProbability(p, 'p')
  // position h on the 0-based index scale, then interpolate
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.ceil(h)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Weighted quantile (rule above) of values sorted ascending with their weights in the same order. */
export function weightedQuantileSorted(sorted: ArrayLike<number>, weights: ArrayLike<number>, p: number): number {
  assertNotEmpty(sorted, 'sorted')
  assertSameLength(sorted, 'sorted', weights, 'weights')
  assertProbability(p, 'p')
  // keep only values that carry weight
  const xs: number[] = []
  const ws: number[] = []
  let total = 0
  for (let k = 0; k < sorted.length; k++) {
    if (weights[k] > 0) {
      xs.push(sorted[k])
      ws.push(weights[k])
      total += weights[k]
    }
  }
  if (xs.length === 0) throw new RangeError('weights must not all be 0')
  if (xs.length === 1) return xs[0]
  // walk the plotting positions p_k = (S_k − w_k)/(S_N − w_k) until p is bracketed
  let cum = 0
  let prevPos = 0
  for (let k = 0; k < xs.length; k++) {
    const pos = cum / (total - ws[k])
    cum += ws[k]
    if (pos >= p) {
      if (k === 0 || pos === prevPos) return xs[k]
      // interpolate, clamped to the bracket: a + t·(b − a) can round past b by an ulp
      const value = xs[k - 1] + ((p - prevPos) / (pos - prevPos)) * (xs[k] - xs[k - 1])
      return Math.min(xs[k], Math.max(xs[k - 1], value))
    }
    prevPos = pos
  }
  return xs[xs.length - 1]
}

/** Box-plot summary of `values`, optionally weighted. */
export function summarize(values: ArrayLike<number>, weights?: ArrayLike<number>): BoxSummary {
  assertNotEmpty(values, 'values')
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`values[${i}] must be finite, got ${values[i]}`)
  }
  if (weights === undefined) {
    // unweighted: one typed-array sort, then read the quantiles off
    const sorted = Float64Array.from(values).sort()
    let sum = 0
    for (let k = 0; k < sorted.length; k++) sum += sorted[k]
    const q = (p: number) => quantileSorted(sorted, p)
    return {
      count: sorted.length,
      totalWeight: sorted.length,
      min: sorted[0],
      q1: q(0.25),
      median: q(0.5),
      q3: q(0.75),
      max: sorted[sorted.length - 1],
      mean: sum / sorted.length,
      p90: q(0.9),
    }
  }
  assertSameLength(values, 'values', weights, 'weights')
  assertNonNegative(weights, 'weights')
  // weighted: sort indices once, carry weights along
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b])
  const xs = Float64Array.from(order, (i) => values[i])
  const ws = Float64Array.from(order, (i) => weights[i])
  let totalWeight = 0
  let weightedSum = 0
  for (let k = 0; k < xs.length; k++) {
    totalWeight += ws[k]
    weightedSum += ws[k] * xs[k]
  }
  if (totalWeight === 0) throw new RangeError('weights must not all be 0')
  const q = (p: number) => weightedQuantileSorted(xs, ws, p)
  return {
    count: xs.length,
    totalWeight,
    min: q(0),
    q1: q(0.25),
    median: q(0.5),
    q3: q(0.75),
    max: q(1),
    mean: weightedSum / totalWeight,
    p90: q(0.9),
  }
}
