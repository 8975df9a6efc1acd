// Accounts and roles on every request (issue 13, ADR 16). Three hooks:
// - onRoute: every route declares `config: { permission }` (core/auth/permissions.ts); a route
//   without one stops the app from being built. Plugins that serve only public files (static web
//   files, the API docs) are registered in a context that declares `public` for them.
// - onRequest: who is asking (session cookie, `Authorization: Bearer` API token, or a kiosk
//   session), then 401 when nobody is signed in, 403 naming the missing permission, and 403 for a
//   cookie-authenticated write without its session's X-CSRF-Token header.
// - onSend: one audit row for every use of an audited permission (writes and downloads).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AUDITED, can, isPermission, type Permission, type Role, streetsRefused } from '../../core/auth/permissions'
import * as repo from '../modules/auth/auth.repository'
import { digest } from '../modules/auth/password'
import { AppError } from './errors'

export const SESSION_COOKIE = 'wangge_session'
export const CSRF_COOKIE = 'wangge_csrf'
export const CSRF_HEADER = 'x-csrf-token'
export const SESSION_HOURS = 12

export interface Principal {
  kind: 'user' | 'kiosk'
  /** how the request proved who it is: a cookie (CSRF checked on writes) or a bearer token */
  via: 'cookie' | 'bearer'
  userId: number | null
  kioskLinkId: number | null
  /** the user name, or `kiosk:<id>` */
  name: string
  displayName: string
  role: Role
  streets: string[]
  csrfToken: string | null
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission
  }
  interface FastifyRequest {
    /** resolved once per request by `principalOf` */
    principalCache?: Principal | null
    /** set by a route: what the audit row records as before / after / target, beyond the default */
    auditNote?: { action?: string; target?: string; before?: unknown; after?: unknown; actor?: string }
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i < 0) continue
    const key = part.slice(0, i).trim()
    const value = part.slice(i + 1).trim()
    if (key && !(key in out)) {
      try {
        out[key] = decodeURIComponent(value)
      } catch {
        out[key] = value
      }
    }
  }
  return out
}

/** Who is asking, or null; resolved once per request. */
export async function principalOf(req: FastifyRequest): Promise<Principal | null> {
  if (req.principalCache !== undefined) return req.principalCache
  req.principalCache = await resolve(req)
  return req.principalCache
}

/**
 * Who a session or token was, for a moment: a map served hundreds of tiles a second asks the same
 * thing each time, and on the embedded engine the two lookups cost more than the tile (ADR 15).
 * Any write request empties it (sign-out, a lock, a role change are writes), and an entry lives at
 * most PRINCIPAL_TTL_MS, so a change made outside the API is seen within that time.
 */
const PRINCIPAL_TTL_MS = 2000
// keyed by the database handle: one per app, the same object in every encapsulated plugin context
// (req.server is a child instance inside a plugin, so keying by it kept entries a write never cleared)
const recentPrincipals = new WeakMap<object, Map<string, { principal: Principal | null; until: number }>>()
const principalsOf = (db: object) => {
  let map = recentPrincipals.get(db)
  if (!map) {
    map = new Map()
    recentPrincipals.set(db, map)
  }
  return map
}

async function resolve(req: FastifyRequest): Promise<Principal | null> {
  const authorization = req.headers.authorization
  const sid = authorization?.toLowerCase().startsWith('bearer ')
    ? undefined
    : parseCookies(req.headers.cookie)[SESSION_COOKIE]
  if (!sid && !authorization?.toLowerCase().startsWith('bearer ')) return null
  const key = sid ? `c:${digest(sid)}` : `b:${digest(authorization!.slice(7).trim())}`
  const recent = principalsOf(req.server.db)
  const now = Date.now()
  const hit = recent.get(key)
  if (hit && hit.until > now) return hit.principal && { ...hit.principal, streets: [...hit.principal.streets] }
  const found = await lookUp(req, key)
  if (recent.size > 10_000) recent.clear()
  recent.set(key, { principal: found.principal, until: Math.min(now + PRINCIPAL_TTL_MS, found.expiresAt ?? Infinity) })
  return found.principal && { ...found.principal, streets: [...found.principal.streets] }
}

async function lookUp(req: FastifyRequest, key: string): Promise<{ principal: Principal | null; expiresAt?: number }> {
  const db = req.server.db
  if (key.startsWith('b:')) {
    const user = await repo.userByApiToken(db, key.slice(2))
    if (!user || user.locked) return { principal: null }
    return { principal: { ...fromUser(user), via: 'bearer', csrfToken: null } }
  }
  const session = await repo.sessionByHash(db, key.slice(2))
  if (!session) return { principal: null }
  const expiresAt = new Date(session.expiresAt).getTime()
  if (session.user)
    return { principal: { ...fromUser(session.user), via: 'cookie', csrfToken: session.csrfToken }, expiresAt }
  const k = session.kiosk!
  return {
    principal: {
      kind: 'kiosk',
      via: 'cookie',
      userId: null,
      kioskLinkId: k.id,
      name: `kiosk:${k.id}`,
      displayName: k.label,
      role: 'kiosk',
      streets: k.streetCode ? [k.streetCode] : [],
      csrfToken: session.csrfToken,
    },
    expiresAt,
  }
}

function fromUser(u: repo.UserRow) {
  return {
    kind: 'user' as const,
    userId: u.id,
    kioskLinkId: null,
    name: u.username,
    displayName: u.displayName,
    role: u.role,
    streets: u.streets.map((s) => s.trim()),
  }
}

/** The signed-in user, or a 401 (for routes that act on one's own account). */
export async function requireUser(req: FastifyRequest): Promise<Principal & { userId: number }> {
  const p = await principalOf(req)
  if (!p) throw new AppError('UNAUTHENTICATED', 'sign in with a user account first')
  if (p.kind !== 'user' || p.userId === null)
    throw new AppError('FORBIDDEN', 'a wall (kiosk) link has no account: no password or API token of its own')
  return p as Principal & { userId: number }
}

/** The revision author: the signed-in person (never the request body). */
export async function authorOf(req: FastifyRequest): Promise<string> {
  const p = await principalOf(req)
  return p ? `${p.displayName} (${p.name})` : 'anonymous'
}

/**
 * Street scope on the server: a street planner may write only in their own streets. `touched`
 * are the street codes the write reads or changes; a 403 names the first one outside.
 */
export async function assertStreets(req: FastifyRequest, touched: Iterable<string>): Promise<void> {
  const p = await principalOf(req)
  if (!p) throw new AppError('UNAUTHENTICATED', 'sign in first')
  const refused = streetsRefused(
    p.role,
    p.streets,
    [...touched].map((s) => s.trim()),
  )
  if (refused.length)
    throw new AppError(
      'OUTSIDE_STREETS',
      `you may edit only in your streets (${p.streets.join(', ') || 'none assigned'}); this change touches street ${refused.join(', ')}`,
      { streets: refused },
    )
}

/** Whether the signed-in principal holds a permission (for routes that need a second one). */
export async function holds(req: FastifyRequest, permission: Permission): Promise<boolean> {
  const p = await principalOf(req)
  return can(p?.role ?? null, permission, { analystsMayPlan: await analystToggle(req, p?.role ?? null, permission) })
}

async function analystToggle(req: FastifyRequest, role: Role | null, permission: Permission) {
  return role === 'analyst' && permission === 'facilities.plan' ? repo.analystsMayPlan(req.server.db) : false
}

export async function requirePermission(req: FastifyRequest, permission: Permission): Promise<void> {
  if (permission === 'public') return
  const p = await principalOf(req)
  if (!p)
    throw new AppError(
      'UNAUTHENTICATED',
      `sign in first: ${req.method} ${routeOf(req)} needs the permission "${permission}"`,
    )
  if (!can(p.role, permission, { analystsMayPlan: await analystToggle(req, p.role, permission) }))
    throw new AppError(
      'FORBIDDEN',
      `your role "${p.role}" does not have the permission "${permission}" that ${req.method} ${routeOf(req)} needs`,
      { permission, role: p.role },
    )
}

/** Units and buildings are detail (`read.detail`): a viewer or the wall sees communities and above. */
export const DETAIL_LAYERS: ReadonlySet<string> = new Set(['units', 'buildings', 'coverage-gaps'])

export async function requireDetailFor(req: FastifyRequest, layer: string | undefined): Promise<void> {
  if (layer && DETAIL_LAYERS.has(layer)) await requirePermission(req, 'read.detail')
}

const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? req.url.split('?')[0]

export function sessionCookies(req: FastifyRequest, sid: string, csrf: string, maxAgeSeconds: number): string[] {
  const secure = req.protocol === 'https' ? '; Secure' : ''
  return [
    `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`,
    // readable by the page: it sends it back as X-CSRF-Token (double submit, checked against the session)
    `${CSRF_COOKIE}=${csrf}; Path=/; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`,
  ]
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.header('set-cookie', [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    `${CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0`,
  ])
}

/** Appends one audit row for this request (who, from where, what, before / after). */
export async function audit(req: FastifyRequest, entry: Partial<repo.AuditEntry> & { action: string }) {
  const p = req.principalCache ?? null
  await repo.appendAudit(req.server.db, {
    actor: p?.name ?? 'anonymous',
    role: p?.role ?? null,
    ip: req.ip,
    ...entry,
  })
}

const SECRET_FIELDS = /password|token/i
function scrub(body: unknown): unknown {
  if (Buffer.isBuffer(body)) return { bytes: body.length }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body ?? null
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? '***' : v]))
}

const MAX_AUDITED_PAYLOAD = 256 * 1024

export function registerAuth(app: FastifyInstance) {
  app.addHook('onRoute', function (route) {
    const fallback = (this as unknown as { defaultPermission?: Permission }).defaultPermission
    const declared = route.config?.permission ?? fallback
    if (!isPermission(declared))
      throw new Error(
        `route ${route.method} ${route.url} declares no permission: add config: { permission: '…' } (core/auth/permissions.ts)`,
      )
    route.config = { ...(route.config ?? {}), permission: declared }
  })

  // a write may sign out, lock or change anyone: who a session is gets looked up afresh, during and after it
  const forgetPrincipals = async (req: FastifyRequest) => {
    if (UNSAFE.has(req.method)) recentPrincipals.get(req.server.db)?.clear()
  }
  app.addHook('onResponse', forgetPrincipals)
  app.addHook('onRequest', async (req) => {
    await forgetPrincipals(req)
    const permission = req.routeOptions.config?.permission
    if (!permission) return // no route matched: the 404 handler answers
    const unsafe = UNSAFE.has(req.method)
    if (permission === 'public' && !unsafe) return
    await requirePermission(req, permission)
    const p = await principalOf(req)
    if (unsafe && p?.via === 'cookie' && req.headers[CSRF_HEADER] !== p.csrfToken)
      throw new AppError(
        'CSRF_FAILED',
        `a write signed in by cookie needs the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie`,
      )
  })

  app.addHook('onSend', async (req, reply, payload) => {
    const permission = req.routeOptions.config?.permission
    if (!permission || !AUDITED.has(permission)) return payload
    const status = reply.statusCode
    if (status >= 400 && status !== 401 && status !== 403) return payload
    const note = req.auditNote ?? {}
    let after: unknown = note.after
    if (after === undefined && status < 400 && UNSAFE.has(req.method) && typeof payload === 'string') {
      if (payload.length <= MAX_AUDITED_PAYLOAD) {
        try {
          after = JSON.parse(payload)
        } catch {
          after = null
        }
      }
    }
    await audit(req, {
      action: note.action ?? `${req.method} ${routeOf(req)}`,
      target: note.target ?? (Object.keys(req.params as object).length ? JSON.stringify(req.params) : null),
      status,
      before: note.before,
      after,
      details: {
        permission,
        ...(req.method === 'GET' ? { query: req.query } : { body: scrub(req.body) }),
      },
      ...(note.actor ? { actor: note.actor } : {}),
    })
    return payload
  })
}

/** Registers `plugin` in a context whose routes are all `public` (static files, API docs). */
export async function registerPublic(app: FastifyInstance, plugin: (scope: FastifyInstance) => Promise<void>) {
  await app.register(async (scope) => {
    scope.decorate('defaultPermission', 'public')
    await plugin(scope)
  })
}
