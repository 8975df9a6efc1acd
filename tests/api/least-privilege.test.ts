// Least privilege on the server engine (issue 13): the migrations run as an owner role; the server
// runs as a role that cannot create extensions, drop tables, or change the audit log (append
// only). A non-superuser owner without PostGIS gets a start-up message saying what a DBA does.
// The embedded engine has one superuser session: nothing to separate there.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { bootstrap } from '../../server/bootstrap'

const onServer = inject('engine') === 'postgres'
const suffix = randomBytes(4).toString('hex')
const owner = `wangge_owner_${suffix}`
const appRole = `wangge_app_${suffix}`
const database = `wangge_lp_${suffix}`
const bare = `wangge_lp_bare_${suffix}`

async function admin(text: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}
const urlOf = (user: string, db: string) => {
  const url = new URL(process.env.DATABASE_URL!)
  url.username = user
  url.password = ''
  url.pathname = `/${db}`
  return url.toString()
}

afterAll(async () => {
  if (!onServer) return
  for (const db of [database, bare]) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
  for (const role of [appRole, owner]) await admin(`DROP ROLE IF EXISTS ${role}`)
})

describe.runIf(onServer)('least privilege on the server engine', () => {
  it('tells a non-superuser owner without PostGIS what the DBA must do first', async () => {
    await admin(`CREATE ROLE ${owner} LOGIN NOSUPERUSER`)
    await admin(`CREATE ROLE ${appRole} LOGIN NOSUPERUSER`)
    await admin(`CREATE DATABASE ${bare} OWNER ${owner}`)
    await expect(
      bootstrap({
        databaseUrl: urlOf(owner, bare),
        demo: false,
        adminPassword: 'a-long-secret-42',
        seed: 1,
        scale: 0.01,
      }),
    ).rejects.toThrow(/CREATE EXTENSION IF NOT EXISTS postgis/)
  })

  it('migrates as the owner; the app role reads and writes rows but cannot drop, create extensions or change the audit log', async () => {
    await admin(`CREATE DATABASE ${database} OWNER ${owner}`)
    const dba = new pg.Client({ connectionString: urlOf(new URL(process.env.DATABASE_URL!).username, database) })
    await dba.connect()
    await dba.query('CREATE EXTENSION IF NOT EXISTS postgis') // the DBA's one step
    await dba.end()
    const handle = await bootstrap({
      databaseUrl: urlOf(appRole, database),
      databaseOwnerUrl: urlOf(owner, database),
      demo: false,
      adminPassword: 'a-long-secret-42',
      seed: 1,
      scale: 0.01,
    })
    try {
      const q = (text: string) => handle.pool.query(text)
      expect((await q('SELECT current_user AS u')).rows[0].u).toBe(appRole)
      expect((await q('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(1)
      await q("INSERT INTO audit_log (actor, action) VALUES ('test', 'least privilege')")
      await expect(q("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/permission denied/)
      await expect(q('DELETE FROM audit_log')).rejects.toThrow(/permission denied/)
      await expect(q('TRUNCATE audit_log')).rejects.toThrow(/permission denied/)
      await expect(q('DROP TABLE grids')).rejects.toThrow(/must be owner/)
      await expect(q('CREATE EXTENSION IF NOT EXISTS pgrouting')).rejects.toThrow(/permission denied|must be/)
      await q("UPDATE settings SET value = '300' WHERE key = 'grid.household_target'")
    } finally {
      await handle.close()
    }
  })
})
