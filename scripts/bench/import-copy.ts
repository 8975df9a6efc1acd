// The COPY baseline of the import benchmark (scripts/bench/import.ts), in a process of its own so
// that an embedded engine for it (a second WebAssembly heap) is not counted in the import's peak
// memory: COPY of the EWKT rows import-files.ts wrote, then the GiST indexes — what ogr2ogr
// -lco SPATIAL_INDEX=YES does — into fresh tables without constraints, on the embedded engine (a
// PGlite database on disk) or, given its URL, the server engine. Prints {"ms": …}.
//   npx tsx scripts/bench/import-copy.ts <dir> [postgres://…]
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

const [dir, databaseUrl] = process.argv.slice(2)
if (!dir) throw new Error('usage: import-copy.ts <dir> [postgres://…]')
const TABLES = `CREATE TABLE bench_copy_u (code text, name text, community text, households int, residents int,
    geom geometry(MultiPolygon, 4326));
  CREATE TABLE bench_copy_b (code text, unit text, households int, residents int, floors int, geom geometry(Point, 4326));`
const INDEXES = 'CREATE INDEX ON bench_copy_u USING gist (geom); CREATE INDEX ON bench_copy_b USING gist (geom);'
const FILES = [
  ['bench_copy_u', 'copy-units.csv'],
  ['bench_copy_b', 'copy-buildings.csv'],
] as const

if (databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(TABLES)
    const t0 = performance.now()
    for (const [table, file] of FILES)
      await pipeline(
        createReadStream(join(dir, file)),
        client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv)`)),
      )
    await client.query(INDEXES)
    console.log(JSON.stringify({ ms: performance.now() - t0 }))
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_copy_u, bench_copy_b')
    await client.end()
  }
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'wangge-bench-copy-'))
  const db = await PGlite.create({ dataDir, extensions: { postgis } })
  try {
    await db.exec(`CREATE EXTENSION postgis; ${TABLES}`)
    const t0 = performance.now()
    // PGlite reads COPY input from a blob (its socket server does not relay COPY FROM STDIN)
    for (const [table, file] of FILES)
      await db.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([readFileSync(join(dir, file))]),
      })
    await db.exec(INDEXES)
    console.log(JSON.stringify({ ms: performance.now() - t0 }))
  } finally {
    await db.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
