// Signing in and out, one's own password and API token, and the kiosk link's entry (/k/:token).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiToken, ErrorBody, Me, PasswordChange, SignInRequest } from '../../../core/api'
import { lockoutSeconds, passwordProblem, permissionsOf } from '../../../core/auth/permissions'
import {
  audit,
  clearSessionCookies,
  type Principal,
  parseCookies,
  principalOf,
  requireUser,
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionCookies,
} from '../../plugins/auth'
import { AppError } from '../../plugins/errors'
import * as repo from './auth.repository'
import { DUMMY_HASH, digest, hashPassword, newSecret, verifyPassword } from './password'

/** Failed sign-ins for user names that do not exist, per client address (same back-off). */
const unknownFailures = new Map<string, { count: number; until: number }>()

export async function meOf(p: Principal | null, analystsMayPlan: boolean) {
  if (!p) return { signedIn: false, permissions: ['public' as const] }
  return {
    signedIn: true,
    kind: p.kind,
    username: p.name,
    displayName: p.displayName,
    role: p.role,
    streets: p.streets,
    permissions: [...permissionsOf(p.role, { analystsMayPlan })],
    ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
  }
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const startSession = async (ids: { userId?: number; kioskLinkId?: number }) => {
    const sid = newSecret()
    const csrf = newSecret()
    const hours = ids.kioskLinkId ? 24 * 30 : SESSION_HOURS
    await repo.insertSession(app.db, {
      idHash: digest(sid),
      ...ids,
      csrfToken: csrf,
      expiresAt: new Date(Date.now() + hours * 3600_000),
    })
    return { sid, csrf, maxAge: hours * 3600 }
  }

  app.post(
    '/auth/sign-in',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with user name and password: sets the session cookie (HttpOnly, SameSite) and the CSRF cookie',
        body: SignInRequest,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body
      const user = await repo.userByUsername(app.db, username.trim().toLowerCase())
      const now = Date.now()
      const fail = async (reason: string) => {
        await audit(req, { action: 'sign-in failed', target: username, status: 401, details: { reason } })
        return new AppError('BAD_CREDENTIALS', 'wrong user name or password')
      }
      if (!user) {
        const seen = unknownFailures.get(req.ip) ?? { count: 0, until: 0 }
        if (seen.until > now) throw tooMany(seen.until - now)
        await verifyPassword(password, DUMMY_HASH) // same time as a real check
        seen.count++
        seen.until = now + lockoutSeconds(seen.count) * 1000
        unknownFailures.set(req.ip, seen)
        throw await fail('unknown user name')
      }
      if (user.locked) {
        await audit(req, { action: 'sign-in failed', target: username, status: 403, details: { reason: 'locked' } })
        throw new AppError('ACCOUNT_LOCKED', `the account "${user.username}" is locked: ask an administrator`)
      }
      if (user.lockedUntil && user.lockedUntil.getTime() > now) throw tooMany(user.lockedUntil.getTime() - now)
      if (!(await verifyPassword(password, user.passwordHash))) {
        const wait = lockoutSeconds(user.failedSignIns + 1)
        await repo.recordFailedSignIn(app.db, user.id, wait ? new Date(now + wait * 1000) : null)
        throw await fail('wrong password')
      }
      await repo.clearFailedSignIns(app.db, user.id)
      const { sid, csrf, maxAge } = await startSession({ userId: user.id })
      reply.header('set-cookie', sessionCookies(req, sid, csrf, maxAge))
      req.principalCache = {
        kind: 'user',
        via: 'cookie',
        userId: user.id,
        kioskLinkId: null,
        name: user.username,
        displayName: user.displayName,
        role: user.role,
        streets: user.streets,
        csrfToken: csrf,
      }
      await audit(req, { action: 'sign-in', target: user.username, status: 200 })
      return meOf(req.principalCache, await repo.analystsMayPlan(app.db))
    },
  )

  app.post(
    '/auth/sign-out',
    {
      config: { permission: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE]
      if (sid) {
        await principalOf(req)
        await repo.deleteSession(app.db, digest(sid))
        if (req.principalCache) await audit(req, { action: 'sign-out', status: 204 })
      }
      clearSessionCookies(reply)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with role, streets and permissions',
        response: { 200: Me },
      },
    },
    async (req) => meOf(await principalOf(req), await repo.analystsMayPlan(app.db)),
  )

  app.post(
    '/auth/password',
    {
      config: { permission: 'read' },
      // a wall (kiosk) session is refused before its body is looked at
      preValidation: async (req) => {
        await requireUser(req)
      },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (the current one is asked again); other sessions end',
        body: PasswordChange,
        response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const me = await requireUser(req)
      const user = (await repo.userById(app.db, me.userId))!
      if (!(await verifyPassword(req.body.current, user.passwordHash)))
        throw new AppError('BAD_CREDENTIALS', 'the current password is wrong')
      const problem = passwordProblem(req.body.next)
      if (problem) throw new AppError('WEAK_PASSWORD', problem)
      await repo.setPasswordHash(app.db, me.userId, await hashPassword(req.body.next))
      const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE]
      await repo.deleteSessionsOfUser(app.db, me.userId, sid ? digest(sid) : undefined)
      await audit(req, { action: 'password change', target: me.name, status: 204 })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/auth/token',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['auth'],
        summary: 'A new personal API token for GIS clients (replaces the previous one); shown once',
        response: { 200: ApiToken, 401: ErrorBody },
      },
    },
    async (req) => {
      const me = await requireUser(req)
      const token = newSecret('wgt_')
      await repo.setApiTokenHash(app.db, me.userId, digest(token))
      await audit(req, { action: 'api token issued', target: me.name, status: 200 })
      return { token }
    },
  )
}

/** GET /k/:token: a kiosk link signs the wall display in (read-only) and opens the wall. */
export const kioskEntryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/k/:token',
    {
      config: { permission: 'public' },
      schema: { hide: true, params: Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }) },
    },
    async (req, reply) => {
      const link = await repo.kioskLinkByToken(app.db, digest(req.params.token))
      if (!link) {
        await audit(req, { action: 'kiosk link refused', status: 401 })
        throw new AppError(
          'UNAUTHENTICATED',
          'this wall link is unknown or was revoked: ask an administrator for a new one',
        )
      }
      const sid = newSecret()
      const csrf = newSecret()
      const hours = 24 * 30
      await repo.insertSession(app.db, {
        idHash: digest(sid),
        kioskLinkId: link.id,
        csrfToken: csrf,
        expiresAt: new Date(Date.now() + hours * 3600_000),
      })
      await audit(req, {
        action: 'kiosk link used',
        target: String(link.id),
        status: 302,
        actor: `kiosk:${link.id}`,
        role: 'kiosk',
      })
      reply.header('set-cookie', sessionCookies(req, sid, csrf, hours * 3600))
      return reply.redirect(link.streetCode ? `/wall?street=${link.streetCode}` : '/wall')
    },
  )
}

function tooMany(ms: number) {
  const s = Math.ceil(ms / 1000)
  return new AppError('TOO_MANY_ATTEMPTS', `too many failed sign-ins: try again in ${s} s`, { retryAfterSeconds: s })
}
