// The contract around the norms: tiers are data (an unknown tier is a clear 400 naming the tiers
// there are), and every named error code with its status is in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, type FacilityType } from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })

describe('tiers are data', () => {
  it('accepts every tier of the facility types and refuses any other with the tiers there are', async () => {
    const tiers = [...new Set((await get('/api/facility-types')).json<FacilityType[]>().map((t) => t.tier))]
    expect(tiers.sort()).toEqual(['10min', '15min', '5min', 'village'])
    for (const tier of tiers) expect((await get(`/api/coverage/summary?tier=${tier}`)).statusCode).toBe(200)
    const res = await get('/api/coverage/summary?tier=20min')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_TIER', message: expect.stringContaining('"20min"') })
    for (const tier of tiers) expect(res.json().message).toContain(tier)
  })
})

describe('the error codes', () => {
  it('are all documented in the OpenAPI, with their status', async () => {
    const doc = JSON.stringify((await get('/openapi.json')).json())
    for (const [code, { status }] of Object.entries(ERROR_CODES)) expect(doc).toContain(`${code} (${status})`)
  })

  it('answer with the status the registry gives them', async () => {
    const cases = [
      '/api/grids?bbox=1,2,3',
      '/api/nowhere',
      '/api/coverage/summary?tier=20min',
      '/api/equity/indicators?street=120116999',
      '/api/facilities/999999',
    ]
    for (const url of cases) {
      const res = await get(url)
      const code = res.json().code as keyof typeof ERROR_CODES
      expect(ERROR_CODES[code], `${url}: ${code}`).toBeDefined()
      expect(res.statusCode, url).toBe(ERROR_CODES[code].status)
    }
  })
})
