// Issue 4 benchmark: the p-median solver on Beasley's OR-Library instances (pmed1…), against
// the published optima (pmedopt.txt). Prints the heuristic objective (greedy + vertex
// substitution with restarts), the optimum, the gap, the solver's own Lagrangian lower bound
// with the gap it proves (no optimum needed), and the times; for instances up to
// --exact-max nodes also the exact HiGHS MILP (time, status). Median time of --reps runs.
//   npx tsx scripts/bench/siting-orlib.ts [--from 1] [--to 10] [--reps 3] [--exact-max 100] [--folder DIR]
// pmed1–pmed10 are kept in core/domain/siting/fixtures/orlib; for pmed11–pmed40 name a folder that
// holds all forty OR-Library files with --folder.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { floydWarshall, parseOrlibPmed } from '../../core/domain/siting/orlib'
import { type PMedianResult, solvePMedian } from '../../core/domain/siting/p-median'
import { loadSolver } from '../../core/domain/siting/solver'
import { median } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const from = arg('--from', 1)
const to = arg('--to', 10)
const reps = arg('--reps', 3)
const exactMax = arg('--exact-max', 100)

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const folderArg = process.argv.indexOf('--folder')
const folder =
  folderArg >= 0 ? resolve(process.argv[folderArg + 1]) : resolve(repoRoot, 'core/domain/siting/fixtures/orlib')
const missing = Array.from({ length: to - from + 1 }, (_, i) => `pmed${from + i}.txt`)
  .concat('pmedopt.txt')
  .filter((file) => !existsSync(resolve(folder, file)))
if (missing.length) {
  console.error(`OR-Library files not found in ${folder}: ${missing.join(', ')} (pmed11–40: --folder DIR)`)
  process.exit(1)
}
const optima = new Map<string, number>()
for (const line of readFileSync(resolve(folder, 'pmedopt.txt'), 'utf8').split('\n')) {
  const m = /^(pmed\d+)\s+(\d+)/.exec(line.trim())
  if (m) optima.set(m[1], Number(m[2]))
}

const solver = await loadSolver()
console.log(
  'p-median on OR-Library (greedy + vertex substitution, 8 seeded restarts; LR = Lagrangian bound, 300 steps); exact = HiGHS MILP',
)
console.log(
  `${'instance'.padEnd(9)} ${'n'.padStart(4)} ${'p'.padStart(3)} ${'heuristic'.padStart(9)} ${'optimum'.padStart(8)} ` +
    `${'gap %'.padStart(6)} ${'LR bound'.padStart(8)} ${'proven %'.padStart(8)} ${'APSP ms'.padStart(8)} ` +
    `${'heur ms'.padStart(8)} ${'greedy only'.padStart(11)}   exact MILP`,
)
const gaps: number[] = []
for (let k = from; k <= to; k++) {
  const name = `pmed${k}`
  const inst = parseOrlibPmed(readFileSync(resolve(folder, `${name}.txt`), 'utf8'))
  const optimum = optima.get(name)!
  // all-pairs shortest paths define the distances
  let t = performance.now()
  const distance = floydWarshall(inst.nodeCount, inst.edges)
  const apspMs = performance.now() - t
  const input = { demandWeights: new Float64Array(inst.nodeCount).fill(1), candidateCount: inst.nodeCount, distance }
  const times: number[] = []
  let heuristic: PMedianResult | undefined
  for (let r = 0; r < reps; r++) {
    t = performance.now()
    heuristic = solvePMedian(input, inst.p)
    times.push(performance.now() - t)
  }
  // the baseline: greedy addition with a single descent and no restarts
  const single = solvePMedian(input, inst.p, { restarts: 0, lagrangianIterations: 0 })
  const gap = (100 * (heuristic!.objective - optimum)) / optimum
  gaps.push(gap)
  let exactText = '—'
  if (inst.nodeCount <= exactMax) {
    const exact = solvePMedian(input, inst.p, { solver, exact: 'always', timeLimitSeconds: 60 })
    exactText = `${exact.objective} ${exact.method} in ${exact.solveMillis.toFixed(0)} ms`
  }
  console.log(
    `${name.padEnd(9)} ${String(inst.nodeCount).padStart(4)} ${String(inst.p).padStart(3)} ` +
      `${String(heuristic!.objective).padStart(9)} ${String(optimum).padStart(8)} ${gap.toFixed(2).padStart(6)} ` +
      `${String(heuristic!.bound).padStart(8)} ${heuristic!.gapPercent.toFixed(2).padStart(8)} ` +
      `${apspMs.toFixed(0).padStart(8)} ${median(times).toFixed(0).padStart(8)} ${String(single.objective).padStart(11)}   ${exactText}`,
  )
}
console.log(
  `\nreached the optimum on ${gaps.filter((g) => g === 0).length}/${gaps.length}; worst gap ${Math.max(...gaps).toFixed(2)} %, mean ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(3)} %`,
)
