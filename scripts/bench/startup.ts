// Issue 2 benchmark: cold and warm start of the product on the embedded engine at full scale,
// serving all grids of the district as GeoJSON, and the server's peak memory — each beside a
// baseline measured in the same run.
//   npx tsx scripts/bench/startup.ts [--scale 1]
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { openDatabase } from '../../server/db/engine'
import { listGrids } from '../../server/modules/grids/grids.repository'
import { median, printRow } from './report'

const root = new URL('../../', import.meta.url).pathname
const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : '1'
const dataDir = mkdtempSync(join(tmpdir(), 'wangge-bench-'))

/** Starts `server/main.ts` and resolves with the URL and the seconds until it answered /api/health. */
async function startServer(): Promise<{ child: ChildProcess; url: string; seconds: number }> {
  const t0 = performance.now()
  // node --import tsx (not the tsx CLI, which forks): the child IS the server, so its VmHWM is the server's
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', WANGGE_DATA_DIR: dataDir, WANGGE_DEMO_SCALE: scale, DATABASE_URL: '' },
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
  return { child, url, seconds: (performance.now() - t0) / 1000 }
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

async function baselineOpen(dir: string, createExtension: boolean): Promise<number> {
  const t0 = performance.now()
  const db = await PGlite.create({ dataDir: dir, extensions: { postgis } })
  if (createExtension) await db.exec('CREATE EXTENSION IF NOT EXISTS postgis')
  else await db.query('SELECT 1')
  const seconds = (performance.now() - t0) / 1000
  await db.close()
  return seconds
}

console.log(`Wangge startup benchmark — embedded PGlite, demo scale ${scale}, ${new Date().toISOString()}`)
const emptyDir = mkdtempSync(join(tmpdir(), 'wangge-bench-empty-'))
const coldBaseline = await baselineOpen(emptyDir, true)
const cold = await startServer()
printRow(
  'cold first start (migrate + generate + load)',
  `${cold.seconds.toFixed(1)} s`,
  'target ≤ 60 s',
  `baseline: empty PGlite + CREATE EXTENSION postgis ${coldBaseline.toFixed(1)} s`,
)
await stop(cold.child)

const warmBaseline = await baselineOpen(emptyDir, false)
const warm = await startServer()
printRow(
  'warm start (data reused)',
  `${warm.seconds.toFixed(1)} s`,
  'target ≤ 10 s',
  `baseline: reopen an empty PGlite data dir ${warmBaseline.toFixed(1)} s`,
)

// all grids as GeoJSON over HTTP, against the same rows fetched as raw SQL in this process
const httpMs: number[] = []
let bytes = 0
let count = 0
for (let i = 0; i < 7; i++) {
  const t0 = performance.now()
  const res = await fetch(`${warm.url}/api/grids?limit=5000`)
  const text = await res.text()
  httpMs.push(performance.now() - t0)
  bytes = text.length
  count = JSON.parse(text).features.length
}
const memoryMb = peakRssMb(warm.child.pid!)
await stop(warm.child)

const database = await openDatabase({ dataDir })
const rawMs: number[] = []
const builtMs: number[] = []
for (let i = 0; i < 7; i++) {
  let t0 = performance.now()
  await database.pool.query('SELECT id, code, households, ST_AsGeoJSON(geom, 6) FROM grids WHERE valid_to IS NULL')
  rawMs.push(performance.now() - t0)
  t0 = performance.now()
  await listGrids(database.db, { limit: 5000, offset: 0 })
  builtMs.push(performance.now() - t0)
}
await database.close()
printRow(
  `all ${count} grids as GeoJSON over HTTP (${(bytes / 1e6).toFixed(1)} MB), median of 7`,
  `${median(httpMs).toFixed(0)} ms`,
  'target ≤ 300 ms',
  `baseline: raw SQL rows ${median(rawMs).toFixed(0)} ms; the repository's SQL-built page ${median(builtMs).toFixed(0)} ms`,
)
printRow(
  'server peak memory (VmHWM) with the full demo loaded',
  `${memoryMb.toFixed(0)} MB`,
  'target ≤ 1,536 MB',
  `baseline: this bench process ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
)
rmSync(dataDir, { recursive: true, force: true })
rmSync(emptyDir, { recursive: true, force: true })
