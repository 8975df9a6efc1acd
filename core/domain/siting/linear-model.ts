// A small linear / mixed-integer model as plain data, and its CPLEX LP text. The siting solvers
// build these; any LinearSolver (HiGHS behind solver.ts, or a test double) solves them.

export interface LinearColumn {
  name: string // letters, digits and '_' only; unique
  cost: number
  lower: number
  upper: number // Infinity for none
  integer: boolean
}

export interface LinearRow {
  indices: number[] // column indices
  values: number[]
  lower: number // -Infinity for none
  upper: number // Infinity for none
}

export interface LinearModel {
  sense: 'max' | 'min'
  columns: LinearColumn[]
  rows: LinearRow[]
}

export type SolveStatus = 'optimal' | 'time-limit' | 'infeasible' | 'unbounded' | 'other'

export interface SolveOptions {
  timeLimitSeconds?: number // default: no limit
  relax?: boolean // drop integrality: solve the LP relaxation
  relativeGap?: number // MIP relative gap to stop at, default 0 (prove optimality)
  initialSolution?: Float64Array // column values of a known feasible solution (MIP start)
}

export interface SolveResult {
  status: SolveStatus
  objective: number // NaN when no solution was found
  bound: number // best proven bound on the optimum (dual bound); equals objective for a solved LP
  values: Float64Array // column values in model order, empty when no solution
  solveMillis: number
}

/** The tiny interface the siting algorithms depend on. */
export interface LinearSolver {
  solve(model: LinearModel, options?: SolveOptions): SolveResult
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

function term(value: number, name: string, first: boolean): string {
  const sign = value < 0 ? '-' : first ? '' : '+'
  return `${sign} ${Math.abs(value)} ${name}`
}

// writes a linear expression, 8 terms per line
function expression(names: string[], indices: number[], values: number[]): string {
  const parts: string[] = []
  for (let k = 0; k < indices.length; k++) {
    parts.push(term(values[k], names[indices[k]], k === 0))
    if (k % 8 === 7) parts.push('\n ')
  }
  return parts.join(' ')
}

/** CPLEX LP text; the objective lists every column so HiGHS keeps the model's column order. */
export function toLpText(model: LinearModel, relax = false): string {
  const names = model.columns.map((c) => c.name)
  const seen = new Set<string>()
  for (const name of names) {
    if (!NAME.test(name)) throw new Error(`invalid column name: ${name}`)
    if (seen.has(name)) throw new Error(`duplicate column name: ${name}`)
    seen.add(name)
  }
  const out: string[] = [model.sense === 'max' ? 'Maximize' : 'Minimize']
  // objective over all columns (zeros included) in model order
  const all = names.map((_, i) => i)
  out.push(
    ` obj: ${expression(
      names,
      all,
      model.columns.map((c) => c.cost),
    )}`,
  )
  out.push('Subject To')
  model.rows.forEach((row, r) => {
    if (row.indices.length !== row.values.length)
      throw new Error(`row ${r}: ${row.indices.length} indices vs ${row.values.length} values`)
    const lhs = row.indices.length > 0 ? expression(names, row.indices, row.values) : `0 ${names[0]}`
    // one line for an equality or a one-sided row, two rows for a range
    if (row.lower === row.upper) out.push(` r${r}: ${lhs} = ${row.upper}`)
    else {
      if (row.lower > Number.NEGATIVE_INFINITY) out.push(` r${r}_lo: ${lhs} >= ${row.lower}`)
      if (row.upper < Number.POSITIVE_INFINITY) out.push(` r${r}_up: ${lhs} <= ${row.upper}`)
    }
  })
  out.push('Bounds')
  for (const c of model.columns) {
    const lower = c.lower === Number.NEGATIVE_INFINITY ? '-inf' : `${c.lower}`
    const upper = c.upper === Number.POSITIVE_INFINITY ? '+inf' : `${c.upper}`
    out.push(` ${lower} <= ${c.name} <= ${upper}`)
  }
  const integers = relax ? [] : model.columns.filter((c) => c.integer).map((c) => c.name)
  if (integers.length > 0) {
    out.push('Generals')
    for (let k = 0; k < integers.length; k += 16) out.push(` ${integers.slice(k, k + 16).join(' ')}`)
  }
  out.push('End')
  return out.join('\n')
}
