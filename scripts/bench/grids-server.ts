// Issue 3 benchmark, server side, on the full-scale demo world (a fresh embedded PGlite in memory;
// with DATABASE_URL set, also a scratch database on that PostgreSQL server):
//   1. one unit reassignment saved through POST /api/communities/:code/edits (one transaction:
//      version check, replay, units, grid caches incl. union polygons, integrity report, revision)
//      — p50/p95 over random boundary moves, goal p95 ≤ 40 ms; baselines in the same run: reading the
//      community's grids (GET /api/grids?community=, a floor) and rebuilding every grid cache of the
//      district (what an edit would cost without rebuilding only the changed grids);
//   2. "propose grids" for the demo street nearest 10,000 households, end to end through
//      POST /api/streets/:code/proposals (units + adjacency from PostGIS, cold then cached),
//      goal ≤ 2 s, with its quality beside the greedy-sweep baseline, and "rebalance".
//   npx tsx scripts/bench/grids-server.ts [--moves 200] [--scale 1]
import type { CommunityUnits, EditResult, PlanFigures, Proposal, StreetPage, UnitAdjacency } from '../../core/api'
import { seededRandom } from '../../core/seeded-random'
import { buildApp } from '../../server/app'
import { seedDemoWorld } from '../../server/bootstrap'
import type { DatabaseHandle } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { injectAs } from '../../server/modules/auth/sessions'
import { rebuildGridCaches } from '../../server/modules/grids/grids.repository'
import { median, onBothEngines, percentile, printRow } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const MOVES = arg('--moves', 200)
const SCALE = arg('--scale', 1)
const SEED = 20230101
const ms = (x: number) => `${x.toFixed(1)} ms`

/** Plan figures summed over streets, weighted by their grid counts. */
class Totals {
  grids = 0
  inBand = 0
  absDev = 0
  pp = 0
  minPP = Number.POSITIVE_INFINITY
  split = 0
  moved = 0
  below = 0
  add(f: PlanFigures, grids: Proposal['proposedGrids'] = []) {
    this.grids += f.grids
    this.inBand += f.shareInBand * f.grids
    this.absDev += f.meanAbsDeviation * f.grids
    this.pp += f.meanPolsbyPopper * f.grids
    this.minPP = Math.min(this.minPP, f.minPolsbyPopper)
    this.split += f.disconnectedGrids
    this.moved += f.unitsMoved ?? 0
    this.below += grids.filter((g) => g.belowCurrentShape).length
  }
  describe() {
    const g = Math.max(1, this.grids)
    return `${this.grids} grids, in band ${((100 * this.inBand) / g).toFixed(1)}%, mean |dev| ${(this.absDev / g).toFixed(3)}, mean PP ${(this.pp / g).toFixed(3)}, min PP ${this.minPP.toFixed(3)}, split ${this.split}, units moved ${this.moved}, grids below their current shape ${this.below}`
  }
}

async function bench(label: string, database: DatabaseHandle) {
  const t0 = performance.now()
  await migrate(database.pool)
  await seedDemoWorld(database, { seed: SEED, scale: SCALE })
  console.log(`\n[${label}] full demo world loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent' })
  await injectAs(app, database.db, 'administrator') // every API route needs a signed-in user (ADR 16)
  const get = async <T>(url: string) => (await app.inject({ method: 'GET', url })).json<T>()
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload })

  // ── 2. proposals (first, on the world as generated) for the street nearest 10,000 households ──
  const streets = (await get<StreetPage>('/api/streets?limit=5000')).features.map((f) => f.properties)
  const street = streets.sort((x, y) => Math.abs(x.households - 10000) - Math.abs(y.households - 10000))[0]
  const fig = (f: PlanFigures) =>
    `${f.grids} grids, in band ${(100 * f.shareInBand).toFixed(1)}%, mean |dev| ${f.meanAbsDeviation.toFixed(3)}, mean PP ${f.meanPolsbyPopper.toFixed(3)}, split ${f.disconnectedGrids}`
  for (const [mode, pass] of [
    ['propose', 'cold'],
    ['propose', 'warm'],
    ['rebalance', 'warm'],
  ] as const) {
    const t = performance.now()
    const res = await post(`/api/streets/${street.code}/proposals`, { mode })
    const elapsed = performance.now() - t
    if (res.statusCode !== 200) throw new Error(`proposal failed: ${res.body}`)
    const p = res.json<Proposal>()
    printRow(
      `[${label}] ${mode} for ${street.name} (${street.households} households), ${pass}`,
      ms(elapsed),
      `goal ≤ 2 s; solver ${ms(p.elapsedMs)}`,
      `units moved ${p.proposed.unitsMoved}`,
    )
    if (pass === 'warm' || mode === 'propose') {
      console.log(`      ${mode.padEnd(9)}  ${fig(p.proposed)}`)
      if (mode === 'propose' && pass === 'cold') {
        console.log(`      current    ${fig(p.current)}`)
        console.log(`      greedy     ${fig(p.baseline)}`)
      }
    }
  }
  // ── 2b. the whole district: "propose" for every street, quality summed over all grids ──
  //     beside the current plan, and in the same run the plan from scratch (fresh: true, what
  //     "propose" was before ADR 29) and the shape-guarded rebalance
  const sum = {
    proposed: new Totals(),
    current: new Totals(),
    fresh: new Totals(),
    rebalance: new Totals(),
    baseline: new Totals(),
  }
  const tDistrict = performance.now()
  for (const s of streets) {
    const res = await post(`/api/streets/${s.code}/proposals`, { mode: 'propose' })
    if (res.statusCode !== 200) throw new Error(`proposal for ${s.code} failed: ${res.body}`)
    const p = res.json<Proposal>()
    sum.proposed.add(p.proposed, p.proposedGrids)
    sum.current.add(p.current)
    sum.baseline.add(p.baseline)
  }
  const tPropose = performance.now() - tDistrict
  for (const [key, body] of [
    ['fresh', { mode: 'propose', fresh: true }],
    ['rebalance', { mode: 'rebalance' }],
  ] as const)
    for (const s of streets) {
      const p = (await post(`/api/streets/${s.code}/proposals`, body)).json<Proposal>()
      sum[key].add(p.proposed, p.proposedGrids)
    }
  printRow(
    `[${label}] propose for all ${streets.length} streets (the district)`,
    ms(tPropose),
    `goal: ≥ 95% in band where units allow`,
    `greedy sweep in the same run`,
  )
  for (const [name, t] of Object.entries(sum)) console.log(`      ${name.padEnd(9)}  ${t.describe()}`)

  // ── 1. one unit reassignment, saved ──
  const communities = (
    await get<{ features: { properties: { code: string; gridCount: number } }[] }>('/api/communities?limit=5000')
  ).features
    .map((f) => f.properties)
    .filter((c) => c.gridCount >= 2)
  const random = seededRandom(7)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
  const editMs: number[] = []
  const readMs: number[] = []
  let conserved = true
  for (let i = 0; i < MOVES + 20; i++) {
    const code = pick(communities).code
    const units = await get<CommunityUnits>(`/api/communities/${code}/units`)
    const adjacency = await get<UnitAdjacency>(`/api/communities/${code}/adjacency`)
    const gridOf = new Map(units.units.features.map((f) => [f.id, f.properties.gridId]))
    const boundary = adjacency.pairs.filter(([a, b]) => gridOf.get(a) !== gridOf.get(b))
    if (boundary.length === 0) continue
    const [a, b] = pick(boundary)
    const t = performance.now()
    const res = await post(`/api/communities/${code}/edits`, {
      editVersion: units.community.editVersion,
      author: 'bench',
      reason: 'bench move',
      ops: [{ kind: 'moveUnits', unitIds: [a], toGrid: gridOf.get(b) }],
    })
    const elapsed = performance.now() - t
    if (res.statusCode !== 200) throw new Error(`edit failed: ${res.body}`)
    const result = res.json<EditResult>()
    conserved &&= result.householdsAfter === result.householdsBefore
    // floor: reading the same community's grids
    const tb = performance.now()
    await app.inject({ method: 'GET', url: `/api/grids?community=${code}` })
    const read = performance.now() - tb
    if (i >= 20) {
      editMs.push(elapsed)
      readMs.push(read)
    }
  }
  const rebuildAll: number[] = []
  for (let i = 0; i < 3; i++) {
    const tb = performance.now()
    await rebuildGridCaches(database.db)
    rebuildAll.push(performance.now() - tb)
  }
  printRow(
    `[${label}] unit reassignment saved (totals, polygons, integrity), p50`,
    ms(median(editMs)),
    `${editMs.length} random boundary moves`,
    `floor: GET the community's grids ${ms(median(readMs))}`,
  )
  printRow(
    `[${label}] unit reassignment saved, p95`,
    ms(percentile(editMs, 95)),
    'goal ≤ 40 ms',
    `baseline: rebuild every grid of the district ${ms(median(rebuildAll))}; households conserved: ${conserved ? 'yes' : 'NO'}`,
  )

  await app.close()
}

console.log(
  `Wangge grid editing, server side — demo scale ${SCALE}, seed ${SEED}, ${MOVES} moves, ${new Date().toISOString()}`,
)
await onBothEngines('grids', bench)
