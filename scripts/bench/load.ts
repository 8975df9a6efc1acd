// Issue 13 benchmark, under load, on the full-scale demo world on both engines (an in-memory PGlite;
// with DATABASE_URL set, also a scratch database on that PostgreSQL server). The app listens on
// a port and is read over HTTP, as a browser does (cookies, brotli/gzip):
//   1. one at a time: each read route in turn, no other work (the baseline of the same run);
//   2. 20, then 50 concurrent readers, each looping over the read routes — grids of a community,
//      the coverage summary, the equity indicators, the wall KPIs, a community's units — for a few
//      seconds, while a planner saves grid edits (a boundary unit moved) and facility moves through
//      the API, one a second, and an exact siting solve (MCLP, exact: always) runs again and again.
// Reported: p50 / p95 per route and phase, the edits and solves done meanwhile, the read cache's
// hit share and the load average. Goal: p95 under 20 concurrent readers ≤ 300 ms on the server
// engine and ≤ 1 s on the embedded one.
//   npx tsx scripts/bench/load.ts [--seconds 20] [--scale 1]
import { loadavg } from 'node:os'
import type { CommunityUnits, FacilityPage, StreetPage, UnitAdjacency } from '../../core/api'
import { seededRandom } from '../../core/seeded-random'
import { buildApp } from '../../server/app'
import { seedDemoWorld } from '../../server/bootstrap'
import type { DatabaseHandle } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { type OpenedSession, openSessionAs } from '../../server/modules/auth/sessions'
import { stopAnalysisWorkers } from '../../server/workers/analysis-pool'
import { median, onBothEngines, percentile } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const SECONDS = arg('--seconds', 20)
const SCALE = arg('--scale', 1)
const SEED = 20230101
const GOAL_MS = { pglite: 1000, postgres: 300 } as const
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

interface Ctx {
  base: string
  reader: OpenedSession
  planner: OpenedSession
  communities: string[]
}

const ROUTES: Record<string, (ctx: Ctx, pick: <T>(xs: T[]) => T) => string> = {
  grids: (c, pick) => `/api/grids?community=${pick(c.communities)}`,
  coverage: () => '/api/coverage/summary?type=kindergarten&level=community',
  equity: () => '/api/equity/indicators',
  wall: () => '/api/wall/kpis',
  units: (c, pick) => `/api/communities/${pick(c.communities)}/units`,
}

async function timedGet(ctx: Ctx, url: string): Promise<number> {
  const t = performance.now()
  const res = await fetch(ctx.base + url, {
    headers: { cookie: ctx.reader.headers.cookie, 'accept-encoding': 'br, gzip' },
  })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  return performance.now() - t
}

function send(ctx: Ctx, method: string, url: string, body: unknown) {
  return fetch(ctx.base + url, {
    method,
    headers: { ...ctx.planner.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** A planner's edits until `stop`: a boundary unit moved, then a facility nudged, in turn. */
async function editLoop(ctx: Ctx, stop: () => boolean, random: () => number) {
  const times: number[] = []
  const facilities = (
    await (
      await fetch(`${ctx.base}/api/facilities?type=kindergarten&limit=200`, {
        headers: { cookie: ctx.reader.headers.cookie },
      })
    ).json()
  ).features as FacilityPage['features']
  let turn = 0
  while (!stop()) {
    const t = performance.now()
    if (turn++ % 2 === 0) {
      const code = ctx.communities[Math.floor(random() * ctx.communities.length)]
      const units = (await (
        await send(ctx, 'GET', `/api/communities/${code}/units`, undefined)
      ).json()) as CommunityUnits
      const pairs = (
        (await (await send(ctx, 'GET', `/api/communities/${code}/adjacency`, undefined)).json()) as UnitAdjacency
      ).pairs
      const gridOf = new Map(units.units.features.map((f) => [f.id, f.properties.gridId]))
      const boundary = pairs.filter(([a, b]) => gridOf.get(a) !== gridOf.get(b))
      if (boundary.length === 0) continue
      const [a, b] = boundary[Math.floor(random() * boundary.length)]
      const res = await send(ctx, 'POST', `/api/communities/${code}/edits`, {
        editVersion: units.community.editVersion,
        reason: 'load bench: a boundary unit moved',
        ops: [{ kind: 'moveUnits', unitIds: [a], toGrid: gridOf.get(b) }],
      })
      if (res.status !== 200) throw new Error(`edit: ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
    } else {
      const f = facilities[Math.floor(random() * facilities.length)]
      const [lng, lat] = f.geometry.coordinates as [number, number]
      const step = turn % 4 === 1 ? 0.0003 : -0.0003
      const res = await send(ctx, 'PATCH', `/api/facilities/${f.id}`, {
        version: f.properties.version,
        reason: 'load bench: a facility moved',
        lngLat: [lng + step, lat],
      })
      if (res.status !== 200) throw new Error(`facility move: ${res.status} ${await res.text()}`)
      const moved = (await res.json()) as FacilityPage['features'][number]
      facilities[facilities.indexOf(f)] = moved
    }
    times.push(performance.now() - t)
    await new Promise((r) => setTimeout(r, 1000)) // one save a second, from one planner
  }
  return times
}

/** Exact siting solves, one after another, until `stop`. */
async function sitingLoop(ctx: Ctx, stop: () => boolean) {
  const times: number[] = []
  while (!stop()) {
    const t = performance.now()
    const res = await send(ctx, 'POST', '/api/siting/mclp', { type: 'kindergarten', k: 10, exact: 'always' })
    if (res.status !== 200) throw new Error(`siting: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
    times.push(performance.now() - t)
  }
  return times
}

type Samples = Record<string, number[]>
const emptySamples = (): Samples => Object.fromEntries(Object.keys(ROUTES).map((r) => [r, []]))

async function readers(ctx: Ctx, count: number, stop: () => boolean, seed: number): Promise<Samples> {
  const samples = emptySamples()
  const names = Object.keys(ROUTES)
  await Promise.all(
    Array.from({ length: count }, async (_, r) => {
      const random = seededRandom(seed + r)
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
      let i = r
      while (!stop()) {
        const name = names[i++ % names.length]
        samples[name].push(await timedGet(ctx, ROUTES[name](ctx, pick)))
      }
    }),
  )
  return samples
}

function report(label: string, phase: string, samples: Samples, goal?: number) {
  const all = Object.values(samples).flat()
  for (const [name, xs] of Object.entries(samples))
    console.log(
      `  [${label}] ${phase.padEnd(22)} ${name.padEnd(9)} p50 ${median(xs).toFixed(0).padStart(5)} ms  p95 ${percentile(xs, 95).toFixed(0).padStart(5)} ms  (${xs.length} requests)`,
    )
  const p95 = percentile(all, 95)
  console.log(
    `  [${label}] ${phase.padEnd(22)} ${'all'.padEnd(9)} p50 ${median(all).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  (${all.length} requests${goal ? `; goal p95 ≤ ${goal} ms: ${p95 <= goal ? 'met' : 'NOT met'}` : ''}; load average ${load()})`,
  )
}

async function bench(label: 'pglite' | 'postgres', database: DatabaseHandle) {
  const t0 = performance.now()
  await migrate(database.pool)
  await seedDemoWorld(database, { seed: SEED, scale: SCALE })
  console.log(`\n[${label}] full demo world loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent', rateLimits: false })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const reader = await openSessionAs(database.db, 'analyst')
  const planner = await openSessionAs(database.db, 'district_planner')
  const streets = (await (await fetch(`${base}/api/streets`, { headers: { cookie: reader.headers.cookie } })).json())
    .features as StreetPage['features']
  // the communities the readers have open: thirty, across the district
  const all: string[] = []
  for (const s of streets.slice(0, 6)) {
    const page = await (
      await fetch(`${base}/api/communities?street=${s.properties.code}&limit=5`, {
        headers: { cookie: reader.headers.cookie },
      })
    ).json()
    for (const f of page.features) all.push(f.properties.code)
  }
  const ctx: Ctx = { base, reader, planner, communities: all }
  const random = seededRandom(11)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]

  // warm-up: the coverage store, equity model and HiGHS in the worker
  for (const name of Object.keys(ROUTES)) await timedGet(ctx, ROUTES[name](ctx, pick))
  const solveStart = performance.now()
  await send(ctx, 'POST', '/api/siting/mclp', { type: 'kindergarten', k: 10, exact: 'always' })
  console.log(`  [${label}] one exact siting solve alone: ${(performance.now() - solveStart).toFixed(0)} ms`)

  // 1. one at a time
  const sequential = emptySamples()
  for (let i = 0; i < 20; i++)
    for (const name of Object.keys(ROUTES)) sequential[name].push(await timedGet(ctx, ROUTES[name](ctx, pick)))
  report(label, 'one at a time', sequential)

  // 2. concurrent readers while edits and an exact solve go on
  for (const count of [20, 50]) {
    const { hits, misses } = app.readCache
    const until = performance.now() + SECONDS * 1000
    const stop = () => performance.now() > until
    const [samples, edits, solves] = await Promise.all([
      readers(ctx, count, stop, 100 * count),
      editLoop(ctx, stop, random),
      sitingLoop(ctx, stop),
    ])
    report(label, `${count} readers + edits`, samples, count === 20 ? GOAL_MS[label] : undefined)
    const h = app.readCache.hits - hits
    const m = app.readCache.misses - misses
    console.log(
      `  [${label}] ${`${count} readers + edits`.padEnd(22)} meanwhile: ${edits.length} edits saved (p50 ${median(edits).toFixed(0)} ms), ${solves.length} exact siting solves (p50 ${median(solves).toFixed(0)} ms); read cache hits ${((100 * h) / Math.max(1, h + m)).toFixed(0)}%`,
    )
  }
  await app.close()
}

console.log(
  `Wangge under load — demo scale ${SCALE}, seed ${SEED}, ${SECONDS} s per phase, ${new Date().toISOString()}, load average ${load()}`,
)
await onBothEngines('load', bench)
await stopAnalysisWorkers()
