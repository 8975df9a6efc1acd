// Issue 10 benchmark: vector tiles of grids and buildings at z10–z16, cold (empty cache) and
// warm (cached), in tiles/s through the HTTP route, beside the same SQL run as a bare query in
// the same process (on a server: the ST_AsMVT statement itself; on PGlite, which has no ST_AsMVT:
// selecting the tile's rows as GeoJSON); and all grids as GeoJSON, gzip and brotli beside raw.
// Full demo world on a fresh embedded PGlite; with DATABASE_URL, also on a scratch database there.
//   npx tsx scripts/bench/tiles.ts [--per-zoom 40] [--scale 1]
import { loadavg } from 'node:os'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Kysely } from 'kysely'
import type { GridPage } from '../../core/api'
import { seededRandom } from '../../core/seeded-random'
import { type TileCoord, tileOf } from '../../core/tiles/tile-math'
import { buildApp } from '../../server/app'
import { seedDemoWorld } from '../../server/bootstrap'
import type { DatabaseHandle } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import type { Database } from '../../server/db/schema'
import { injectAs } from '../../server/modules/auth/sessions'
import { mvtTile, type TileLayer, tileRowsGeoJson } from '../../server/modules/tiles/tiles.repository'
import { onBothEngines, printRow } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const PER_ZOOM = arg('--per-zoom', 40)
const SCALE = arg('--scale', 1)
const SEED = 20230101
const ZOOMS = [10, 11, 12, 13, 14, 15, 16]
const LAYERS: TileLayer[] = ['grids', 'buildings']

/** Up to PER_ZOOM tiles per zoom over the grids (where the map is looked at), chosen by a fixed seed. */
function sampleTiles(grids: GridPage): TileCoord[] {
  const random = seededRandom(7)
  const out: TileCoord[] = []
  for (const z of ZOOMS) {
    const seen = new Map<string, TileCoord>()
    for (const f of grids.features) {
      const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon
      const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]
      const t = tileOf(ring[0][0], ring[0][1], z)
      seen.set(`${t.x}/${t.y}`, t)
    }
    const all = [...seen.values()]
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[all[i], all[j]] = [all[j], all[i]]
    }
    out.push(...all.slice(0, PER_ZOOM))
  }
  return out
}

/** Tiles per wall-clock second; `cpu` also records tiles per second of this process's CPU time. */
async function rate(tiles: TileCoord[], one: (t: TileCoord) => Promise<unknown>, cpu?: { perCpuS: number }) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (const t of tiles) await one(t)
  const s = (performance.now() - t0) / 1000
  const used = process.cpuUsage(c0)
  if (cpu) cpu.perCpuS = tiles.length / ((used.user + used.system) / 1e6)
  return tiles.length / s
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')
const perS = (x: number) => `${x.toFixed(0)} tiles/s`

async function bench(label: 'pglite' | 'postgres', database: DatabaseHandle) {
  const t0 = performance.now()
  await migrate(database.pool)
  await seedDemoWorld(database, { seed: SEED, scale: SCALE })
  console.log(`\n[${label}] full demo world loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const db: Kysely<Database> = database.db
  const app = await buildApp({ database, logLevel: 'silent', webRoot: '/nonexistent' })
  await injectAs(app, database.db, 'administrator') // every API route needs a signed-in user (ADR 16)
  const grids = (await app.inject({ method: 'GET', url: '/api/grids?limit=5000' })).json<GridPage>()
  const tiles = sampleTiles(grids)
  console.log(`[${label}] ${tiles.length} tiles per layer, z${ZOOMS[0]}–z${ZOOMS.at(-1)}, up to ${PER_ZOOM} per zoom`)

  for (const layer of LAYERS) {
    let bytes = 0
    const route = async (t: TileCoord) => {
      const res = await app.inject({ method: 'GET', url: `/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt` })
      if (res.statusCode !== 200 && res.statusCode !== 204) throw new Error(`${res.statusCode} ${res.body}`)
      bytes += res.rawPayload.byteLength
    }
    const bare =
      label === 'postgres' ? (t: TileCoord) => mvtTile(db, layer, t) : (t: TileCoord) => tileRowsGeoJson(db, layer, t)
    const bareRate = await rate(tiles, bare)
    const cold = await rate(tiles, route)
    const meanKb = bytes / tiles.length / 1024
    // the warm pass three times (one pass is a fraction of a second: noise on a shared machine)
    const cpu = { perCpuS: 0 }
    const warm = await rate([...tiles, ...tiles, ...tiles], route, cpu)
    const bareWhat =
      label === 'postgres' ? 'the ST_AsMVT statement bare' : 'the tile rows as GeoJSON bare (no ST_AsMVT here)'
    printRow(
      label === 'pglite'
        ? `[${label}] ${layer} tiles, cold (empty cache, incl. building the index)`
        : `[${label}] ${layer} tiles, cold (empty cache)`,
      perS(cold),
      label === 'postgres' ? `goal ≥ 0.8× bare: ${(cold / bareRate).toFixed(2)}×` : `mean ${meanKb.toFixed(1)} kB`,
      `baseline: ${bareWhat} ${perS(bareRate)}`,
    )
    printRow(
      `[${label}] ${layer} tiles, warm (cached, ETag unchanged)`,
      perS(warm),
      label === 'pglite' ? 'goal ≥ 500 tiles/s' : `${(warm / bareRate).toFixed(1)}× bare`,
      `baseline: ${bareWhat} ${perS(bareRate)}`,
    )
    printRow(
      `[${label}] ${layer} tiles, warm, per second of CPU time`,
      perS(cpu.perCpuS),
      'what one free core serves: the wall figure above waits for a shared CPU',
      `load average ${load()}`,
    )
  }

  const t1 = performance.now()
  const all = await app.inject({ method: 'GET', url: '/api/grids?limit=5000' })
  const readMs = performance.now() - t1
  const raw = all.rawPayload
  const t2 = performance.now()
  const gz = gzipSync(raw, { level: 6 })
  const gzMs = performance.now() - t2
  const t3 = performance.now()
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
  const brMs = performance.now() - t3
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`
  printRow(
    `[${label}] all ${grids.features.length} grids as GeoJSON, gzip (level 6)`,
    mb(gz.byteLength),
    `+${gzMs.toFixed(0)} ms to compress`,
    `baseline: uncompressed ${mb(raw.byteLength)} read in ${readMs.toFixed(0)} ms`,
  )
  printRow(
    `[${label}] all grids as GeoJSON, brotli (quality 4)`,
    mb(br.byteLength),
    `+${brMs.toFixed(0)} ms to compress`,
    `baseline: uncompressed ${mb(raw.byteLength)}`,
  )
  await app.close()
}

console.log(
  `Wangge vector tiles — demo scale ${SCALE}, seed ${SEED}, ${new Date().toISOString()}, load average ${load()}`,
)
await onBothEngines('tiles', bench)
