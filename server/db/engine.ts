// The database engine: embedded PGlite + PostGIS (default, data in ./data) or a real
// PostgreSQL + PostGIS server (DATABASE_URL). Both are reached through one pg Pool, so every
// query in the project runs on the same path (ADR 2).
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

// bigint (count(*), bigserial) as number, numeric as number: our values fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v))
// date as 'YYYY-MM-DD' text, not a JS Date shifted by the time zone
pg.types.setTypeParser(1082, (v) => v)

export type EngineKind = 'pglite' | 'postgres'

export interface DatabaseHandle {
  kind: EngineKind
  pool: pg.Pool
  db: Kysely<Database>
  /** where the data lives: a folder for PGlite, the URL without password for a server */
  location: string
  close(): Promise<void>
}

export interface OpenOptions {
  /** postgres://… of a real server; when absent the embedded engine is used */
  databaseUrl?: string
  /** PGlite data folder (default ./data/pglite); 'memory://' keeps it in memory */
  dataDir?: string
  /** a PGlite data dir dump (from dumpDataDir) to start from, for tests */
  loadDataDir?: Blob | File
  /** pool size for a real server (PGlite is single-session: always 1) */
  maxConnections?: number
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.maxConnections ?? 10)
  return openEmbedded(options.dataDir ?? 'data/pglite', options.loadDataDir)
}

async function openServer(databaseUrl: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max })
  pool.on('error', () => {}) // an idle client lost: the pool replaces it
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    pool,
    db,
    location: databaseUrl.replace(/:[^:@/]*@/, ':***@'),
    close: () => db.destroy(),
  }
}

async function openEmbedded(dataDir: string, loadDataDir?: Blob | File): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create({ dataDir, loadDataDir, extensions: { postgis } })
  return serveOverSocket(pglite, dataDir)
}

// pg talks to PGlite over a loopback socket: one connection, so transactions serialize.
async function serveOverSocket(pglite: PGlite, location: string): Promise<DatabaseHandle> {
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1' })
  await server.start()
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address()
  // the one connection is kept for life (idleTimeoutMillis 0): a pg-pool idle timeout after a long
  // synchronous step (an exact siting solve) would reconnect while the socket still holds the old
  // session, and the single-session server drops the new one ("Connection terminated unexpectedly")
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    idleTimeoutMillis: 0,
  })
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  let closed = false
  return {
    kind: 'pglite',
    pool,
    db,
    location,
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
      await server.stop()
      await pglite.close()
    },
  }
}

/** Builds a database in memory and returns its data dir dump: the tests' ready template. */
export async function createEmbeddedTemplate(build: (handle: DatabaseHandle) => Promise<void>): Promise<Blob> {
  const pglite = await PGlite.create({ dataDir: 'memory://', extensions: { postgis } })
  const handle = await serveOverSocket(pglite, 'memory://')
  await build(handle)
  await handle.db.destroy()
  const dump = await pglite.dumpDataDir('gzip')
  await handle.close().catch(() => {})
  return dump
}
