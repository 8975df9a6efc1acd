// User administration (users.admin), kiosk links (users.admin) and the audit log (audit.read).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  AuditQuery,
  AuditRow,
  ErrorBody,
  IntId,
  KioskCreate,
  KioskLink,
  PasswordReset,
  UserAccount,
  UserCreate,
  UserPatch,
} from '../../../core/api'
import { passwordProblem } from '../../../core/auth/permissions'
import { neutralise } from '../../../core/export/csv'
import { principalOf } from '../../plugins/auth'
import { AppError, notFound } from '../../plugins/errors'
import * as repo from './auth.repository'
import { digest, hashPassword, newSecret } from './password'

const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const IdParams = Type.Object({ id: IntId })

const account = (u: repo.UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  streets: u.streets.map((s) => s.trim()),
  locked: u.locked,
  lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
  failedSignIns: u.failedSignIns,
  hasApiToken: u.hasApiToken,
})

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function checkStreets(role: string, streets: string[]) {
    if (role !== 'street_planner' && streets.length)
      throw new AppError(
        'BAD_ROLE',
        `only a street_planner has streets; a ${role} edits ${role === 'district_planner' || role === 'administrator' ? 'anywhere' : 'nowhere'}`,
      )
    const known = await repo.streetCodesExisting(app.db, streets)
    const unknown = streets.filter((s) => !known.includes(s))
    if (unknown.length) throw new AppError('UNKNOWN_STREET', `unknown street ${unknown.join(', ')} (see /api/streets)`)
  }

  async function lastAdminGuard(id: number, next: { role?: string; locked?: boolean }) {
    const users = await repo.listUsers(app.db)
    const admins = users.filter((u) => u.role === 'administrator' && !u.locked)
    const target = users.find((u) => u.id === id)
    const demoted = next.role !== undefined && next.role !== 'administrator'
    if (target?.role === 'administrator' && (demoted || next.locked) && admins.length <= 1 && admins[0]?.id === id)
      throw new AppError('LAST_ADMINISTRATOR', 'this is the last unlocked administrator: make another one first')
  }

  app.get(
    '/users',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Every account with role, streets and lock state',
        response: { 200: Type.Array(UserAccount), ...Errors },
      },
    },
    async () => (await repo.listUsers(app.db)).map(account),
  )

  app.post(
    '/users',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        body: UserCreate,
        response: { 201: UserAccount, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body
      const streets = b.streets ?? []
      await checkStreets(b.role, streets)
      const problem = passwordProblem(b.password)
      if (problem) throw new AppError('WEAK_PASSWORD', problem)
      if (await repo.userByUsername(app.db, b.username))
        throw new AppError('USERNAME_TAKEN', `the user name "${b.username}" is taken`)
      const id = await repo.insertUser(app.db, { ...b, streets, passwordHash: await hashPassword(b.password) })
      const created = account((await repo.userById(app.db, id))!)
      req.auditNote = { action: 'user create', target: b.username, after: created }
      return reply.status(201).send(created)
    },
  )

  app.patch(
    '/users/:id',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Change role, streets, name, or lock / unlock an account (a lock ends its sessions)',
        params: IdParams,
        body: UserPatch,
        response: { 200: UserAccount, ...Errors },
      },
    },
    async (req) => {
      const before = await repo.userById(app.db, req.params.id)
      if (!before) throw notFound('user', req.params.id)
      const role = req.body.role ?? before.role
      const streets = req.body.streets ?? (role === 'street_planner' ? before.streets : [])
      await checkStreets(role, streets)
      await lastAdminGuard(before.id, req.body)
      await repo.updateUser(app.db, before.id, { ...req.body, streets })
      if (req.body.locked) await repo.deleteSessionsOfUser(app.db, before.id)
      const after = account((await repo.userById(app.db, before.id))!)
      const roleChanged = after.role !== before.role || after.streets.join() !== before.streets.join()
      req.auditNote = {
        action: roleChanged
          ? 'role change'
          : req.body.locked !== undefined
            ? req.body.locked
              ? 'user lock'
              : 'user unlock'
            : 'user update',
        target: before.username,
        before: account(before),
        after,
      }
      return after
    },
  )

  app.post(
    '/users/:id/password',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Reset an account’s password (ends its sessions and lifts a back-off)',
        params: IdParams,
        body: PasswordReset,
        response: { 204: Type.Null(), ...Errors },
      },
    },
    async (req, reply) => {
      const user = await repo.userById(app.db, req.params.id)
      if (!user) throw notFound('user', req.params.id)
      const problem = passwordProblem(req.body.password)
      if (problem) throw new AppError('WEAK_PASSWORD', problem)
      await repo.setPasswordHash(app.db, user.id, await hashPassword(req.body.password))
      await repo.deleteSessionsOfUser(app.db, user.id)
      req.auditNote = { action: 'password reset', target: user.username }
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/kiosk-links',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Wall kiosk links (without their secret)',
        response: { 200: Type.Array(KioskLink), ...Errors },
      },
    },
    async () => (await repo.listKioskLinks(app.db)).map(kiosk),
  )

  app.post(
    '/kiosk-links',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'A revocable read-only wall link bound to a street (or the district); its URL is shown once',
        body: KioskCreate,
        response: { 201: KioskLink, ...Errors },
      },
    },
    async (req, reply) => {
      const streetCode = req.body.streetCode ?? ''
      if (streetCode && !(await repo.streetCodesExisting(app.db, [streetCode])).length)
        throw new AppError('UNKNOWN_STREET', `unknown street ${streetCode} (see /api/streets)`)
      const token = newSecret()
      const me = await principalOf(req)
      const id = await repo.insertKioskLink(app.db, {
        tokenHash: digest(token),
        label: req.body.label,
        streetCode,
        createdBy: me?.userId ?? null,
      })
      const link = (await repo.listKioskLinks(app.db)).find((k) => k.id === id)!
      req.auditNote = { action: 'kiosk link create', target: String(id), after: kiosk(link) }
      return reply.status(201).send({ ...kiosk(link), url: `/k/${token}` })
    },
  )

  app.post(
    '/kiosk-links/:id/revoke',
    {
      config: { permission: 'users.admin' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke a wall link: its displays are signed out',
        params: IdParams,
        response: { 204: Type.Null(), ...Errors },
      },
    },
    async (req, reply) => {
      if (!(await repo.revokeKioskLink(app.db, req.params.id))) throw notFound('active kiosk link', req.params.id)
      req.auditNote = { action: 'kiosk link revoke', target: String(req.params.id) }
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['auth'],
        summary: 'The audit log, newest first (append-only)',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditRow), ...Errors },
      },
    },
    async (req) => (await readAudit(req.query)).map(auditRow),
  )

  app.get(
    '/audit.csv',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['auth'], summary: 'The audit log as CSV (UTF-8 with BOM)', querystring: AuditQuery },
    },
    async (req, reply) => {
      const rows = (await readAudit({ ...req.query, limit: req.query.limit ?? 5000 })).map(auditRow)
      const header = ['id', 'at', 'actor', 'role', 'ip', 'action', 'target', 'status', 'before', 'after', 'details']
      const cell = (v: unknown) => {
        const text =
          v === null || v === undefined ? '' : neutralise(typeof v === 'object' ? JSON.stringify(v) : String(v))
        return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
      }
      const lines = [
        header.join(','),
        ...rows.map((r) => header.map((h) => cell((r as Record<string, unknown>)[h])).join(',')),
      ]
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="wangge-audit.csv"')
        .send(`\uFEFF${lines.join('\r\n')}\r\n`)
    },
  )

  const readAudit = (q: { limit?: number; offset?: number; actor?: string; action?: string }) =>
    repo.readAudit(app.db, { limit: q.limit ?? 200, offset: q.offset ?? 0, actor: q.actor, action: q.action })
}

const kiosk = (k: { id: number; label: string; streetCode: string; createdAt: Date; revokedAt: Date | null }) => ({
  id: k.id,
  label: k.label,
  streetCode: k.streetCode,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
})

const auditRow = (r: Awaited<ReturnType<typeof repo.readAudit>>[number]) => ({
  ...r,
  id: Number(r.id),
  at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
})
