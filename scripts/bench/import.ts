// Issue 9 benchmark: a district (the full demo world: ~10k units, ~45k buildings, 800k households)
// imported through the pipeline from zipped Shapefiles and from CSV (units as WKT, buildings as
// lng/lat) into a database holding its streets and communities, on both engines (the server one
// when DATABASE_URL is set). Per stage — read (upload), validate (dry run), commit — beside a
// plain ogr2ogr-style bulk COPY of the same rows into PostGIS tables (GiST indexes built after)
// on the same engine in the same run. The files are written by a process of their own
// (import-files.ts), so the peak memory printed (the kernel's high-water mark of this process) is
// the import's and the engine's, not the demo world generator's.
//   npx tsx scripts/bench/import.ts [--seed 20230101]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import type { DemoWorld } from '../../core/demo/types'
import type { DatabaseHandle } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { loadWorld } from '../../server/modules/demo/demo.repository'
import { ImportService } from '../../server/modules/import/import.service'
import { onBothEngines, printRow } from './report'

const seed = process.argv.includes('--seed') ? Number(process.argv[process.argv.indexOf('--seed') + 1]) : 20230101
const here = new URL('./', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'wangge-bench-import-files-'))
const made = spawnSync(
  process.execPath,
  [join(here, '../../node_modules/tsx/dist/cli.mjs'), join(here, 'import-files.ts'), dir, '--seed', String(seed)],
  { stdio: 'inherit' },
)
if (made.status !== 0) throw new Error('writing the benchmark files failed')
const base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as {
  world: DemoWorld
  units: number
  buildings: number
  households: number
}
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
/** the kernel's high-water mark of this process's resident memory (no sampling gaps) */
const peakRss = () => process.resourceUsage().maxRSS * 1024
const size = (name: string) => readFileSync(join(dir, name)).length
console.log(
  `  district: ${base.units} units, ${base.buildings} buildings, ${base.households} households (demo seed ${seed})`,
)
console.log(
  `  files: units.zip ${mb(size('units.zip'))}, buildings.zip ${mb(size('buildings.zip'))}, units.csv ${mb(size('units.csv'))}, buildings.csv ${mb(size('buildings.csv'))}`,
)

/** The COPY baseline, run by import-copy.ts in a process of its own (see there). */
function copyBaseline(database: DatabaseHandle): number {
  const args = [join(here, '../../node_modules/tsx/dist/cli.mjs'), join(here, 'import-copy.ts'), dir]
  if (database.kind === 'postgres') args.push(serverUrl(database))
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (run.status !== 0) throw new Error('the COPY baseline failed')
  return (JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number }).ms
}

/** The benchmark database's URL: DATABASE_URL with the database onBothEngines made. */
function serverUrl(database: DatabaseHandle): string {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = new URL(database.location).pathname
  return url.toString()
}

interface Stages {
  read: number
  validate: number
  commit: number
  written: number
}

async function importDistrict(
  database: DatabaseHandle,
  service: ImportService,
  label: string,
  units: string,
  buildings: string,
): Promise<Stages> {
  await sql`TRUNCATE buildings, units RESTART IDENTITY CASCADE`.execute(database.db)
  const stages: Stages = { read: 0, validate: 0, commit: 0, written: 0 }
  for (const [name, target] of [
    [units, 'units'],
    [buildings, 'buildings'],
  ] as const) {
    const t0 = performance.now()
    const up = await service.upload(name, readFileSync(join(dir, name)))
    const t1 = performance.now()
    const coordinates = name.endsWith('.csv')
      ? target === 'units'
        ? ({ kind: 'wkt', column: 'wkt' } as const)
        : ({ kind: 'lnglat', x: 'lng', y: 'lat' } as const)
      : null
    const fields: Record<string, string> =
      target === 'units'
        ? { code: 'code', name: 'name', communityCode: 'community', households: 'households', residents: 'residents' }
        : { code: 'code', unitCode: 'unit', households: 'households', residents: 'residents', floors: 'floors' }
    const dry = await service.dryRun(up.id, {
      sourceLayer: up.layers[0].name,
      target,
      mapping: { fields, coordinates },
      crs: 'EPSG:4326',
    })
    if (dry.counts.rejected > 0) throw new Error(`${label} ${target}: ${dry.problems[0]?.message}`)
    const t2 = performance.now()
    await service.commit(up.id, { author: 'bench' })
    const t3 = performance.now()
    stages.read += t1 - t0
    stages.validate += t2 - t1
    stages.commit += t3 - t2
    stages.written += dry.counts.added
  }
  const { rows } = await sql<{ h: number }>`SELECT sum(households)::int AS h FROM units`.execute(database.db)
  if (rows[0].h !== base.households)
    throw new Error(`${label}: ${rows[0].h} households stored, ${base.households} expected`)
  return stages
}

try {
  // the embedded engine on disk, as a server runs it (memory:// would hold the database in this heap)
  await onBothEngines(
    'import',
    async (engine, database) => {
      console.log(`  ── ${engine === 'pglite' ? 'embedded engine (PGlite on disk)' : 'server engine (PostgreSQL)'}`)
      await migrate(database.pool)
      await loadWorld(database.db, base.world)
      const copyMs = copyBaseline(database)
      printRow('baseline: COPY units + buildings, then GiST indexes', s(copyMs), 'baseline', 'same rows, same engine')
      const service = new ImportService(database.db)
      for (const [label, units, buildings] of [
        ['Shapefile', 'units.zip', 'buildings.zip'],
        ['CSV', 'units.csv', 'buildings.csv'],
      ] as const) {
        const r = await importDistrict(database, service, label, units, buildings)
        const ratio = (ms: number) => `${(ms / copyMs).toFixed(1)}× COPY`
        printRow(`${label}: read (upload: unzip/parse, column guesses)`, s(r.read), 'issue 9', ratio(r.read))
        printRow(`${label}: validate (dry run: row and PostGIS checks)`, s(r.validate), 'issue 9', ratio(r.validate))
        printRow(`${label}: commit (one transaction each, ${r.written} rows)`, s(r.commit), 'issue 9', ratio(r.commit))
        const total = r.read + r.validate + r.commit
        printRow(`${label}: the whole import`, s(total), 'goal ≤ 3× COPY and ≤ 60 s', `${ratio(total)} ${s(copyMs)}`)
      }
      printRow('peak memory (RSS high-water mark so far)', mb(peakRss()), 'goal ≤ 1.5 GB', 'this process only')
    },
    { embeddedDataDir: 'disk' },
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
