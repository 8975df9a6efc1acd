// What the analysis worker runs (ADR 25): the exact siting solves (heuristic + HiGHS) and grid
// proposals, pure core code on plain inputs the main thread prepared. One message in, one out:
// { id, task, args } → { id, result } or { id, error }. HiGHS is loaded once per worker.
import { parentPort } from 'node:worker_threads'
import {
  type GridSettings,
  greedySweep,
  proposeGrids,
  proposePlan,
  shapeGuardedRebalance,
  type UnitGraph,
} from '../../core/domain/grids'
import {
  type CoverageProblemInput,
  type LinearSolver,
  loadSolver,
  type PMedianInput,
  solveLscp,
  solveMclp,
  solvePMedian,
} from '../../core/domain/siting'

let solver: Promise<LinearSolver> | null = null
const highs = () => {
  solver ??= loadSolver()
  return solver
}

export interface AnalysisTasks {
  mclp: { input: CoverageProblemInput; k: number; timeLimitSeconds: number; exact?: 'auto' | 'never' | 'always' }
  lscp: {
    input: CoverageProblemInput
    targetShare: number
    timeLimitSeconds: number
    exact?: 'auto' | 'never' | 'always'
  }
  pMedian: { input: PMedianInput; k: number; timeLimitSeconds: number; exact?: 'auto' | 'never' | 'always' }
  proposal: {
    graph: UnitGraph
    settings: GridSettings
    mode: 'propose' | 'rebalance'
    current: Int32Array
    seed: number
    /** propose from scratch everywhere, the current grids ignored */
    fresh?: boolean
  }
}

export async function runTask(task: keyof AnalysisTasks, args: AnalysisTasks[keyof AnalysisTasks]): Promise<unknown> {
  switch (task) {
    case 'mclp': {
      const a = args as AnalysisTasks['mclp']
      return solveMclp(a.input, a.k, { solver: await highs(), timeLimitSeconds: a.timeLimitSeconds, exact: a.exact })
    }
    case 'lscp': {
      const a = args as AnalysisTasks['lscp']
      return solveLscp(a.input, a.targetShare, {
        solver: await highs(),
        timeLimitSeconds: a.timeLimitSeconds,
        exact: a.exact,
      })
    }
    case 'pMedian': {
      const a = args as AnalysisTasks['pMedian']
      return solvePMedian(a.input, a.k, {
        solver: await highs(),
        timeLimitSeconds: a.timeLimitSeconds,
        exact: a.exact,
        restarts: 2,
        lagrangianIterations: 100,
      })
    }
    case 'proposal': {
      const a = args as AnalysisTasks['proposal']
      const t0 = performance.now()
      // ADR 29: rebalance keeps shapes; propose keeps the current grids where that reaches the band
      const proposed =
        a.mode === 'rebalance'
          ? shapeGuardedRebalance(a.graph, a.current, a.settings).assignment
          : a.fresh
            ? proposeGrids(a.graph, a.settings, { seed: a.seed })
            : proposePlan(a.graph, a.current, a.settings, { seed: a.seed }).assignment
      const elapsedMs = performance.now() - t0
      return { proposed, elapsedMs, baseline: greedySweep(a.graph, a.settings) }
    }
  }
}

parentPort?.on('message', async (message: { id: number; task: keyof AnalysisTasks; args: never }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: await runTask(message.task, message.args) })
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) })
  }
})
