// An empty database as a real deployment starts: the schema and the standards (settings, facility
// types) from the migrations, no demo world. Migrated once per test file (PostGIS and the
// migrations take a while), then copied for each use: a PGlite data-dir dump loaded in memory, or
// a template database on a server (dropped by dropEmptyTemplate).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../../server/app'
import { createEmbeddedTemplate, type DatabaseHandle, openDatabase } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { signInTestApp, type TestRole } from './auth'

let embedded: Promise<Blob> | null = null
let server: Promise<string> | null = null

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(text)
  } finally {
    await admin.end()
  }
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

/** A migrated, empty template database on the server (dropEmptyTemplate() drops it). */
async function serverTemplate(): Promise<string> {
  const name = `wangge_e_tpl_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`) // [a-z0-9_] by construction
  const handle = await openDatabase({ databaseUrl: databaseUrl(name) })
  await migrate(handle.pool)
  await handle.close()
  // a closed pool's sessions may still be ending: a copy needs the template to itself
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`)
  return name
}

/** Drops the server's empty template, if one was made (call in afterAll). */
export async function dropEmptyTemplate(): Promise<void> {
  if (!server) return
  const name = await server
  server = null
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}

export async function openEmptyDatabase(): Promise<DatabaseHandle> {
  if (inject('engine') !== 'postgres') {
    embedded ??= createEmbeddedTemplate(async (handle) => {
      await migrate(handle.pool)
    })
    return openDatabase({ dataDir: 'memory://', loadDataDir: await embedded })
  }
  server ??= serverTemplate()
  const template = await server
  const name = `wangge_e_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  const handle = await openDatabase({ databaseUrl: databaseUrl(name), maxConnections: 4 })
  const close = handle.close
  handle.close = async () => {
    await close()
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  return handle
}

/** The app on an empty database, for inject() tests; signed in as the administrator by default. */
export async function startEmptyApp(options: { as?: TestRole } = {}) {
  const database = await openEmptyDatabase()
  const app = await buildApp({ database, logLevel: 'silent' })
  const session = await signInTestApp(app, database, options.as === undefined ? 'administrator' : options.as)
  return {
    app,
    database,
    session,
    async close() {
      await app.close()
      await database.close()
    },
  }
}
