// All SQL for accounts, sessions, API tokens, kiosk links and the audit log.
import { type Kysely, sql } from 'kysely'
import type { Role } from '../../../core/auth/permissions'
import type { Database } from '../../db/schema'

type Db = Kysely<Database>

export interface UserRow {
  id: number
  username: string
  displayName: string
  role: Exclude<Role, 'kiosk'>
  streets: string[]
  locked: boolean
  failedSignIns: number
  lockedUntil: Date | null
  hasApiToken: boolean
  createdAt: Date
}

const userColumns = [
  'id',
  'username',
  'display_name as displayName',
  'role',
  'streets',
  'locked',
  'failed_sign_ins as failedSignIns',
  'locked_until as lockedUntil',
  sql<boolean>`api_token_hash IS NOT NULL`.as('hasApiToken'),
  'created_at as createdAt',
] as const

export async function userByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'password_hash as passwordHash'])
    .where('username', '=', username)
    .executeTakeFirst() as Promise<(UserRow & { passwordHash: string }) | undefined>
}

export async function userById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'password_hash as passwordHash'])
    .where('id', '=', id)
    .executeTakeFirst() as Promise<(UserRow & { passwordHash: string }) | undefined>
}

export async function userByApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('users')
    .select(userColumns)
    .where('api_token_hash', '=', tokenHash)
    .executeTakeFirst() as Promise<UserRow | undefined>
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').select(userColumns).orderBy('id').execute() as Promise<UserRow[]>
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: string; streets: string[]; passwordHash: string },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      streets: u.streets,
      password_hash: u.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateUser(
  db: Db,
  id: number,
  changes: { displayName?: string; role?: string; streets?: string[]; locked?: boolean },
): Promise<void> {
  const values: Record<string, unknown> = {}
  if (changes.displayName !== undefined) values.display_name = changes.displayName
  if (changes.role !== undefined) values.role = changes.role
  if (changes.streets !== undefined) values.streets = changes.streets
  if (changes.locked !== undefined) {
    values.locked = changes.locked
    if (!changes.locked) Object.assign(values, { failed_sign_ins: 0, locked_until: null })
  }
  if (Object.keys(values).length) await db.updateTable('users').set(values).where('id', '=', id).execute()
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: sql`now()`, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}

export async function setApiTokenHash(db: Db, id: number, tokenHash: string | null): Promise<void> {
  await db.updateTable('users').set({ api_token_hash: tokenHash }).where('id', '=', id).execute()
}

export async function recordFailedSignIn(db: Db, id: number, lockedUntil: Date | null): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_sign_ins: sql`failed_sign_ins + 1`, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute()
}

export async function clearFailedSignIns(db: Db, id: number): Promise<void> {
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute()
}

export async function streetCodesExisting(db: Db, codes: string[]): Promise<string[]> {
  if (!codes.length) return []
  const rows = await db.selectFrom('streets').select('code').where('code', 'in', codes).execute()
  return rows.map((r) => r.code.trim())
}

/** The street a community belongs to (street scope of grid edits), or undefined. */
export async function streetOfCommunity(db: Db, communityCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('communities')
    .select('street_code')
    .where('code', '=', communityCode)
    .executeTakeFirst()
  return row?.street_code.trim()
}

// sessions

export async function insertSession(
  db: Db,
  s: { idHash: string; userId?: number; kioskLinkId?: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId ?? null,
      kiosk_link_id: s.kioskLinkId ?? null,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
    })
    .execute()
}

export interface SessionRow {
  csrfToken: string
  expiresAt: Date
  user: UserRow | null
  kiosk: { id: number; label: string; streetCode: string } | null
}

export async function sessionByHash(db: Db, idHash: string): Promise<SessionRow | undefined> {
  const s = await db
    .selectFrom('sessions')
    .select(['user_id', 'kiosk_link_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  if (!s) return undefined
  if (s.user_id !== null) {
    const user = await db.selectFrom('users').select(userColumns).where('id', '=', s.user_id).executeTakeFirst()
    if (!user || user.locked) return undefined
    return { csrfToken: s.csrf_token, expiresAt: s.expires_at, user: user as UserRow, kiosk: null }
  }
  const kiosk = await db
    .selectFrom('kiosk_links')
    .select(['id', 'label', 'street_code as streetCode'])
    .where('id', '=', s.kiosk_link_id!)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!kiosk) return undefined
  return { csrfToken: s.csrf_token, expiresAt: s.expires_at, user: null, kiosk }
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

export async function deleteSessionsOfUser(db: Db, userId: number, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (except) q = q.where('id_hash', '<>', except)
  await q.execute()
}

// kiosk links

export async function insertKioskLink(
  db: Db,
  k: { tokenHash: string; label: string; streetCode: string; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('kiosk_links')
    .values({ token_hash: k.tokenHash, label: k.label, street_code: k.streetCode, created_by: k.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function kioskLinkByToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('kiosk_links')
    .select(['id', 'label', 'street_code as streetCode'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export async function listKioskLinks(db: Db) {
  return db
    .selectFrom('kiosk_links')
    .select(['id', 'label', 'street_code as streetCode', 'created_at as createdAt', 'revoked_at as revokedAt'])
    .orderBy('id')
    .execute()
}

export async function revokeKioskLink(db: Db, id: number): Promise<boolean> {
  const res = await db
    .updateTable('kiosk_links')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) return false
  await db.deleteFrom('sessions').where('kiosk_link_id', '=', id).execute()
  return true
}

export async function analystsMayPlan(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'auth.analysts_may_plan')
    .executeTakeFirst()
  return row?.value === true
}

// audit log (append-only: no update or delete here, and a trigger refuses them)

export interface AuditEntry {
  actor: string
  role: string | null
  ip: string | null
  action: string
  target?: string | null
  status?: number | null
  before?: unknown
  after?: unknown
  details?: unknown
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))

export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: e.actor,
      role: e.role,
      ip: e.ip,
      action: e.action,
      target: e.target ?? null,
      status: e.status ?? null,
      before: json(e.before),
      after: json(e.after),
      details: json(e.details),
    })
    .execute()
}

export async function readAudit(db: Db, q: { limit: number; offset: number; actor?: string; action?: string }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'role', 'ip', 'action', 'target', 'status', 'before', 'after', 'details'])
  if (q.actor) query = query.where('actor', '=', q.actor)
  if (q.action) query = query.where('action', '=', q.action)
  return query.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute()
}
