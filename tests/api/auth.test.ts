// Accounts, sessions, CSRF, lock-out and the audit trail (issue 13), on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  ctx = await startTestApp({ as: null })
})
afterAll(async () => ctx?.close())

const signIn = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { username, password } })

const cookiesOf = (res: { headers: Record<string, unknown> }) => {
  const set = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
  return Object.fromEntries(set.map((c) => c.split(';')[0].split('=')))
}

describe('signing in', () => {
  it('refuses an API read to nobody with 401 naming the permission', async () => {
    const res = await ctx.app.inject('/api/grids?limit=1')
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(res.json().message).toContain('"read"')
  })

  it('sets an HttpOnly SameSite session cookie with expiry and a CSRF cookie', async () => {
    const res = await signIn('district', 'wangge-district')
    expect(res.statusCode).toBe(200)
    const set = ([] as string[]).concat(res.headers['set-cookie'] as string[])
    const session = set.find((c) => c.startsWith('wangge_session='))!
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Lax/)
    expect(session).toMatch(/Max-Age=43200/)
    expect(session).not.toMatch(/Secure/) // plain http here; https requests get Secure
    expect(res.json()).toMatchObject({ signedIn: true, role: 'district_planner', username: 'district' })
  })

  it('needs the CSRF header for a cookie-authenticated write, not for a bearer token', async () => {
    const c = cookiesOf(await signIn('admin', 'wangge-admin'))
    const cookie = `wangge_session=${c.wangge_session}; wangge_csrf=${c.wangge_csrf}`
    const put = (headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { ...json, ...headers },
        payload: { 'grid.household_target': 300 },
      })
    const bare = await put({ cookie })
    expect(bare.statusCode).toBe(403)
    expect(bare.json()).toMatchObject({ code: 'CSRF_FAILED' })
    expect((await put({ cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(403)
    expect((await put({ cookie, 'x-csrf-token': c.wangge_csrf })).statusCode).toBe(200)
    const token = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/token',
        headers: { cookie, 'x-csrf-token': c.wangge_csrf },
      })
    ).json().token as string
    expect((await put({ authorization: `Bearer ${token}` })).statusCode).toBe(200)
    expect((await put({ authorization: 'Bearer wgt_wrong' })).statusCode).toBe(401)
  })

  it('ends the session on sign-out', async () => {
    const c = cookiesOf(await signIn('viewer', 'wangge-viewer'))
    const headers = { cookie: `wangge_session=${c.wangge_session}`, 'x-csrf-token': c.wangge_csrf }
    expect((await ctx.app.inject({ url: '/api/grids?limit=1', headers })).statusCode).toBe(200)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers })).statusCode).toBe(204)
    expect((await ctx.app.inject({ url: '/api/grids?limit=1', headers })).statusCode).toBe(401)
  })

  it('locks an account out with a growing back-off after five wrong passwords, and logs each failure', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('analyst', `wrong-${i}`)).statusCode).toBe(401)
    const locked = await signIn('analyst', 'wangge-analyst') // right password, but inside the back-off
    expect(locked.statusCode).toBe(429)
    expect(locked.json().message).toMatch(/try again in \d+ s/)
    const { rows } = await ctx.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'sign-in failed' AND target = 'analyst'",
    )
    expect(rows[0].n).toBe(5)
  })
})

describe('the audit log', () => {
  it('cannot be changed or deleted, even in SQL', async () => {
    await expect(ctx.database.pool.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/)
    // (PGlite's one socket session does not survive a second raised error in a row: the server engine checks DELETE)
    if (ctx.database.kind === 'postgres')
      await expect(ctx.database.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
  })
})
