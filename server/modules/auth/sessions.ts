// A session opened without a password, for tests, benchmarks and scripts that drive the app on a
// database they own: the demo account of a role (or a new kiosk link) gets a session and an API
// token. Never reachable over HTTP.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Role } from '../../../core/auth/permissions'
import type { Database } from '../../db/schema'
import { DEMO_ACCOUNTS, ensureDemoAccounts } from './accounts'
import * as repo from './auth.repository'
import { digest, newSecret } from './password'

export interface OpenedSession {
  role: Role
  username: string
  sid: string
  csrf: string
  /** an API token (Bearer) for the same user; null for a kiosk */
  token: string | null
  /** headers that authenticate a request: session cookie and CSRF header */
  headers: { cookie: string; 'x-csrf-token': string }
}

export async function openSessionAs(
  db: Kysely<Database>,
  role: Role,
  options: { kioskStreet?: string } = {},
): Promise<OpenedSession> {
  await ensureDemoAccounts(db)
  const sid = newSecret()
  const csrf = newSecret()
  const expiresAt = new Date(Date.now() + 24 * 3600_000)
  let username: string
  let token: string | null = null
  if (role === 'kiosk') {
    const id = await repo.insertKioskLink(db, {
      tokenHash: digest(newSecret()),
      label: 'test wall',
      streetCode: options.kioskStreet ?? '',
      createdBy: null,
    })
    await repo.insertSession(db, { idHash: digest(sid), kioskLinkId: id, csrfToken: csrf, expiresAt })
    username = `kiosk:${id}`
  } else {
    const demo = DEMO_ACCOUNTS.find((a) => a.role === role)!
    const user = await repo.userByUsername(db, demo.username)
    if (!user) throw new Error(`no demo account "${demo.username}" for role ${role}`)
    await repo.insertSession(db, { idHash: digest(sid), userId: user.id, csrfToken: csrf, expiresAt })
    token = newSecret('wgt_')
    await repo.setApiTokenHash(db, user.id, digest(token))
    username = user.username
  }
  return {
    role,
    username,
    sid,
    csrf,
    token,
    headers: { cookie: `wangge_session=${sid}; wangge_csrf=${csrf}`, 'x-csrf-token': csrf },
  }
}

type InjectArg = string | { url?: string; headers?: Record<string, unknown>; [key: string]: unknown }

/**
 * Opens a session for `role` and makes `app.inject` send it (cookie + CSRF header) unless a
 * request brings its own cookie or Authorization header: for tests and benchmarks.
 */
export async function injectAs(app: FastifyInstance, db: Kysely<Database>, role: Role): Promise<OpenedSession> {
  const session = await openSessionAs(db, role)
  const original = app.inject.bind(app) as (opts?: unknown, cb?: unknown) => unknown
  const withSession = (opts: InjectArg) => {
    const o = typeof opts === 'string' ? { url: opts } : { ...opts }
    const headers: Record<string, unknown> = { ...(o.headers ?? {}) }
    const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name)
    if (!has('cookie') && !has('authorization')) {
      headers.cookie = session.headers.cookie
      if (!has('x-csrf-token')) headers['x-csrf-token'] = session.csrf
    }
    return { ...o, headers }
  }
  ;(app as unknown as { inject: unknown }).inject = (opts?: InjectArg, cb?: unknown) =>
    opts === undefined ? original() : original(withSession(opts), cb)
  return session
}
