// The route × role matrix (issue 13), generated from the OpenAPI document: every documented
// route, every role and nobody, the status the permission table predicts. A role without the
// route's permission gets 401 (nobody) or 403 FORBIDDEN naming it; a role with it never does
// (the requests carry no body or bad parameters, so nothing is written).
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, isPermission, ROLES, type Role } from '../../core/auth/permissions'
import { type OpenedSession, openSessionAs } from '../../server/modules/auth/sessions'
import { registerAuth } from '../../server/plugins/auth'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
const sessions = new Map<Role, OpenedSession>()
beforeAll(async () => {
  ctx = await startTestApp({ as: null })
  for (const role of ROLES) sessions.set(role, await openSessionAs(ctx.database.db, role))
})
afterAll(() => ctx?.close())

const SAMPLE: Record<string, string> = {
  code: '120116001',
  communityCode: '120116001001',
  id: '1',
  layer: 'grids',
  z: '0',
  x: '0',
  y: '0',
  collectionId: 'streets',
  featureId: '1',
}

describe('every route declares a permission', () => {
  it('refuses to build an app with a route that declares none', async () => {
    const app = Fastify()
    registerAuth(app)
    expect(() => app.get('/undeclared', async () => 'x')).toThrow(/declares no permission/)
    await app.close()
  })

  it('documents the permission of every operation (x-permission)', async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json<{
      paths: Record<string, Record<string, { 'x-permission'?: string }>>
    }>()
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, permission: op['x-permission'] })),
    )
    expect(ops.length).toBeGreaterThan(60)
    for (const op of ops) expect(isPermission(op.permission), `${op.method} ${op.path}`).toBe(true)
  })
})

describe('the route × role matrix', () => {
  // ~510 requests, some of them the first coverage or equity build: allow for a busy machine
  it('answers every documented route for every role as the permission table says', { timeout: 300_000 }, async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json<{
      paths: Record<string, Record<string, { 'x-permission': string }>>
    }>()
    let requests = 0
    const mismatches: string[] = []
    for (const [path, methods] of Object.entries(doc.paths)) {
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE[name] ?? '1')
      for (const [method, op] of Object.entries(methods)) {
        if (method === 'head') continue
        const permission = op['x-permission'] as Parameters<typeof can>[1]
        for (const role of [null, ...ROLES] as Array<Role | null>) {
          // a wall link reads, but has no account: no password or API token of its own
          const ownAccount = path === '/api/auth/password' || path === '/api/auth/token'
          const allowed = can(role, permission, { analystsMayPlan: false }) && !(role === 'kiosk' && ownAccount)
          // the event stream never ends, and signing out would end the session the next rows use
          if (allowed && path === '/api/events') continue
          if (role !== null && path === '/api/auth/sign-out') continue
          const session = role ? sessions.get(role)! : null
          const res = await ctx.app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: session ? session.headers : { cookie: 'wangge_session=none' },
          })
          requests++
          const status = res.statusCode
          const expected = allowed ? 'not 401/403' : role === null ? 401 : 403
          const ok = allowed
            ? status !== 401 && !(status === 403 && res.json().code === 'FORBIDDEN')
            : status === expected && (role === null || ownAccount || res.json().message.includes(`"${permission}"`))
          if (!ok)
            mismatches.push(`${method.toUpperCase()} ${url} as ${role ?? 'nobody'}: ${status}, expected ${expected}`)
        }
      }
    }
    console.log(`route × role matrix: ${requests} requests, ${mismatches.length} mismatches`)
    expect(mismatches).toEqual([])
    expect(requests).toBeGreaterThan(400)
  })

  it('keeps unit and building detail from viewers and the wall in tiles and OGC items, not from analysts', async () => {
    for (const url of [
      '/api/tiles/units/0/0/0.mvt',
      '/api/tiles/buildings/tilejson.json',
      '/ogc/collections/buildings/items?limit=1',
      '/ogc/collections/units/items/1',
    ]) {
      for (const role of ['viewer', 'kiosk'] as const) {
        const res = await ctx.app.inject({ url, headers: sessions.get(role)!.headers })
        expect(res.statusCode, `${url} as ${role}`).toBe(403)
        expect(res.json().message).toContain('"read.detail"')
      }
      const analyst = await ctx.app.inject({ url, headers: sessions.get('analyst')!.headers })
      expect([200, 204, 404], url).toContain(analyst.statusCode) // 204: an empty tile
    }
    const grids = await ctx.app.inject({
      url: '/api/tiles/grids/tilejson.json',
      headers: sessions.get('viewer')!.headers,
    })
    expect(grids.statusCode).toBe(200)
  })

  it('serves the sign-in page, the health check and the API docs to nobody', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/openapi.json']) {
      const res = await ctx.app.inject({ url, headers: { cookie: 'x=1' } })
      expect(res.statusCode, url).toBe(200)
    }
  })

  it('sends the security headers: a CSP of our own origin, no framing, nosniff, a referrer policy', async () => {
    const res = await ctx.app.inject({ url: '/api/health' })
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/https?:/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  })
})
