// The strict input policy (ADR 17) on the live app: the cases the held-out sweep found, each a
// 400 that names the bad parameter, and nothing in the database changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFingerprint } from '../support/fingerprint'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let community: string
let before: string
beforeAll(async () => {
  ctx = await startTestApp()
  const list = await ctx.app.inject({ method: 'GET', url: '/api/communities?limit=1' })
  community = list.json().features[0].properties.code
  before = await databaseFingerprint(ctx.database)
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const post = (url: string, payload: unknown) => ctx.app.inject({ method: 'POST', url, payload: payload as object })

describe('integers from a query or a path: plain decimal integers only', () => {
  const bad = ['Infinity', '1e309', '9999999999999999999999', '0x7fffffff', '%20', '', '1e3', '+1', '1.0', 'true']
  it.each(bad)('limit=%s and offset=%s are refused with a message naming the parameter', async (text) => {
    for (const url of [`/api/coverage/compliance?limit=${text}`, `/api/facilities?offset=${text}`]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().message, url).toMatch(/query parameter "(limit|offset)"/)
    }
  })

  it.each(['Infinity', '1e309', '9999999999999999999999', '2147483648', '0x10'])(
    'an id %s in a path is a 400, never a 500',
    async (id) => {
      for (const url of [`/api/facilities/${id}`, `/api/grids/${id}/history`, `/api/facilities/${id}/revisions`]) {
        const res = await get(url)
        expect(res.statusCode, url).toBe(400)
        expect(res.json().message, url).toMatch(/"id"/)
      }
      const revert = await post(`/api/revisions/${id}/revert`, { author: 'x', reason: 'y' })
      expect(revert.statusCode).toBe(400)
    },
  )

  it('plain integers still work, within the declared bounds', async () => {
    expect((await get('/api/facilities?limit=2&offset=1')).statusCode).toBe(200)
    expect((await get('/api/facilities?limit=5001')).statusCode).toBe(400)
    expect((await get('/api/facilities/2147483647')).statusCode).toBe(404)
  })
})

describe('JSON bodies are never coerced', () => {
  it('a proposal seed of "1e309" or 1e309 is refused', async () => {
    for (const payload of [
      '{"mode":"propose","seed":"1e309"}',
      '{"mode":"propose","seed":1e309}',
      '{"mode":"propose","seed":"7"}',
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/communities/${community}/proposals`,
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expect(res.statusCode, payload).toBe(400)
      expect(res.json().message).toMatch(/seed/)
    }
  })

  it('siting candidate points given as strings are refused', async () => {
    const res = await post('/api/siting/mclp', {
      type: 'kindergarten',
      k: 1,
      candidates: { points: [['117.7', '39.0']] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/candidates|points/)
  })
})

describe('text: no control characters', () => {
  it('a NUL, ESC or DEL in a name, author or reason is a 400, a line feed in a reason is fine', async () => {
    const facility = { typeCode: 'kindergarten', name: 'x', lngLat: [117.7, 39.03], author: 'test', reason: 'r' }
    for (const [field, value] of [
      ['name', 'a\u0000b'],
      ['author', 'a\u001bb'],
      ['reason', 'a\u007fb'],
    ]) {
      const res = await post('/api/facilities', { ...facility, [field]: value })
      expect(res.statusCode, field).toBe(400)
      expect(res.json().message, field).toMatch(new RegExp(`"${field}".*control character`))
    }
    const res = await get('/api/communities?street=%00')
    expect(res.statusCode).toBe(400)
  })

  it('text longer than the bound is refused', async () => {
    const res = await get(`/api/equity/compare?indicator=${'a'.repeat(5000)}`)
    expect(res.statusCode).toBe(400)
  })
})

it('none of the refused requests changed the database', async () => {
  expect(await databaseFingerprint(ctx.database)).toBe(before)
})
