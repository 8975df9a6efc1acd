// Issue 4 benchmark, end to end on the server, on the full-scale demo world: the in-memory
// coverage model built from PostGIS, a facility move through PATCH /api/facilities/:id (the
// transaction, its revision, the incremental coverage update, the event), the figures after it,
// MCLP through the API, and the server's memory with coverage held — each beside a baseline from
// the same run (a PostGIS geography join, the full in-memory recompute).
//   npx tsx scripts/bench/coverage-server.ts [--moves 40]
// On the embedded engine by default (a world generated once under .cache/bench-coverage-server);
// DATABASE_URL=postgres://… uses that database instead (it must hold a loaded world).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createCoverageStore } from '../../core/domain/coverage-store'
import { buildApp } from '../../server/app'
import { bootstrap } from '../../server/bootstrap'
import { injectAs } from '../../server/modules/auth/sessions'
import { readStoreWorld } from '../../server/modules/coverage/coverage.repository'
import { median, percentile, printRow } from './report'

const root = new URL('../../', import.meta.url).pathname
const moves = process.argv.includes('--moves') ? Number(process.argv[process.argv.indexOf('--moves') + 1]) : 40
const dataDir = join(root, '.cache/bench-coverage-server')
const fmt = (v: number, unit = 'ms') => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ${unit}`
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
let peakRss = 0
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}

const fresh = !process.env.DATABASE_URL && !existsSync(dataDir)
if (fresh) console.log('  (generating the full-scale demo world once into .cache/bench-coverage-server …)')
const database = await bootstrap({ databaseUrl: process.env.DATABASE_URL, dataDir, seed: 20230101, scale: 1 })
const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent' })
await app.ready()
await injectAs(app, database.db, 'administrator') // every API route needs a signed-in user (ADR 16)
const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, payload: payload as Record<string, unknown> })
sampleRss()
const rssBefore = process.memoryUsage().rss

// --- building the model ------------------------------------------------------------------------
console.log(`\ncoverage model from PostGIS (${database.kind})`)
let t = performance.now()
await app.coverage.ensure()
const firstBuild = performance.now() - t
sampleRss()
const status = app.coverage.status()
console.log(
  `  ${status.buildings} buildings, ${status.facilities} facilities; read ${fmt(status.loadMillis)}, computed ${fmt(status.computeMillis)}`,
)
const storeWorld = await readStoreWorld(app.db)
const recomputes: number[] = []
for (let r = 0; r < 3; r++) {
  t = performance.now()
  createCoverageStore(storeWorld)
  recomputes.push(performance.now() - t)
}
const fullRecompute = median(recomputes)
// baseline: one type's coverage as a PostGIS join on the geography, grid-outer
t = performance.now()
const { rows: ref } = await sql<{ covered: number }>`
  SELECT coalesce(sum(b.households), 0)::int AS covered FROM buildings b
  WHERE EXISTS (SELECT 1 FROM facilities f JOIN facility_types ft ON ft.code = f.type_code
    WHERE f.type_code = 'community_service_station' AND f.status = 'existing'
    AND ST_DWithin(f.geom::geography, b.geom::geography, coalesce(f.radius_m, ft.default_radius_m)))`.execute(app.db)
const postgisOneType = performance.now() - t
const memSummary = (await inject('GET', '/api/coverage/summary?type=community_service_station')).json()
printRow(
  'full recompute, all 14 types × 2 scenarios (in memory)',
  fmt(fullRecompute),
  'goal ≤ 0.5 s',
  `PostGIS ST_DWithin geography, ONE type: ${fmt(postgisOneType)}`,
)
printRow(
  'first build incl. reading PostGIS (lazy, after listen)',
  fmt(firstBuild),
  'warm start unaffected',
  `same covered households as PostGIS: ${memSummary.totals.covered === ref[0].covered ? 'yes' : `no (${memSummary.totals.covered} vs ${ref[0].covered})`}`,
)

// --- moving one facility, end to end -----------------------------------------------------------
console.log(`\nmove one facility: PATCH /api/facilities/:id (${moves} moves, existing health stations)`)
const { rows: stations } = await sql<{ id: number; lng: number; lat: number }>`
  SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities
  WHERE type_code = 'health_station' AND status = 'existing' ORDER BY id LIMIT ${moves}`.execute(app.db)
const endToEnd: number[] = []
const inMemory: number[] = []
const withFigures: number[] = []
for (const [i, f] of stations.entries()) {
  const current = (await inject('GET', `/api/facilities/${f.id}`)).json()
  const dx = i % 2 ? 0.002 : -0.002
  t = performance.now()
  const res = await inject('PATCH', `/api/facilities/${f.id}`, {
    version: current.properties.version,
    lngLat: [f.lng + dx, f.lat],
    author: 'bench',
    reason: 'benchmark move',
  })
  endToEnd.push(performance.now() - t)
  if (res.statusCode !== 200) throw new Error(`PATCH failed: ${res.body}`)
  inMemory.push(app.coverage.status().lastUpdateMillis ?? Number.NaN)
  t = performance.now()
  await inject('GET', '/api/coverage/summary?type=health_station&scenario=with-planned&level=community')
  withFigures.push(performance.now() - t)
}
sampleRss()
printRow(
  'move: PATCH end to end on the server, p50',
  fmt(median(endToEnd)),
  'goal ≤ 20 ms',
  `full recompute ${fmt(fullRecompute)}`,
)
printRow(
  'move: PATCH end to end on the server, p95',
  fmt(percentile(endToEnd, 95)),
  'goal ≤ 20 ms',
  'incl. transaction + revision',
)
printRow(
  'move: of which the in-memory coverage update (2 scenarios), p50',
  fmt(median(inMemory)),
  '',
  `p95 ${fmt(percentile(inMemory, 95))}`,
)
printRow('then: community figures for the type (GET summary), p50', fmt(median(withFigures)), '', '505 communities')

// --- siting through the API ----------------------------------------------------------------------
console.log('\nsiting through the API: 5 kindergarten sites (300 m) from the 2,666 grid centroids, buildings as demand')
const mclp = async (exact: string) => {
  t = performance.now()
  const r = (await inject('POST', '/api/siting/mclp', { type: 'kindergarten', k: 5, exact })).json()
  return { ms: performance.now() - t, r }
}
await mclp('never') // loads HiGHS once
const heuristic = await mclp('never')
const exact = await mclp('auto')
printRow(
  'MCLP greedy + interchange + LP bound',
  fmt(heuristic.ms),
  'goal ≤ 1 s',
  `gap to LP bound ${Number(heuristic.r.gapPercent).toFixed(3)}% (${heuristic.r.boundSource}), +${heuristic.r.objective} hh`,
)
printRow(
  'MCLP exact (HiGHS MILP from the heuristic)',
  fmt(exact.ms),
  '',
  `${exact.r.method}, +${exact.r.objective} hh, candidates ${exact.r.candidateCount}`,
)
sampleRss()

console.log(
  `\nserver memory: RSS ${mib(process.memoryUsage().rss)} with coverage held (before the model: ${mib(rssBefore)}); peak ${mib(peakRss)}`,
)
await app.close()
await database.close()
