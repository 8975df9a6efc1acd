// Issue 3 benchmark: grid editing and grid proposal on synthetic unit graphs (seeded).
//   1. live move diff: a 5,000-household community (~60 units); p50/p95 of the edit's preview
//      and of apply + undo (EditLog: undo rebuilds the session and replays) over 1,000 random
//      boundary moves, against a full re-sum (gridTotals) of the same assignment as the in-run baseline;
//   2. proposal: a 10,000-household street (~150 units, 4 communities, irregular Voronoi lattice);
//      proposeGrids vs greedySweep: share in band, mean |dev|, mean Polsby–Popper, time;
//   3. rebalance after a ±10% random household change per unit: units moved, share in band;
//   4. shape (ADR 29): after household changes, "propose" now (proposePlan: the current grids
//      rebalanced with the shape guard, or afresh where that cannot reach the band) beside the
//      current plan and the former propose-from-scratch and unguarded rebalance, in the same run:
//      band share, mean and min Polsby–Popper, units moved, grids below their current shape.
//   npx tsx scripts/bench/grids.ts [--seed 42]
import { EditLog } from '../../core/domain/grid-editing/edit-log'
import { gridTotals } from '../../core/domain/grids/balance'
import { irregularGraph } from '../../core/domain/grids/fixtures'
import { greedySweep } from '../../core/domain/grids/greedy-sweep'
import { matchedUnitsMoved, type PlanReport, planReport } from '../../core/domain/grids/plan-report'
import { proposeGrids } from '../../core/domain/grids/propose'
import { proposePlan } from '../../core/domain/grids/propose-plan'
import { rebalance } from '../../core/domain/grids/rebalance'
import type { UnitGraph } from '../../core/domain/grids/types'
import { seededRandom } from '../../core/seeded-random'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const seed = arg('--seed', 42)
const settings = { targetHouseholds: 300, tolerance: 0.2 }

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const ms = (x: number) => `${x < 0.1 ? x.toFixed(4) : x.toFixed(2)} ms`
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const fmt = (r: PlanReport) =>
  `grids ${String(r.grids).padStart(3)}  in band ${(100 * r.shareInBand).toFixed(1).padStart(5)}%  mean |dev| ${r.meanAbsDeviation.toFixed(3)}  mean PP ${r.meanPolsbyPopper.toFixed(3)}  min PP ${r.minPolsbyPopper.toFixed(3)}  split grids ${r.disconnectedGrids}`

// ── 1. live move diff ─────────────────────────────────────────────────────
function liveMoves(label: string, community: UnitGraph) {
  const plan = proposeGrids(community, settings)
  const log = new EditLog({ graph: community, assignment: plan, settings })
  const random = seededRandom(seed + 1)
  // 1,000 random boundary moves: a unit to the grid of one of its neighbours
  const moves: { unitIds: string[]; toGrid: number }[] = []
  while (moves.length < 1000) {
    const u = Math.floor(random() * community.ids.length)
    const nbrs = community.adjacency[u].filter((n) => plan[n.unit] !== plan[u])
    if (nbrs.length === 0) continue
    moves.push({ unitIds: [community.ids[u]], toGrid: plan[nbrs[Math.floor(random() * nbrs.length)].unit] })
  }
  const time = (fn: (m: (typeof moves)[0]) => void) => {
    for (const m of moves.slice(0, 200)) fn(m) // warm-up
    const t: number[] = []
    for (const m of moves) {
      const t0 = performance.now()
      fn(m)
      t.push(performance.now() - t0)
    }
    return t.sort((a, b) => a - b)
  }
  const preview = time((m) => log.preview({ kind: 'moveUnits', ...m }))
  const applyUndo = time((m) => {
    log.apply({ kind: 'moveUnits', ...m })
    log.undo()
  })
  const a = log.session.assignment()
  const resum = time(() => gridTotals(community, a, settings))
  console.log(
    `live move diff — ${label}: ${sum(community.households)} households, ${community.ids.length} units, ${new Set(plan).size} grids, 1,000 moves`,
  )
  console.log(`  preview (diff, no state change)  p50 ${ms(pct(preview, 50))}  p95 ${ms(pct(preview, 95))}`)
  console.log(`  apply + undo (rebuild + replay)  p50 ${ms(pct(applyUndo, 50))}  p95 ${ms(pct(applyUndo, 95))}`)
  console.log(
    `  baseline: full re-sum of totals  p50 ${ms(pct(resum, 50))}  p95 ${ms(pct(resum, 95))}  (re-sum / preview at p50: ${(pct(resum, 50) / pct(preview, 50)).toFixed(1)}×; the preview also walks connectivity)`,
  )
}
liveMoves('community', irregularGraph({ cols: 10, rows: 6, households: [40, 126], seed }))
liveMoves('scale check, one graph of 1,200 units', irregularGraph({ cols: 40, rows: 30, households: [40, 126], seed }))

// ── 2. proposal on a street ───────────────────────────────────────────────
{
  const street = irregularGraph({ cols: 15, rows: 10, households: [20, 113], seed, communities: 4 })
  const timed = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now()
    const out = fn()
    return [out, performance.now() - t0]
  }
  const [proposed, tCold] = timed(() => proposeGrids(street, settings))
  const warm = [0, 1, 2].map(() => timed(() => proposeGrids(street, settings))[1]).sort((a, b) => a - b)
  const [greedy, tGreedy] = timed(() => greedySweep(street, settings))
  console.log(
    `\nproposal — street of ${sum(street.households)} households, ${street.ids.length} units, 4 communities (goal ≤ 2 s)`,
  )
  console.log(
    `  proposeGrids  ${fmt(planReport(street, proposed, settings))}  time ${ms(tCold)} cold, ${ms(warm[1])} warm`,
  )
  console.log(`  greedySweep   ${fmt(planReport(street, greedy, settings))}  time ${ms(tGreedy)}`)

  // ── 3. rebalance after household changes ────────────────────────────────
  const random = seededRandom(seed + 2)
  const scenarios: [string, number[]][] = [
    ['±10% random change on every unit', street.households.map((h) => Math.round(h * (0.9 + 0.2 * random())))],
    [
      '10% of units changed ×0.5–2 (new compounds, demolitions)',
      street.households.map((h) => (random() < 0.1 ? Math.round(h * (0.5 + 1.5 * random())) : h)),
    ],
  ]
  for (const [label, households] of scenarios) {
    const changed = { ...street, households }
    const before = planReport(changed, proposed, settings)
    const [rebalanced, tRebalance] = timed(() => rebalance(changed, proposed, settings))
    const after = planReport(changed, rebalanced, settings, proposed)
    const [fresh, tFresh] = timed(() => proposeGrids(changed, settings))
    console.log(`\nrebalance — same street, ${label}`)
    console.log(`  current plan    ${fmt(before)}`)
    console.log(`  rebalance       ${fmt(after)}  units moved ${after.unitsMoved}  time ${ms(tRebalance)}`)
    console.log(
      `  baseline: propose from scratch  ${fmt(planReport(changed, fresh, settings))}  units moved ${matchedUnitsMoved(fresh, proposed)} (grids matched by overlap)  time ${ms(tFresh)}`,
    )
  }
}

// ── 4. shape: proposals against a current plan, after household changes ──
{
  const street = irregularGraph({ cols: 15, rows: 10, households: [20, 113], seed, communities: 4 })
  const current = proposeGrids(street, settings, { seed: 7 })
  const random = seededRandom(seed + 3)
  const changed = { ...street, households: street.households.map((h) => Math.round(h * (0.75 + 0.5 * random()))) }
  const row = (label: string, plan: Int32Array, extra = '') => {
    const r = planReport(changed, plan, settings)
    console.log(
      `  ${label.padEnd(30)} ${fmt(r)}  units moved ${String(matchedUnitsMoved(plan, current)).padStart(3)}${extra}`,
    )
  }
  console.log(`\nshape — same street, ±25% household change per unit, proposals against the current plan`)
  row('current plan', current)
  row('before: propose from scratch', proposeGrids(changed, settings))
  row('before: rebalance, unguarded', rebalance(changed, current, settings, { keepShape: false }))
  const t0 = performance.now()
  const plan = proposePlan(changed, current, settings)
  const t = performance.now() - t0
  row(
    'now: propose (proposePlan)',
    plan.assignment,
    `  below current shape ${plan.grids.filter((g) => g.belowCurrentShape).length}  time ${ms(t)}`,
  )
  row('now: rebalance (guarded)', rebalance(changed, current, settings))
}
