// Issue 11 benchmark: walking distances on the full demo world and its walk network. Each figure
// is printed beside a baseline measured in the same run (one database: a scratch database on
// DATABASE_URL's PostgreSQL server when set — pgRouting runs there — else an in-memory PGlite):
//   1. full walking-coverage recompute, all 14 types, both scenarios (goal ≤ 1 s), beside today's
//      straight-line (radius) recompute and a pgRouting pgr_drivingDistance per type over the same
//      network (nodes within each type's radius of its facilities' access nodes, as-is);
//   2. one facility moved, end to end on the server: PATCH /api/facilities/:id (transaction,
//      revision, both methods' coverage and figures updated) — p50/p95, goal ≤ 30 ms — and the
//      store's own update time;
//   3. an isochrone (5/10/15 min) of a facility, GET /api/coverage/isochrones — goal ≤ 50 ms —
//      beside pgr_drivingDistance 1,000 m from its access node;
//   4. MCLP of 5 kindergartens on walking distances, district-wide (goal ≤ 2 s, gap printed),
//      beside the same on straight-line distances (HiGHS loaded by an untimed first request);
//   5. p-median of 5 kindergartens on walking distances (capped), beside the straight line.
//   npx tsx scripts/bench/network.ts [--moves 40] [--isochrones 40]
import { cpus, loadavg } from 'node:os'
import { sql } from 'kysely'
import pg from 'pg'
import type { SitingResponse } from '../../core/api'
import { clearWalkCaches } from '../../core/domain/coverage'
import { attachNetwork, computeScenario, createCoverageStore, SCENARIOS } from '../../core/domain/coverage-store'
import { toMetric } from '../../core/geo'
import { seededRandom } from '../../core/seeded-random'
import { buildApp } from '../../server/app'
import { seedDemoWorld } from '../../server/bootstrap'
import { type DatabaseHandle, openDatabase } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { injectAs } from '../../server/modules/auth/sessions'
import { readStoreWorld } from '../../server/modules/coverage/coverage.repository'
import { median, percentile, printRow } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const MOVES = arg('--moves', 40)
const ISOCHRONES = arg('--isochrones', 40)
const ms = (x: number) => `${x.toFixed(1)} ms`
const time = async <T>(f: () => T | Promise<T>) => {
  const t = performance.now()
  const value = await f()
  return { value, millis: performance.now() - t }
}

async function bench(label: string, database: DatabaseHandle, pgrouting: boolean) {
  console.log(
    `  load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')} (${cpus().length} cores)`,
  )
  const t0 = performance.now()
  await migrate(database.pool)
  await seedDemoWorld(database, { seed: 20230101, scale: 1 })
  console.log(
    `\n[${label}] full demo world and walk network loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
  const db = database.db
  const world = await readStoreWorld(db)
  const network = world.network!
  console.log(
    `  ${world.buildings.id.length} buildings, ${world.facilities.length} facilities, ${network.nodes.length} nodes, ${network.edges.length} edges`,
  )

  // ── 1. full recomputes ──
  const store = createCoverageStore({ ...world, network: null })
  const radius = median(
    await Promise.all(
      [0, 1, 2].map(async () => (await time(() => SCENARIOS.map((s) => computeScenario(store, s, 'radius')))).millis),
    ),
  )
  const attach = await time(() => attachNetwork(store, network))
  const walkRuns: number[] = []
  for (let i = 0; i < 3; i++) {
    clearWalkCaches(store.walk!.ctx)
    walkRuns.push((await time(() => SCENARIOS.map((s) => computeScenario(store, s, 'walk')))).millis)
  }
  const walk = median(walkRuns)
  let pgr = 'no pgRouting on this engine'
  if (pgrouting) {
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.execute(db)
    const { ctx } = store.walk!
    const g = ctx.graph
    const runs: number[] = []
    for (let rep = 0; rep < 2; rep++) {
      let total = 0
      for (const type of world.types) {
        const starts = world.facilities
          .filter((f) => f.typeCode === type.code && f.status === 'existing')
          .map((f) => ctx.snap(...toMetric([f.lng, f.lat])))
          .filter((a) => a !== null)
          .map((a) => g.nodeIds[g.edgeSource[a.edge]])
        if (starts.length === 0) continue
        const t = await time(() =>
          sql`SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM walk_edges',
            ${sql.raw(`ARRAY[${[...new Set(starts)].join(',')}]::bigint[]`)}, ${type.defaultRadiusM}, false, true)`.execute(
            db,
          ),
        )
        total += t.millis
      }
      runs.push(total)
    }
    pgr = `pgr_drivingDistance, 14 types, as-is: ${ms(median(runs))}`
  }
  printRow(
    'full walking coverage, 14 types × 2 scenarios',
    ms(walk),
    'goal ≤ 1 s',
    `radius recompute ${ms(radius)}; ${pgr}`,
  )
  printRow(
    '  (once per network: CSR graph + 44k buildings snapped + both)',
    ms(attach.millis),
    'at load',
    'not repeated on edits',
  )

  // ── 2. one facility moved, end to end ──
  const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent' })
  await app.ready()
  await injectAs(app, database.db, 'administrator') // every API route needs a signed-in user (ADR 16)
  await app.inject({ method: 'GET', url: '/api/coverage/status?wait=true' })
  const random = seededRandom(11)
  const movable = world.facilities.filter((f) => f.status === 'existing')
  const ends: number[] = []
  const updates: number[] = []
  for (let i = 0; i < MOVES; i++) {
    const f = movable[Math.floor(random() * movable.length)]
    const { rows } = await sql<{ version: number; lng: number; lat: number }>`
      SELECT version, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE id = ${f.id}`.execute(db)
    const r = rows[0]
    const lngLat = [r.lng + (random() - 0.5) * 0.006, r.lat + (random() - 0.5) * 0.004]
    const t = await time(() =>
      app.inject({
        method: 'PATCH',
        url: `/api/facilities/${f.id}`,
        payload: { version: r.version, lngLat, author: 'bench', reason: 'issue 11 bench' },
      }),
    )
    if (t.value.statusCode !== 200) throw new Error(`move failed: ${t.value.body}`)
    ends.push(t.millis)
    const status = (await app.inject({ method: 'GET', url: '/api/coverage/status' })).json<{
      lastUpdateMillis: number
    }>()
    updates.push(status.lastUpdateMillis)
  }
  // the database's share: one round trip (a PATCH makes nine: session, user, begin, lock, place,
  // update, revision, commit, audit)
  const trips: number[] = []
  for (let i = 0; i < 40; i++) trips.push((await time(() => sql`SELECT 1`.execute(db))).millis)
  printRow(
    `one facility moved, PATCH end to end, p50 (${MOVES} moves)`,
    ms(median(ends)),
    'goal ≤ 30 ms',
    `p95 ${ms(percentile(ends, 95))}; full walking recompute ${ms(walk)}; one database round trip p50 ${ms(median(trips))} (9 per PATCH)`,
  )
  printRow(
    '  of which the store update (both methods, both scenarios), p50',
    ms(median(updates)),
    'in the above',
    `p95 ${ms(percentile(updates, 95))}`,
  )

  // ── 3. isochrones ──
  const iso: number[] = []
  const pgrIso: number[] = []
  const { ctx } = store.walk!
  for (let i = 0; i < ISOCHRONES; i++) {
    const f = movable[Math.floor(random() * movable.length)]
    const t = await time(() => app.inject({ method: 'GET', url: `/api/coverage/isochrones?facility=${f.id}` }))
    if (t.value.statusCode !== 200) throw new Error(`isochrone failed: ${t.value.body}`)
    iso.push(t.millis)
    if (pgrouting) {
      const a = ctx.snap(...toMetric([f.lng, f.lat]))!
      const start = ctx.graph.nodeIds[ctx.graph.edgeSource[a.edge]]
      pgrIso.push(
        (
          await time(() =>
            sql`SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM walk_edges', ${start}::bigint, 1000, false)`.execute(
              db,
            ),
          )
        ).millis,
      )
    }
  }
  printRow(
    `isochrone 5/10/15 min of a facility, GET end to end, p50 (${ISOCHRONES})`,
    ms(median(iso)),
    'goal ≤ 50 ms',
    `p95 ${ms(percentile(iso, 95))}; ${pgrouting ? `pgr_drivingDistance 1,000 m alone p50 ${ms(median(pgrIso))}` : 'no pgRouting'}`,
  )

  // ── 4. MCLP on foot ──
  const mclp = async (distanceMethod: 'walk' | 'radius') => {
    const t = await time(() =>
      app.inject({
        method: 'POST',
        url: '/api/siting/mclp',
        payload: { type: 'kindergarten', k: 5, distanceMethod, exact: 'never' },
      }),
    )
    if (t.value.statusCode !== 200) throw new Error(`mclp failed: ${t.value.body}`)
    return { ...t, r: t.value.json<SitingResponse>() }
  }
  // HiGHS is loaded on the first siting request of a process: that request is not timed
  const straight = await mclp('radius')
  const onFootRuns = [await mclp('walk'), await mclp('walk'), await mclp('walk')]
  const onFoot = onFootRuns.sort((a, b) => a.millis - b.millis)[1]
  const straightRuns = [straight, await mclp('radius'), await mclp('radius')].sort((a, b) => a.millis - b.millis)
  const gap = (r: SitingResponse) => (r.gapPercent === null ? 'no bound' : `gap ${r.gapPercent.toFixed(2)}%`)
  printRow(
    'MCLP 5 kindergartens on walking distances, district, end to end, p50 of 3',
    ms(onFoot.millis),
    'goal ≤ 2 s',
    `${gap(onFoot.r)} (bound: ${onFoot.r.boundSource}), +${Math.round(onFoot.r.after.covered - onFoot.r.before.covered)} households; straight line ${ms(straightRuns[1].millis)}, ${gap(straightRuns[1].r)}`,
  )
  // ── 5. p-median on foot (issue 11: it was refused before) ──
  const pmedian = async (distanceMethod: 'walk' | 'radius') => {
    const t = await time(() =>
      app.inject({
        method: 'POST',
        url: '/api/siting/p-median',
        payload: { type: 'kindergarten', k: 5, distanceMethod },
      }),
    )
    if (t.value.statusCode !== 200) throw new Error(`p-median failed: ${t.value.body}`)
    return { ...t, r: t.value.json<SitingResponse>() }
  }
  const pmWalk = await pmedian('walk')
  const pmRadius = await pmedian('radius')
  printRow(
    'p-median 5 kindergartens on walking distances (capped), district, end to end',
    ms(pmWalk.millis),
    'no goal',
    `${gap(pmWalk.r)}, ${pmWalk.r.candidateCount} candidates × ${pmWalk.r.demandCount} areas; straight line ${ms(pmRadius.millis)}, ${gap(pmRadius.r)}`,
  )
  await app.close()
  console.log(
    `  load average at end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  )
}

if (process.env.DATABASE_URL) {
  const name = `wangge_bench_network_${process.pid}`
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString() })
  try {
    await bench('postgres', database, true)
  } finally {
    await database.close()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
} else {
  const database = await openDatabase({ dataDir: 'memory://' })
  try {
    await bench('pglite', database, false)
  } finally {
    await database.close()
  }
}
