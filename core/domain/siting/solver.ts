// HiGHS (MIT, WebAssembly) behind the LinearSolver interface. Loading the WASM is async, so
// call loadSolver() once at start and pass the solver to the siting functions.
import type { LinearModel, LinearSolver, SolveOptions, SolveResult, SolveStatus } from './linear-model'
import { toLpText } from './linear-model'

// the slice of the highs module this adapter uses
interface HighsModelLike {
  options: { set(values: Record<string, unknown>): void }
  info: { get(name: string): unknown }
  run(): unknown
  getModelStatus(): number
  getObjectiveValue(): number
  getSolution(): { colValue: Float64Array }
  getColName(index: number): string
  setSolution(solution: { colValue: Float64Array } | Float64Array): unknown
  dispose(): void
}
interface HighsLike {
  createModel(source: { format: 'lp'; data: string }): HighsModelLike
  constants: { modelStatus: Record<string, number> }
}

/** Loads HiGHS and returns it as a LinearSolver; browsers pass locateFile for highs.wasm. */
export async function loadSolver(options: { locateFile?: (file: string) => string } = {}): Promise<LinearSolver> {
  const module = await import('highs')
  const highs = (await module.default(options)) as unknown as HighsLike
  return createHighsSolver(highs)
}

/** Wraps an already-loaded highs instance. */
export function createHighsSolver(highs: HighsLike): LinearSolver {
  const codes = highs.constants.modelStatus
  const statusOf = (code: number): SolveStatus =>
    code === codes.optimal
      ? 'optimal'
      : code === codes.timeLimit
        ? 'time-limit'
        : code === codes.infeasible
          ? 'infeasible'
          : code === codes.unbounded
            ? 'unbounded'
            : 'other'

  function solve(model: LinearModel, options: SolveOptions = {}): SolveResult {
    const started = performance.now()
    const integer = !options.relax && model.columns.some((c) => c.integer)
    const m = highs.createModel({ format: 'lp', data: toLpText(model, options.relax) })
    try {
      m.options.set({
        output_flag: false,
        ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
        ...(integer ? { mip_rel_gap: options.relativeGap ?? 0 } : {}),
      })
      // a MIP start, when the caller knows a feasible solution
      if (integer && options.initialSolution) m.setSolution({ colValue: options.initialSolution })
      m.run()
      const status = statusOf(m.getModelStatus())
      const values = status === 'infeasible' || status === 'unbounded' ? new Float64Array(0) : m.getSolution().colValue
      const hasSolution = values.length === model.columns.length && (status === 'optimal' || integer)
      const objective = hasSolution ? m.getObjectiveValue() : Number.NaN
      // the dual bound: HiGHS reports it for a MIP; a solved LP's optimum is its own bound
      let bound = status === 'optimal' ? objective : Number.NaN
      if (integer) {
        const dual = Number(m.info.get('mip_dual_bound'))
        if (Number.isFinite(dual)) bound = dual
      }
      return {
        status,
        objective,
        bound,
        values: hasSolution ? Float64Array.from(values) : new Float64Array(0),
        solveMillis: performance.now() - started,
      }
    } finally {
      m.dispose()
    }
  }
  return { solve }
}
