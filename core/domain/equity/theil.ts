// Theil T index (GE(1)) of a per-capita indicator, population-weighted, and its exact
// decomposition into between-group and within-group parts.
//
// Conventions: values x_i ≥ 0 (per-capita indicator of unit i), weights w_i ≥ 0 (its people).
//   μ = Σ w_i x_i / Σ w_i                       population-weighted mean
//   s_i = w_i x_i / Σ w x                        unit i's share of the total "value"
//   T = Σ_i s_i · ln(x_i / μ)                   = Σ_i (w_i/W)·(x_i/μ)·ln(x_i/μ)
// Groups g (urban | rural, streets, …) with s_g = Σ_{i∈g} s_i and group mean μ_g:
//   T_between = Σ_g s_g · ln(μ_g / μ)
//   T_within  = Σ_g s_g · T_g,  T_g the Theil T inside group g
//   T = T_between + T_within   (exact; tested as a property)
// x·ln x → 0 as x → 0, so a unit (or group) with value 0 contributes 0. If every value is 0 the
// distribution is equal and T = 0. Unit weights give the classic unweighted T (PySAL `Theil`).
// Range: 0 (equal) to ln(W / w_min)-ish; for n equal-weight units, at most ln n.
import { assertSameLength, validateWeightedSample } from './validate'

export interface TheilGroup {
  key: string
  count: number // units in the group
  populationShare: number // Σ_{i∈g} w_i / W
  valueShare: number // s_g
  mean: number // μ_g, population-weighted
  theil: number // T_g, inequality inside the group
  betweenTerm: number // s_g · ln(μ_g / μ)
  withinTerm: number // s_g · T_g
}

export interface TheilDecomposition {
  total: number
  between: number
  within: number
  mean: number // μ
  groups: TheilGroup[] // in order of first appearance
}

/** Theil T of `values`, weighted by `weights` (default: 1 each). */
export function theilT(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const w = weights ?? ones(values.length)
  const { totalWeight, totalValue } = validateWeightedSample(values, w)
  if (totalValue === 0) return 0
  const mean = totalValue / totalWeight
  // T = Σ s_i ln(x_i/μ), skipping x_i = 0 or w_i = 0 (their term is 0)
  let t = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (x > 0 && w[i] > 0) t += ((w[i] * x) / totalValue) * Math.log(x / mean)
  }
  return t
}

/** Theil T with its between/within decomposition over `groupKeys[i]` (e.g. 'urban' | 'rural'). */
export function theilDecomposition(
  values: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  groupKeys: ArrayLike<string>,
): TheilDecomposition {
  const w = weights ?? ones(values.length)
  assertSameLength(values, 'values', groupKeys, 'groupKeys')
  const { totalWeight, totalValue } = validateWeightedSample(values, w)
  const mean = totalValue / totalWeight
  // pass 1: per-group weight and value sums
  const index = new Map<string, number>()
  const keys: string[] = []
  const groupOf = new Uint32Array(values.length)
  const gWeight: number[] = []
  const gValue: number[] = []
  const gCount: number[] = []
  for (let i = 0; i < values.length; i++) {
    const key = groupKeys[i]
    let g = index.get(key)
    if (g === undefined) {
      g = keys.length
      index.set(key, g)
      keys.push(key)
      gWeight.push(0)
      gValue.push(0)
      gCount.push(0)
    }
    groupOf[i] = g
    gWeight[g] += w[i]
    gValue[g] += w[i] * values[i]
    gCount[g]++
  }
  // pass 2: within-group Theil sums Σ_{i∈g} (w_i x_i / V_g) ln(x_i / μ_g)
  const gTheil = new Array<number>(keys.length).fill(0)
  for (let i = 0; i < values.length; i++) {
    const g = groupOf[i]
    const x = values[i]
    if (x > 0 && w[i] > 0) {
      const groupMean = gValue[g] / gWeight[g]
      gTheil[g] += ((w[i] * x) / gValue[g]) * Math.log(x / groupMean)
    }
  }
  // combine: between = Σ s_g ln(μ_g/μ), within = Σ s_g T_g
  let between = 0
  let within = 0
  const groups: TheilGroup[] = keys.map((key, g) => {
    const valueShare = totalValue === 0 ? 0 : gValue[g] / totalValue
    const groupMean = gWeight[g] === 0 ? 0 : gValue[g] / gWeight[g]
    const betweenTerm = valueShare === 0 ? 0 : valueShare * Math.log(groupMean / mean)
    const withinTerm = valueShare * gTheil[g]
    between += betweenTerm
    within += withinTerm
    return {
      key,
      count: gCount[g],
      populationShare: gWeight[g] / totalWeight,
      valueShare,
      mean: groupMean,
      theil: gTheil[g],
      betweenTerm,
      withinTerm,
    }
  })
  return { total: between + within, between, within, mean, groups }
}

function ones(n: number): Float64Array {
  return new Float64Array(n).fill(1)
}
