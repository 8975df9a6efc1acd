// Rate limits on expensive routes (issue 13, ADR 25): with a limit of 2 siting solves a minute, the
// third from the same account gets 429 with a problem in Chinese and English and Retry-After;
// another account still solves, and cheap reads of the limited account are not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreetPage } from '../../core/api'
import { DEFAULT_RATE_LIMITS } from '../../core/auth/rate-limits'
import { type OpenedSession, openSessionAs } from '../../server/modules/auth/sessions'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let analyst: OpenedSession
let street: string
beforeAll(async () => {
  ctx = await startTestApp({
    rateLimits: {
      ...DEFAULT_RATE_LIMITS,
      siting: { max: 2, windowSeconds: 60 },
      exports: { max: 1, windowSeconds: 60 },
    },
  })
  analyst = await openSessionAs(ctx.database.db, 'analyst')
  street = (await ctx.app.inject('/api/streets')).json<StreetPage>().features[0].properties.code
})
afterAll(() => ctx?.close())

const solve = (session?: OpenedSession) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/siting/mclp',
    payload: { type: 'kindergarten', k: 1, street, exact: 'never' },
    ...(session ? { headers: session.headers } : {}),
  })

describe('rate limits on expensive routes', () => {
  it('answers the third siting solve in the window with 429, and leaves other accounts and cheap reads alone', async () => {
    expect((await solve(analyst)).statusCode).toBe(200)
    expect((await solve(analyst)).statusCode).toBe(200)
    const refused = await solve(analyst)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    const body = refused.json()
    expect(body.code).toBe('RATE_LIMITED')
    expect(body.type).toBe('urn:wangge:problem:RATE_LIMITED')
    expect(body.message).toMatch(/选址求解过于频繁/)
    expect(body.message).toMatch(/Too many siting solves: at most 2 per 60 s/)
    expect(body.details).toMatchObject({ kind: 'siting', limit: 2, windowSeconds: 60 })

    // another account (the administrator, the app's default session) still solves
    expect((await solve()).statusCode).toBe(200)
    // the limited account's cheap reads are not limited
    for (let i = 0; i < 5; i++) {
      const res = await ctx.app.inject({ url: '/api/coverage/summary?type=kindergarten', headers: analyst.headers })
      expect(res.statusCode, res.body).toBe(200)
    }
  })

  it('counts each kind apart: downloads have their own limit', async () => {
    const download = () => ctx.app.inject({ url: `/api/exports/streets?format=csv`, headers: analyst.headers })
    expect((await download()).statusCode).toBe(200)
    const refused = await download()
    expect(refused.statusCode).toBe(429)
    expect(refused.json().message).toMatch(/数据下载过于频繁.*Too many downloads/)
  })
})
