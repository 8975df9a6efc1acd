// The accounts a start needs: the demo world's one account per role (printed with how to sign
// in), or a real deployment's first administrator from WANGGE_ADMIN_PASSWORD. A real deployment
// (WANGGE_DEMO=off) refuses to start while any account still has its demo password.
import type { Kysely } from 'kysely'
import { passwordProblem } from '../../../core/auth/permissions'
import type { Database } from '../../db/schema'
import * as repo from './auth.repository'
import { digest, hashPassword, newSecret, verifyPassword } from './password'

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'administrator', password: 'wangge-admin' },
  { username: 'district', displayName: '区规划员', role: 'district_planner', password: 'wangge-district' },
  { username: 'street', displayName: '街道规划员', role: 'street_planner', password: 'wangge-street' },
  { username: 'analyst', displayName: '分析员', role: 'analyst', password: 'wangge-analyst' },
  { username: 'viewer', displayName: '查看者', role: 'viewer', password: 'wangge-viewer' },
] as const

/** The demo street planner's street: the first street by code. */
async function firstStreet(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('streets').select('code').orderBy('code').executeTakeFirst()
  return row?.code.trim()
}

/** Creates the demo accounts and a wall link when there are no accounts yet; returns the lines to print. */
export async function ensureDemoAccounts(db: Kysely<Database>): Promise<string[]> {
  if ((await repo.countUsers(db)) > 0) return []
  const street = await firstStreet(db)
  const lines = ['demo accounts (one per role; WANGGE_DEMO=off refuses these passwords):']
  for (const a of DEMO_ACCOUNTS) {
    const streets = a.role === 'street_planner' && street ? [street] : []
    await repo.insertUser(db, { ...a, streets, passwordHash: await hashPassword(a.password) })
    lines.push(
      `  ${a.role.padEnd(17)} ${a.username.padEnd(9)} password ${a.password}${streets.length ? `  (street ${streets[0]})` : ''}`,
    )
  }
  const token = newSecret()
  await repo.insertKioskLink(db, {
    tokenHash: digest(token),
    label: '演示大屏 demo wall',
    streetCode: '',
    createdBy: null,
  })
  lines.push(`  kiosk (wall)      open /k/${token}`)
  return lines
}

/** For WANGGE_DEMO=off: the first administrator from the environment, and no demo password left. */
export async function checkDeploymentAccounts(
  db: Kysely<Database>,
  adminPassword: string | undefined,
): Promise<string[]> {
  if ((await repo.countUsers(db)) === 0) {
    if (!adminPassword)
      throw new Error(
        'WANGGE_DEMO=off and no account exists: set WANGGE_ADMIN_PASSWORD (10+ characters, not a demo password) to create the administrator "admin"',
      )
    const problem = passwordProblem(adminPassword)
    if (problem) throw new Error(`WANGGE_ADMIN_PASSWORD refused: ${problem}`)
    await repo.insertUser(db, {
      username: 'admin',
      displayName: '系统管理员',
      role: 'administrator',
      streets: [],
      passwordHash: await hashPassword(adminPassword),
    })
    return ['administrator "admin" created from WANGGE_ADMIN_PASSWORD']
  }
  const still: string[] = []
  for (const a of DEMO_ACCOUNTS) {
    const user = await repo.userByUsername(db, a.username)
    if (user && !user.locked && (await verifyPassword(a.password, user.passwordHash))) still.push(a.username)
  }
  if (still.length)
    throw new Error(
      `refusing to start with WANGGE_DEMO=off: the account(s) ${still.join(', ')} still have the demo password; ` +
        'change them (or lock them) first, e.g. start once with WANGGE_DEMO=on and use the user administration page',
    )
  return []
}
