// An empty database as a real deployment starts: the schema and the standards (settings, facility
// types) from the migrations, no demo world. In memory for PGlite, a fresh database on a server.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../../server/app'
import { type DatabaseHandle, openDatabase } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'

export async function openEmptyDatabase(): Promise<DatabaseHandle> {
  if (inject('engine') !== 'postgres') {
    const handle = await openDatabase({ dataDir: 'memory://' })
    await migrate(handle.pool)
    return handle
  }
  const databaseUrl = process.env.DATABASE_URL!
  const name = `wangge_e_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`) // [a-z0-9_] by construction
  await admin.end()
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 })
  await migrate(handle.pool)
  const close = handle.close
  handle.close = async () => {
    await close()
    const drop = new pg.Client({ connectionString: databaseUrl })
    await drop.connect()
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await drop.end()
  }
  return handle
}

/** The app on an empty database, for inject() tests. */
export async function startEmptyApp() {
  const database = await openEmptyDatabase()
  const app = await buildApp({ database, logLevel: 'silent' })
  return {
    app,
    database,
    async close() {
      await app.close()
      await database.close()
    },
  }
}
