// A lower bound for the p-median by Lagrangian relaxation of the assignment constraints
// (Beasley 1993), optimised by subgradient steps. Needs no solver; valid for any multipliers.
import { type PMedianProblem, totalCost } from './p-median-problem'

export interface LagrangianOptions {
  iterations?: number // default 300
  initialStep?: number // θ, default 2, halved after `patience` iterations without progress
  patience?: number // default 20
}

/**
 * Best L(λ) = Σλ_i + Σ_i min(0, w_i·fixed_i − λ_i) + (sum of the p smallest ρ_j),
 * ρ_j = Σ_i min(0, w_i·d_ij − λ_i). Rounded up when every cost is an integer.
 */
export function lagrangianBound(
  pr: PMedianProblem,
  p: number,
  incumbentSites: readonly number[],
  options: LagrangianOptions = {},
): number {
  const { n, m, w, d, fixed } = pr
  const upper = totalCost(pr, incumbentSites)
  // multipliers start at each point's cost in the incumbent
  const lambda = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let best = fixed[i]
    for (const j of incumbentSites) best = Math.min(best, d[i * m + j])
    lambda[i] = w[i] * best
  }
  const integral = isIntegral(pr)
  const rho = new Float64Array(m)
  const open = new Uint8Array(m)
  const g = new Float64Array(n)
  let best = Number.NEGATIVE_INFINITY
  let theta = options.initialStep ?? 2
  let stall = 0
  for (let it = 0; it < (options.iterations ?? 300); it++) {
    // reduced cost of opening each candidate
    rho.fill(0)
    for (let i = 0; i < n; i++) {
      const row = i * m
      const li = lambda[i]
      const wi = w[i]
      for (let j = 0; j < m; j++) {
        const c = wi * d[row + j] - li
        if (c < 0) rho[j] += c
      }
    }
    // open the p most negative
    open.fill(0)
    const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => rho[a] - rho[b])
    let value = 0
    for (let k = 0; k < p; k++) {
      open[order[k]] = 1
      value += rho[order[k]]
    }
    for (let i = 0; i < n; i++) {
      value += lambda[i]
      if (Number.isFinite(fixed[i])) value += Math.min(0, w[i] * fixed[i] - lambda[i])
    }
    if (value > best + 1e-9) {
      best = value
      stall = 0
    } else if (++stall >= (options.patience ?? 20)) {
      theta /= 2
      stall = 0
    }
    if (theta < 1e-5 || (integral ? Math.ceil(best - 1e-7) : best) >= upper - 1e-9) break
    // subgradient: 1 − the assignments the relaxed solution makes for each point
    let norm = 0
    for (let i = 0; i < n; i++) {
      let assigned = Number.isFinite(fixed[i]) && w[i] * fixed[i] - lambda[i] < 0 ? 1 : 0
      for (let k = 0; k < p; k++) if (w[i] * d[i * m + order[k]] - lambda[i] < 0) assigned++
      g[i] = 1 - assigned
      norm += g[i] * g[i]
    }
    if (norm === 0) break // the relaxed solution is feasible: L is the relaxation's optimum
    const step = (theta * (upper - value)) / norm
    for (let i = 0; i < n; i++) lambda[i] += step * g[i]
  }
  return (integral ? Math.ceil(best - 1e-7) : best) + 0 // + 0 turns -0 into 0
}

// true when every weighted distance is an integer, so the optimum is one too
function isIntegral(pr: PMedianProblem): boolean {
  for (let i = 0; i < pr.n; i++) {
    if (!Number.isInteger(pr.w[i])) return false
    if (Number.isFinite(pr.fixed[i]) && !Number.isInteger(pr.fixed[i])) return false
  }
  for (let t = 0; t < pr.d.length; t++) if (!Number.isInteger(pr.d[t])) return false
  return true
}
