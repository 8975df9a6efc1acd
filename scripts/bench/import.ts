// Issue 9 benchmark: a district (the full demo world: ~10k units, ~45k buildings, 800k households)
// imported through the pipeline from zipped Shapefiles and from CSV (units as WKT, buildings as
// lng/lat) into a database holding its streets and communities: read + validate (the dry run)
// and commit, each beside a plain ogr2ogr-style bulk COPY of the same rows into PostGIS tables
// (with a GiST index) on the same engine in the same run. Peak memory (RSS) is sampled.
//   npx tsx scripts/bench/import.ts [--seed 20230101]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { sql } from 'kysely'
import { generateDemoWorld } from '../../core/demo/generate-demo-world'
import type { DemoWorld } from '../../core/demo/types'
import { writeShapefile } from '../../core/import/fixtures/write-shapefile'
import { openDatabase } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { loadWorld } from '../../server/modules/demo/demo.repository'
import { ImportService } from '../../server/modules/import/import.service'
import { printRow } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const seed = arg('--seed', 20230101)

let peak = 0
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 20)
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const world = generateDemoWorld({ seed, scale: 1 })
const households = world.units.reduce((n, u) => n + u.households, 0)
console.log(
  `  district: ${world.units.length} units, ${world.buildings.length} buildings, ${households} households (demo seed ${seed})`,
)

// ── the files ─────────────────────────────────────────────────────────────
const buildingCode = (i: number) => `B${String(i + 1).padStart(6, '0')}`
const wkt = (g: GeoJSON.MultiPolygon) =>
  `MULTIPOLYGON(${g.coordinates.map((p) => `(${p.map((r) => `(${r.map((q) => `${q[0]} ${q[1]}`).join(',')})`).join(',')})`).join(',')})`
const csvCell = (v: string | number) =>
  typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v)
const csv = (header: string[], rows: (string | number)[][]) =>
  Buffer.from(`${header.join(',')}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`)

function files(w: DemoWorld) {
  const unitsZip = writeShapefile(
    w.units.map((u) => ({
      geometry: u.geom,
      properties: {
        code: u.code,
        name: u.name,
        community: u.communityCode,
        households: u.households,
        residents: u.residents,
      },
    })),
  ).zip
  const buildingsZip = writeShapefile(
    w.buildings.map((b, i) => ({
      geometry: { type: 'Point', coordinates: [b.lng, b.lat] },
      properties: {
        code: buildingCode(i),
        unit: b.unitCode,
        households: b.households,
        residents: b.residents,
        floors: b.floors,
      },
    })),
  ).zip
  const unitsCsv = csv(
    ['code', 'name', 'community', 'households', 'residents', 'wkt'],
    w.units.map((u) => [u.code, u.name, u.communityCode, u.households, u.residents, wkt(u.geom)]),
  )
  const buildingsCsv = csv(
    ['code', 'unit', 'households', 'residents', 'floors', 'lng', 'lat'],
    w.buildings.map((b, i) => [buildingCode(i), b.unitCode, b.households, b.residents, b.floors, b.lng, b.lat]),
  )
  return { unitsZip, buildingsZip, unitsCsv, buildingsCsv }
}
const f = files(world)
console.log(
  `  files: units.zip ${mb(f.unitsZip.length)}, buildings.zip ${mb(f.buildingsZip.length)}, units.csv ${mb(f.unitsCsv.length)}, buildings.csv ${mb(f.buildingsCsv.length)}`,
)

// ── baseline: COPY of the same rows into PostGIS (what ogr2ogr -lco SPATIAL_INDEX does) ──
async function copyBaseline(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-bench-copy-'))
  const pg = await PGlite.create({ dataDir: dir, extensions: { postgis } })
  await pg.exec(`CREATE EXTENSION postgis;
    CREATE TABLE u (code text, name text, community text, households int, residents int, geom geometry(MultiPolygon, 4326));
    CREATE TABLE b (code text, unit text, households int, residents int, floors int, geom geometry(Point, 4326));`)
  const t0 = performance.now()
  const unitRows = world.units.map((u) =>
    [u.code, u.name, u.communityCode, u.households, u.residents, `SRID=4326;${wkt(u.geom)}`].map(csvCell).join(','),
  )
  await pg.query(`COPY u FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([unitRows.join('\n')]) })
  const buildingRows = world.buildings.map((b, i) =>
    [buildingCode(i), b.unitCode, b.households, b.residents, b.floors, `SRID=4326;POINT(${b.lng} ${b.lat})`].join(','),
  )
  await pg.query(`COPY b FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([buildingRows.join('\n')]) })
  await pg.exec('CREATE INDEX ON u USING gist (geom); CREATE INDEX ON b USING gist (geom);')
  const ms = performance.now() - t0
  await pg.close()
  rmSync(dir, { recursive: true, force: true })
  return ms
}

// ── the pipeline ──────────────────────────────────────────────────────────
// on disk, as a server runs (memory:// would hold the whole database in this process's heap)
const dataDir = mkdtempSync(join(tmpdir(), 'wangge-bench-import-'))
const database = await openDatabase({ dataDir })
await migrate(database.pool)
await loadWorld(database.db, { ...world, units: [], buildings: [], grids: [], facilities: [] })
const service = new ImportService(database.db)

async function run(
  label: string,
  unitsFile: [string, Buffer | Uint8Array],
  buildingsFile: [string, Buffer | Uint8Array],
) {
  await sql`TRUNCATE buildings, units RESTART IDENTITY CASCADE`.execute(database.db)
  let validate = 0
  let commit = 0
  let written = 0
  for (const [name, bytes, target] of [
    [...unitsFile, 'units'],
    [...buildingsFile, 'buildings'],
  ] as const) {
    const t0 = performance.now()
    const up = await service.upload(name, Buffer.from(bytes))
    const layer = up.layers[0]
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
      sourceLayer: layer.name,
      target,
      mapping: { fields, coordinates },
      crs: 'EPSG:4326',
    })
    if (dry.counts.rejected > 0) throw new Error(`${label} ${target}: ${dry.problems[0]?.message}`)
    const t1 = performance.now()
    await service.commit(up.id, { author: 'bench' })
    const t2 = performance.now()
    validate += t1 - t0
    commit += t2 - t1
    written += dry.counts.added
  }
  const { rows } = await sql<{ h: number }>`SELECT sum(households)::int AS h FROM units`.execute(database.db)
  if (rows[0].h !== households) throw new Error(`${label}: ${rows[0].h} households stored, ${households} expected`)
  return { validate, commit, written }
}

const copyMs = await copyBaseline()
printRow(
  'baseline: COPY units + buildings into PostGIS, GiST indexes',
  s(copyMs),
  'baseline',
  'same rows, PGlite on disk',
)
for (const [label, units, buildings] of [
  ['Shapefile', ['units.zip', f.unitsZip], ['buildings.zip', f.buildingsZip]],
  ['CSV', ['units.csv', f.unitsCsv], ['buildings.csv', f.buildingsCsv]],
] as const) {
  const r = await run(label, units as [string, Uint8Array], buildings as [string, Uint8Array])
  const total = r.validate + r.commit
  printRow(
    `${label}: read + validate (upload, dry run), ${r.written} rows`,
    s(r.validate),
    'issue 9',
    `${(r.validate / copyMs).toFixed(1)}× COPY`,
  )
  printRow(
    `${label}: commit (one transaction each, revision, grid caches)`,
    s(r.commit),
    'issue 9',
    `${(r.commit / copyMs).toFixed(1)}× COPY`,
  )
  printRow(
    `${label}: the whole import`,
    s(total),
    'goal ≤ 3× COPY and ≤ 60 s',
    `${(total / copyMs).toFixed(1)}× COPY ${s(copyMs)}`,
  )
}
clearInterval(sampler)
printRow('peak memory (RSS) of the whole run', mb(peak), 'goal ≤ 1.5 GB', 'sampled every 20 ms')
await database.close()
rmSync(dataDir, { recursive: true, force: true })
