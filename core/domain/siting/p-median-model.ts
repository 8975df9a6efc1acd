// The p-median as a MILP (strong formulation, z_ij <= x_j) and a MIP start from a heuristic.
import type { LinearModel } from './linear-model'
import type { PMedianProblem } from './p-median-problem'

/** min Σ w d z  s.t. Σ_j z_ij + f_i = 1, z_ij <= x_j, Σ x = p (f_i: served by a fixed facility). */
export function buildPMedianModel(pr: PMedianProblem, p: number): LinearModel {
  const { n, m, w, d, fixed } = pr
  const model: LinearModel = { sense: 'min', columns: [], rows: [] }
  for (let j = 0; j < m; j++) model.columns.push({ name: `x${j}`, cost: 0, lower: 0, upper: 1, integer: true })
  for (let i = 0; i < n; i++) {
    // assignment columns of demand i, and its row
    const assign: number[] = []
    for (let j = 0; j < m; j++) {
      const z = model.columns.length
      model.columns.push({ name: `z${i}_${j}`, cost: w[i] * d[i * m + j], lower: 0, upper: 1, integer: false })
      assign.push(z)
      model.rows.push({ indices: [z, j], values: [1, -1], lower: Number.NEGATIVE_INFINITY, upper: 0 })
    }
    if (Number.isFinite(fixed[i])) {
      assign.push(model.columns.length)
      model.columns.push({ name: `f${i}`, cost: w[i] * fixed[i], lower: 0, upper: 1, integer: false })
    }
    model.rows.push({ indices: assign, values: new Array(assign.length).fill(1), lower: 1, upper: 1 })
  }
  model.rows.push({
    indices: Array.from({ length: m }, (_, j) => j),
    values: new Array(m).fill(1),
    lower: p,
    upper: p,
  })
  return model
}

/** Column values of a heuristic solution, in buildPMedianModel's column order (a MIP start). */
export function pMedianStart(pr: PMedianProblem, sites: readonly number[]): Float64Array {
  const { n, m, d, fixed } = pr
  let columns = m
  for (let i = 0; i < n; i++) columns += m + (Number.isFinite(fixed[i]) ? 1 : 0)
  const start = new Float64Array(columns)
  for (const j of sites) start[j] = 1
  let at = m
  for (let i = 0; i < n; i++) {
    // assign i to its nearest open site, or to its fixed facility when nearer
    let best = -1
    let bestD = fixed[i]
    for (const j of sites) if (d[i * m + j] < bestD) [best, bestD] = [j, d[i * m + j]]
    if (best >= 0) start[at + best] = 1
    at += m
    if (Number.isFinite(fixed[i])) {
      if (best < 0) start[at] = 1
      at++
    }
  }
  return start
}
