// Under load (issue 13, ADR 25). Rate limits on expensive routes: with a limit of 2 siting solves a
// minute, the third from the same account gets 429 with a problem in Chinese and English and
// Retry-After; another account still solves, and cheap reads of the limited account are not
// counted. The read cache: a repeated read is served from it, compressed as before, and an edit
// through the API shows in the very next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityUnits, GridPage, StreetPage, UnitAdjacency } from '../../core/api'
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
  await ctx.app.coverage.ensure() // the coverage store built once, here (hook time, not test time)
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

describe('the read cache', () => {
  it('serves a repeated read from what is computed, and an edit in the very next read', async () => {
    const code = (await ctx.app.inject(`/api/communities?street=${street}&limit=50`))
      .json<{ features: { properties: { code: string; gridCount: number } }[] }>()
      .features.find((f) => f.properties.gridCount >= 2)!.properties.code
    const read = () => ctx.app.inject({ url: `/api/grids?community=${code}`, headers: { 'accept-encoding': 'br' } })
    const first = await ctx.app.inject(`/api/grids?community=${code}`)
    const hits = ctx.app.readCache.hits
    const compressed = await read()
    const again = await read()
    expect(ctx.app.readCache.hits).toBe(hits + 2)
    expect(again.headers['content-encoding']).toBe('br')
    expect(again.rawPayload.equals(compressed.rawPayload)).toBe(true)
    expect(again.headers.etag).toBe(compressed.headers.etag)

    // a boundary unit moved to its neighbour's grid: the next read has the new households
    const units = (await ctx.app.inject(`/api/communities/${code}/units`)).json<CommunityUnits>()
    const pairs = (await ctx.app.inject(`/api/communities/${code}/adjacency`)).json<UnitAdjacency>().pairs
    const unit = (id: number) => units.units.features.find((f) => f.id === id)!.properties
    const [a, b] = pairs.find(([x, y]) => unit(x).gridId !== unit(y).gridId && unit(x).households > 0)!
    const edit = await ctx.app.inject({
      method: 'POST',
      url: `/api/communities/${code}/edits`,
      payload: {
        editVersion: units.community.editVersion,
        reason: 'read cache test',
        ops: [{ kind: 'moveUnits', unitIds: [a], toGrid: unit(b).gridId }],
      },
    })
    expect(edit.statusCode, edit.body).toBe(200)
    const households = (res: { json: () => unknown }) =>
      new Map((res.json() as GridPage).features.map((f) => [f.id, f.properties.households]))
    const before = households(first)
    const after = households(await ctx.app.inject(`/api/grids?community=${code}`))
    expect(after.get(unit(a).gridId!)).toBe(before.get(unit(a).gridId!)! - unit(a).households)
    expect(after.get(unit(b).gridId!)).toBe(before.get(unit(b).gridId!)! + unit(a).households)
  })
})
