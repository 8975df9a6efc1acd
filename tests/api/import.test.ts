import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

describe('import', () => {
  it('other JSON routes still read JSON bodies', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/1/commit', payload: { author: 'x' } })
    expect(res.statusCode).toBe(501)
  })
})
