// Issue 12 benchmark: the Tianjin-wide world (16 districts) beside Binhai, on the server engine,
// each region in its own process and its own fresh database of DATABASE_URL's server:
//   cold start (migrate + generate + load + first ready) and warm start of `server/main.ts`, the
//   server's peak memory (VmHWM) after coverage and equity are built; then in one process: the
//   city's invariants on the loaded rows, a saved grid edit (p95), a street proposal, the full
//   coverage recompute (all types, both scenarios), one facility moved, all equity indicators,
//   the wall KPIs, tiles at a city-wide and a street-level view; rows and bytes per district.
//   DATABASE_URL=postgres://… npx tsx scripts/bench/city.ts [--scale 1] [--moves 40]
//   (--one binhai|tianjin: one region's figures as a JSON line, what the parent runs)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { sql } from 'kysely'
import pg from 'pg'
import type { CommunityUnits, EditResult, Proposal, StreetPage, UnitAdjacency } from '../../core/api'
import type { DemoRegion } from '../../core/demo/types'
import { createCoverageStore } from '../../core/domain/coverage-store'
import { seededRandom } from '../../core/seeded-random'
import { type TileCoord, tileOf } from '../../core/tiles/tile-math'
import { buildApp } from '../../server/app'
import { bootstrap } from '../../server/bootstrap'
import { injectAs } from '../../server/modules/auth/sessions'
import { readStoreWorld } from '../../server/modules/coverage/coverage.repository'
import { median, percentile } from './report'

const root = new URL('../../', import.meta.url).pathname
const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback
const SCALE = Number(arg('--scale', '1'))
const MOVES = Number(arg('--moves', '40'))
const SEED = 20230101
const ONE = arg('--one', '') as DemoRegion | ''
const BASELINE_SCALE = Number(arg('--baseline-scale', '1')) // Binhai's scale (1 but for a quick check)
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')

type Figures = Record<string, number | string>

if (!process.env.DATABASE_URL) {
  console.error('npm run bench -- city needs DATABASE_URL (the city world is a server-engine figure)')
  process.exit(2)
}

if (ONE) {
  const figures = await measure(ONE)
  console.log(`RESULT ${JSON.stringify(figures)}`)
  process.exit(0)
}

// ── the parent: Binhai (scale 1) then the city (--scale), each in its own process ──
console.log(
  `Wangge city scale — server engine, city scale ${SCALE}, Binhai scale ${BASELINE_SCALE}, seed ${SEED}, ${MOVES} edits, ${new Date().toISOString()}`,
)
console.log(
  `load average at start: ${load()} (${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length} cores)`,
)
const results: Record<string, Figures> = {}
for (const [region, scale] of [
  ['binhai', BASELINE_SCALE],
  ['tianjin', SCALE],
] as const) {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
      '--one',
      region,
      '--scale',
      String(scale),
      '--moves',
      String(MOVES),
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
  )
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) {
    console.error(run.stdout)
    throw new Error(`the ${region} run failed (exit ${run.status})`)
  }
  results[region] = JSON.parse(line.slice(7))
  console.log(`  ${region} done; load average ${load()}`)
}

const GOALS: [key: string, label: string, goal: string, met: (v: number) => boolean][] = [
  ['coldS', 'cold start: migrate + generate + load + ready (s)', '≤ 180 s', (v) => v <= 180],
  ['warmS', 'warm start: ready with data (s)', '≤ 20 s', (v) => v <= 20],
  ['rssMb', 'server peak memory, coverage + equity built (MB)', '≤ 4096 MB', (v) => v <= 4096],
  ['editP95', 'saved grid edit, p95 (ms)', '≤ 40 ms', (v) => v <= 40],
  ['proposalMs', 'street proposal, street nearest 10,000 households (ms)', '≤ 2000 ms', (v) => v <= 2000],
  ['coverageMs', 'full coverage recompute, all types × 2 scenarios (ms)', '≤ 2000 ms', (v) => v <= 2000],
  ['moveP95', 'one facility moved, PATCH end to end, p95 (ms)', '≤ 20 ms', (v) => v <= 20],
  ['equityMs', 'all equity indicators, GET (ms, warm median)', '≤ 2000 ms', (v) => v <= 2000],
  ['equityColdMs', 'all equity indicators, first GET (ms)', '', () => true],
  ['wallMs', 'wall KPIs, GET (ms, median)', '≤ 100 ms', (v) => v <= 100],
  ['cityTilesKb', 'city-wide view: grid tiles transferred (kB)', '≤ 2048 kB', (v) => v <= 2048],
  ['cityTilesPerS', 'city-wide view: tiles/s (cold)', 'as Binhai', () => true],
  ['streetTilesKb', 'street view: tiles of 4 layers transferred (kB)', '≤ 2048 kB', (v) => v <= 2048],
  ['streetTilesPerS', 'street view: tiles/s (cold)', 'as Binhai', () => true],
]
console.log(`\n  ${'figure'.padEnd(58)} ${'Binhai'.padStart(10)} ${'Tianjin'.padStart(10)}   goal → city`)
for (const [key, label, goal, met] of GOALS) {
  const b = results.binhai[key]
  const c = results.tianjin[key]
  const verdict =
    goal === ''
      ? ''
      : goal === 'as Binhai'
        ? Number(c) >= 0.8 * Number(b)
          ? 'met'
          : 'MISSED'
        : met(Number(c))
          ? 'met'
          : 'MISSED'
  console.log(`  ${label.padEnd(58)} ${String(b).padStart(10)} ${String(c).padStart(10)}   ${goal} ${verdict}`)
}
for (const key of ['world', 'invariants', 'perDistrict', 'errors']) {
  console.log(`\n  ${key}:\n    Binhai:  ${results.binhai[key]}\n    Tianjin: ${results.tianjin[key]}`)
}
console.log(`\nload average at end: ${load()}`)

// ── one region, in this process ──
async function measure(region: DemoRegion): Promise<Figures> {
  const scale = SCALE
  const out: Figures = {}
  const dbName = `wangge_bench_city_${region}_${process.pid}`
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${dbName}`
  const databaseUrl = url.toString()
  const say = (line: string) => process.stderr.write(`    [${region}] ${line}\n`)
  try {
    // cold and warm start of the real server process
    const env = { WANGGE_DEMO_REGION: region, WANGGE_DEMO_SCALE: String(scale), DATABASE_URL: databaseUrl }
    const cold = await startServer(env, say)
    out.coldS = Number(cold.seconds.toFixed(1))
    await stop(cold.child)
    const warm = await startServer(env, say)
    out.warmS = Number(warm.seconds.toFixed(1))
    // warm the server's analysis (coverage store + equity) as a user would, then its peak memory
    const cookie = await signIn(warm.url)
    for (const path of ['/api/equity/indicators', '/api/wall/kpis']) {
      const res = await fetch(`${warm.url}${path}`, { headers: { cookie } })
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    }
    out.rssMb = Math.round(peakRssMb(warm.child.pid!))
    await stop(warm.child)
    say(`cold ${out.coldS} s, warm ${out.warmS} s, peak ${out.rssMb} MB; load ${load()}`)

    // the interactive paths, in this process
    const database = await bootstrap({ databaseUrl, seed: SEED, scale, region })
    const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent' })
    await app.ready()
    await injectAs(app, database.db, 'administrator')
    const get = async <T>(path: string) => {
      const res = await app.inject({ method: 'GET', url: path })
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`)
      return res.json<T>()
    }
    const db = database.db
    out.world = await worldFigures(db)
    out.invariants = await invariants(db, region)
    out.perDistrict = await perDistrict(db)
    say(`world: ${out.world}; invariants: ${out.invariants}`)
    say(`per district: ${out.perDistrict}`)

    // coverage: the first build (read + compute), then the full recompute from the rows in memory
    let t = performance.now()
    await app.coverage.ensure()
    out.coverageFirstMs = Math.round(performance.now() - t)
    const storeWorld = await readStoreWorld(db)
    const recomputes: number[] = []
    for (let i = 0; i < 3; i++) {
      t = performance.now()
      createCoverageStore(storeWorld)
      recomputes.push(performance.now() - t)
    }
    out.coverageMs = Math.round(median(recomputes))
    // equity and the wall
    t = performance.now()
    await get('/api/equity/indicators')
    out.equityColdMs = Math.round(performance.now() - t)
    const eq: number[] = []
    for (let i = 0; i < 3; i++) {
      t = performance.now()
      await get('/api/equity/indicators')
      eq.push(performance.now() - t)
    }
    out.equityMs = Math.round(median(eq))
    const wall: number[] = []
    for (let i = 0; i < 5; i++) {
      t = performance.now()
      await get('/api/wall/kpis')
      wall.push(performance.now() - t)
    }
    out.wallMs = Number(median(wall).toFixed(1))
    say(`coverage ${out.coverageMs} ms, equity ${out.equityColdMs}/${out.equityMs} ms, wall ${out.wallMs} ms`)

    // the street a planner would work on: the one nearest 10,000 households
    const streets = (await get<StreetPage>('/api/streets?limit=5000')).features.map((f) => f.properties)
    const street = streets.sort((x, y) => Math.abs(x.households - 10000) - Math.abs(y.households - 10000))[0]
    await section(out, 'facility move', async () => {
      // one facility moved, end to end
      const { rows: stations } = await sql<{ id: number; lng: number; lat: number }>`
      SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities
      WHERE type_code = 'health_station' AND status = 'existing' ORDER BY id LIMIT 20`.execute(db)
      const moves: number[] = []
      for (const [i, f] of stations.entries()) {
        const current = await get<{ properties: { version: number } }>(`/api/facilities/${f.id}`)
        t = performance.now()
        const res = await app.inject({
          method: 'PATCH',
          url: `/api/facilities/${f.id}`,
          payload: {
            version: current.properties.version,
            lngLat: [f.lng + (i % 2 ? 0.002 : -0.002), f.lat],
            author: 'bench',
            reason: 'bench move',
          },
        })
        moves.push(performance.now() - t)
        if (res.statusCode !== 200) throw new Error(`PATCH facility: ${res.body}`)
      }
      out.moveP95 = Number(percentile(moves, 95).toFixed(1))
    })
    await section(out, 'street proposal', async () => {
      // a street proposal, cold, for the street nearest 10,000 households
      t = performance.now()
      const proposal = await app.inject({
        method: 'POST',
        url: `/api/streets/${street.code}/proposals`,
        payload: { mode: 'propose' },
      })
      out.proposalMs = Math.round(performance.now() - t)
      if (proposal.statusCode !== 200) throw new Error(`proposal: ${proposal.body}`)
      out.proposalUnitsMoved = proposal.json<Proposal>().proposed.unitsMoved ?? 0
    })
    await section(out, 'grid edits', async () => {
      // saved grid edits: random boundary moves
      const communities: { code: string; gridCount: number }[] = []
      for (let offset = 0; ; offset += 5000) {
        const page = await get<{ features: { properties: { code: string; gridCount: number } }[] }>(
          `/api/communities?limit=5000&offset=${offset}`,
        )
        communities.push(...page.features.map((f) => f.properties).filter((c) => c.gridCount >= 2))
        if (page.features.length < 5000) break
      }
      if (communities.length === 0) throw new Error('no community has two grids at this scale: no grid edit to save')
      const random = seededRandom(7)
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
      const edits: number[] = []
      for (let i = 0; edits.length < MOVES && i < MOVES * 5; i++) {
        const code = pick(communities).code
        const units = await get<CommunityUnits>(`/api/communities/${code}/units`)
        const adjacency = await get<UnitAdjacency>(`/api/communities/${code}/adjacency`)
        const gridOf = new Map(units.units.features.map((f) => [f.id, f.properties.gridId]))
        const boundary = adjacency.pairs.filter(([a, b]) => gridOf.get(a) !== gridOf.get(b))
        if (boundary.length === 0) continue
        const [a, b] = pick(boundary)
        t = performance.now()
        const res = await app.inject({
          method: 'POST',
          url: `/api/communities/${code}/edits`,
          payload: {
            editVersion: units.community.editVersion,
            author: 'bench',
            reason: 'bench move',
            ops: [{ kind: 'moveUnits', unitIds: [a], toGrid: gridOf.get(b) }],
          },
        })
        const elapsed = performance.now() - t
        if (res.statusCode !== 200) throw new Error(`edit failed: ${res.body}`)
        res.json<EditResult>()
        if (i >= 5) edits.push(elapsed)
      }
      out.editP95 = Number(percentile(edits, 95).toFixed(1))
      say(
        `move p95 ${out.moveP95} ms, proposal ${out.proposalMs} ms, edit p95 ${out.editP95} ms (${edits.length} edits)`,
      )
    })
    await section(out, 'tiles', async () => {
      // tiles: the whole region on a 1920×1080 screen (512-px tiles), and a street-level view
      const tile = async (layer: string, c: TileCoord) => {
        const res = await app.inject({ method: 'GET', url: `/api/tiles/${layer}/${c.z}/${c.x}/${c.y}.mvt` })
        if (res.statusCode !== 200 && res.statusCode !== 204) throw new Error(`tile ${res.statusCode} ${res.body}`)
        return res.rawPayload.byteLength
      }
      const view = async (layers: string[], tiles: TileCoord[]) => {
        let bytes = 0
        const t0 = performance.now()
        for (const layer of layers) for (const c of tiles) bytes += await tile(layer, c)
        return {
          kb: Math.round(bytes / 1024),
          perS: Math.round((layers.length * tiles.length) / ((performance.now() - t0) / 1000)),
        }
      }
      const { rows: bbox } = await sql<{ x0: number; y0: number; x1: number; y1: number }>`
      SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
      FROM (SELECT ST_Extent(geom) AS e FROM districts) d`.execute(db)
      const cityTiles = fitTiles(bbox[0], 4, 3)
      const city = await view(['grids'], cityTiles)
      out.cityTilesKb = city.kb
      out.cityTilesPerS = city.perS
      out.cityTiles = `${cityTiles.length} tiles at z${cityTiles[0].z}`
      const { rows: centre } = await sql<{ lng: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM streets WHERE code = ${street.code}`.execute(
        db,
      )
      const c0 = tileOf(centre[0].lng, centre[0].lat, 15)
      const streetTiles: TileCoord[] = []
      for (let dx = -2; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) streetTiles.push({ z: 15, x: c0.x + dx, y: c0.y + dy })
      const streetView = await view(['grids', 'units', 'buildings', 'facilities'], streetTiles)
      out.streetTilesKb = streetView.kb
      out.streetTilesPerS = streetView.perS
      say(
        `tiles: city ${city.kb} kB at ${city.perS}/s (${out.cityTiles}); street ${streetView.kb} kB at ${streetView.perS}/s`,
      )
    })
    await app.close()
    await database.close()
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
  return out
}

/** Runs one part of the bench; a failure is recorded in the figures and the rest still runs. */
async function section(out: Figures, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run()
  } catch (err) {
    out.errors = `${out.errors ? `${out.errors}; ` : ''}${name}: ${(err as Error).message.slice(0, 300)}`
    process.stderr.write(`    ${name} FAILED: ${(err as Error).message.slice(0, 300)}\n`)
  }
}

/** The tiles covering a bbox at the deepest zoom where it fits cols × rows tiles (a 1920×1080 screen of 512-px tiles). */
function fitTiles(b: { x0: number; y0: number; x1: number; y1: number }, cols: number, rows: number): TileCoord[] {
  for (let z = 16; z >= 0; z--) {
    const nw = tileOf(b.x0, b.y1, z)
    const se = tileOf(b.x1, b.y0, z)
    if (se.x - nw.x + 1 <= cols && se.y - nw.y + 1 <= rows) {
      const out: TileCoord[] = []
      for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ z, x, y })
      return out
    }
  }
  return [{ z: 0, x: 0, y: 0 }]
}

type Db = Awaited<ReturnType<typeof bootstrap>>['db']

async function worldFigures(db: Db): Promise<string> {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*) FROM districts)::int AS districts, (SELECT count(*) FROM streets)::int AS streets,
      (SELECT count(*) FROM communities)::int AS communities, (SELECT count(*) FROM grids WHERE valid_to IS NULL)::int AS grids,
      (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM buildings)::int AS buildings,
      (SELECT count(*) FROM facilities)::int AS facilities, (SELECT sum(households) FROM communities)::int AS households,
      (SELECT pg_database_size(current_database()) / 1048576)::int AS mb`.execute(db)
  return Object.entries(rows[0])
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')
}

/** The invariants of the unit test, again on the loaded full-scale rows: each count below must be 0. */
async function invariants(db: Db, region: DemoRegion): Promise<string> {
  const t0 = performance.now()
  const { rows } = await sql<Record<string, number>>`
    SELECT
      (SELECT count(*) FROM communities c WHERE c.households <> (SELECT coalesce(sum(u.households), 0) FROM units u WHERE u.community_code = c.code))::int AS "totals off",
      (SELECT count(*) FROM units u WHERE u.households <> (SELECT coalesce(sum(b.households), 0) FROM buildings b WHERE b.unit_id = u.id))::int AS "unit totals off",
      (SELECT count(*) FROM buildings b JOIN units u ON u.id = b.unit_id WHERE NOT ST_Covers(u.geom, b.geom))::int AS "buildings outside their unit",
      (SELECT count(*) FROM (SELECT c.code FROM communities c JOIN units u ON u.community_code = c.code
        GROUP BY c.code, c.geom HAVING abs(sum(ST_Area(u.geom::geography)) / ST_Area(c.geom::geography) - 1) > 0.001) x)::int AS "communities not tiled",
      (SELECT count(*) FROM streets s WHERE left(s.code, 6) <> s.district_code)::int AS "street codes off",
      (SELECT count(*) FROM units u WHERE u.code !~ '^[0-9]{15}$' OR left(u.code, 12) <> u.community_code)::int AS "unit codes off",
      (SELECT 16 - count(*) FROM districts)::int AS "districts missing"`.execute(db)
  const bad = Object.entries(rows[0]).filter(([k, v]) => v !== 0 && !(region === 'binhai' && k === 'districts missing'))
  const ms = Math.round(performance.now() - t0)
  return bad.length ? `FAILED ${bad.map(([k, v]) => `${v} ${k}`).join(', ')} (${ms} ms)` : `all hold (${ms} ms)`
}

/** Rows and bytes per district (bytes: each table's size shared by its rows), for ADR 31. */
async function perDistrict(db: Db): Promise<string> {
  const { rows } = await sql<{ code: string; name: string; units: number; buildings: number; grids: number }>`
    SELECT d.code, d.name,
      (SELECT count(*) FROM units u JOIN streets s ON s.code = u.street_code WHERE s.district_code = d.code)::int AS units,
      (SELECT count(*) FROM buildings b JOIN streets s ON s.code = b.street_code WHERE s.district_code = d.code)::int AS buildings,
      (SELECT count(*) FROM grids g JOIN streets s ON s.code = g.street_code WHERE s.district_code = d.code)::int AS grids
    FROM districts d ORDER BY d.code`.execute(db)
  const { rows: size } = await sql<{ unit_b: number; building_b: number; grid_b: number }>`
    SELECT (SELECT pg_total_relation_size('units')::float8 / greatest(count(*), 1) FROM units) AS unit_b,
      (SELECT pg_total_relation_size('buildings')::float8 / greatest(count(*), 1) FROM buildings) AS building_b,
      (SELECT pg_total_relation_size('grids')::float8 / greatest(count(*), 1) FROM grids) AS grid_b`.execute(db)
  const s = size[0]
  return rows
    .map((r) => {
      const mb = (r.units * s.unit_b + r.buildings * s.building_b + r.grids * s.grid_b) / 1048576
      return `${r.code} ${r.name}: ${r.units} units, ${r.buildings} buildings, ${r.grids} grids, ${mb.toFixed(1)} MB`
    })
    .join('; ')
}

async function startServer(
  env: Record<string, string>,
  say: (line: string) => void,
): Promise<{ child: ChildProcess; url: string; seconds: number }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}server/main.ts`], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d) => {
    stderr += d
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = out.match(/running:\s+(http:\/\/\S+)/)
      if (m) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)))
  })
  await fetch(`${url}/api/health`)
  const seconds = (performance.now() - t0) / 1000
  for (const line of stderr.split('\n').filter((l) => /\[wangge\] (generated|loaded into|walk network:)/.test(l)))
    say(line.trim())
  return { child, url, seconds }
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'wangge-admin' }),
  })
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmHWM:\s+(\d+)/)![1]) / 1024
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}
