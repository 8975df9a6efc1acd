// The start's accounts (issue 13): the demo world has one account per role; a real deployment
// (WANGGE_DEMO=off) needs WANGGE_ADMIN_PASSWORD on an empty database and refuses to start while
// any demo account keeps its demo password.
import { afterAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../server/db/engine'
import { checkDeploymentAccounts, DEMO_ACCOUNTS } from '../../server/modules/auth/accounts'
import { dropEmptyTemplate, openEmptyDatabase } from '../support/empty-database'
import { openTestDatabase } from '../support/test-database'

const opened: DatabaseHandle[] = []
afterAll(async () => {
  for (const h of opened) await h.close()
  await dropEmptyTemplate()
})

describe('accounts at start', () => {
  it('a real deployment on an empty database needs a good WANGGE_ADMIN_PASSWORD, then has one administrator', {
    timeout: 300_000,
  }, async () => {
    const db = await openEmptyDatabase()
    opened.push(db)
    await expect(checkDeploymentAccounts(db.db, undefined)).rejects.toThrow(/WANGGE_ADMIN_PASSWORD/)
    await expect(checkDeploymentAccounts(db.db, 'short')).rejects.toThrow(/10 characters/)
    await expect(checkDeploymentAccounts(db.db, 'wangge-admin-again')).rejects.toThrow(/must not start/)
    expect(await checkDeploymentAccounts(db.db, 'a-long-secret-42')).toEqual([
      'administrator "admin" created from WANGGE_ADMIN_PASSWORD',
    ])
    const { rows } = await db.pool.query('SELECT username, role FROM users')
    expect(rows).toEqual([{ username: 'admin', role: 'administrator' }])
    expect(await checkDeploymentAccounts(db.db, undefined)).toEqual([]) // a second start
  })

  it('the demo world has one account per role, and WANGGE_DEMO=off refuses their demo passwords', {
    timeout: 300_000,
  }, async () => {
    const db = await openTestDatabase()
    opened.push(db)
    const { rows } = await db.pool.query('SELECT role FROM users ORDER BY id')
    expect(rows.map((r) => r.role)).toEqual(DEMO_ACCOUNTS.map((a) => a.role))
    expect((await db.pool.query('SELECT count(*)::int AS n FROM kiosk_links')).rows[0].n).toBeGreaterThanOrEqual(1)
    await expect(checkDeploymentAccounts(db.db, 'a-long-secret-42')).rejects.toThrow(
      /admin, district, street, analyst, viewer still have the demo password/,
    )
  })
})
