// The coverage siting problems as MILPs over merged demand rows: demand points with the same
// set of covering candidates become one row with their summed weight (often far fewer rows).
import type { CoverageProblem } from './coverage-relation'
import type { LinearModel } from './linear-model'

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

/** min Σx s.t. Σ w·y >= need, y_r <= Σ x over the candidates of merged demand row r. */
export function buildLscpModel(
  p: CoverageProblem,
  need: number,
): { model: LinearModel; rowDemand: number[]; nonzeros: number } {
  const m = p.candidateCount
  const model: LinearModel = { sense: 'min', columns: [], rows: [] }
  for (let c = 0; c < m; c++) model.columns.push({ name: `x${c}`, cost: 1, lower: 0, upper: 1, integer: true })
  const rowOf = new Map<string, number>()
  const rowDemand: number[] = []
  const rowWeight: number[] = []
  let nonzeros = 0
  for (let i = 0; i < p.demandCount; i++) {
    if (p.preCovered[i] || p.weights[i] === 0 || p.demandStart[i] === p.demandStart[i + 1]) continue
    const cands = p.demandItems.subarray(p.demandStart[i], p.demandStart[i + 1])
    const key = cands.join(',')
    const r = rowOf.get(key)
    if (r !== undefined) {
      rowWeight[r] += p.weights[i]
      continue
    }
    rowOf.set(key, rowDemand.length)
    const y = m + rowDemand.length
    rowDemand.push(i)
    rowWeight.push(p.weights[i])
    model.columns.push({ name: `y${rowDemand.length - 1}`, cost: 0, lower: 0, upper: 1, integer: false })
    model.rows.push({
      indices: [y, ...cands],
      values: [1, ...Array.from(cands, () => -1)],
      lower: Number.NEGATIVE_INFINITY,
      upper: 0,
    })
    nonzeros += cands.length + 1
  }
  // the covered weight reaches the need
  model.rows.push({
    indices: rowWeight.map((_, r) => m + r),
    values: rowWeight,
    lower: need,
    upper: Number.POSITIVE_INFINITY,
  })
  nonzeros += rowWeight.length
  return { model, rowDemand, nonzeros }
}
