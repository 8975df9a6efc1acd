// The p-median problem as validated typed arrays: weights, an n×m distance matrix and the
// distance to the nearest fixed (existing) facility per demand point.

export interface PMedianInput {
  demandWeights: ArrayLike<number> // n, finite >= 0
  candidateCount: number // m
  distance: Float64Array | ((demand: number, candidate: number) => number) // n×m row-major, or a function
  fixedDistance?: ArrayLike<number> // n: distance to the nearest existing facility (Infinity if none)
}

export interface PMedianProblem {
  n: number
  m: number
  w: Float64Array
  d: Float64Array // n×m
  fixed: Float64Array // n, Infinity where no fixed facility
}

/** Validates the input and materialises the distance matrix. */
export function createPMedianProblem(input: PMedianInput): PMedianProblem {
  const n = input.demandWeights.length
  const m = input.candidateCount
  if (!Number.isInteger(m) || m < 1) throw new Error(`candidateCount must be an integer >= 1, got ${m}`)
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = input.demandWeights[i]
    if (!Number.isFinite(v) || v < 0) throw new Error(`demand weight ${i} is invalid: ${v}`)
    w[i] = v
  }
  let d: Float64Array
  if (typeof input.distance === 'function') {
    d = new Float64Array(n * m)
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) d[i * m + j] = input.distance(i, j)
  } else {
    if (input.distance.length !== n * m)
      throw new Error(`distance has length ${input.distance.length}, expected ${n * m}`)
    d = input.distance
  }
  for (let t = 0; t < d.length; t++) {
    if (!Number.isFinite(d[t]) || d[t] < 0)
      throw new Error(`distance (${Math.floor(t / m)}, ${t % m}) is invalid: ${d[t]}`)
  }
  const fixed = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
  if (input.fixedDistance) {
    if (input.fixedDistance.length !== n)
      throw new Error(`fixedDistance has length ${input.fixedDistance.length}, expected ${n}`)
    for (let i = 0; i < n; i++) {
      const v = input.fixedDistance[i]
      if (Number.isNaN(v) || v < 0) throw new Error(`fixedDistance ${i} is invalid: ${v}`)
      fixed[i] = v
    }
  }
  return { n, m, w, d, fixed }
}

/** Σ w_i · distance to the nearest open site (fixed or chosen); Infinity with nothing open. */
export function totalCost(pr: PMedianProblem, sites: readonly number[]): number {
  let cost = 0
  for (let i = 0; i < pr.n; i++) {
    let best = pr.fixed[i]
    for (const j of sites) best = Math.min(best, pr.d[i * pr.m + j])
    if (pr.w[i] > 0) cost += pr.w[i] * best
  }
  return cost
}
