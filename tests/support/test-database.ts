// A private database per test file, copied from the ready template (global-setup.ts).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import type { RateLimits } from '../../core/auth/rate-limits'
import { buildApp } from '../../server/app'
import { type DatabaseHandle, openDatabase } from '../../server/db/engine'
import { registerListeningSession, setGdalToken, signInTestApp, type TestRole } from './auth'

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (inject('engine') === 'postgres') return copyServerTemplate(inject('templateDatabase'))
  const dump = new Blob([readFileSync(inject('templatePath'))])
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump })
}

async function copyServerTemplate(template: string): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL!
  const name = `wangge_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`) // both names are [a-z0-9_]
  await admin.end()
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 })
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

/**
 * The app on a private database, for inject() tests; `listen` also serves it on a port. Signed in
 * as `as` (default: the administrator; `null`: nobody): `app.inject` sends the session, `session`
 * has its cookie, CSRF token and an API token (GDAL's requests carry it).
 */
export async function startTestApp(
  options: { listen?: boolean; webRoot?: string; as?: TestRole; rateLimits?: RateLimits | false } = {},
) {
  const database = await openTestDatabase()
  // no rate limits unless a test asks for them (tests repeat expensive requests on purpose)
  const app = await buildApp({
    database,
    logLevel: 'silent',
    webRoot: options.webRoot,
    rateLimits: options.rateLimits ?? false,
  })
  const session = await signInTestApp(app, database, options.as === undefined ? 'administrator' : options.as)
  let url = ''
  if (options.listen) {
    url = await app.listen({ port: 0, host: '127.0.0.1' })
    setGdalToken(session?.token ?? null)
    registerListeningSession(url, session)
  }
  return {
    app,
    database,
    url,
    session,
    async close() {
      if (url) registerListeningSession(url, null)
      await app.close()
      await database.close()
    },
  }
}
