import { describe, expect, it } from 'vitest'
import { ApiClient, ApiError, buildUrl, type FetchLike } from './client'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('buildUrl', () => {
  it('drops empty values and sorts keys', () => {
    expect(buildUrl('/api/grids', { street: undefined, limit: 10, community: '', bbox: '1,2,3,4' })).toBe(
      '/api/grids?bbox=1%2C2%2C3%2C4&limit=10',
    )
    expect(buildUrl('/api/health')).toBe('/api/health')
  })
})

describe('ApiClient', () => {
  it('turns an error body into an ApiError with the server message and code', async () => {
    const fetch: FetchLike = async () =>
      json({ statusCode: 400, code: 'BAD_BBOX', error: 'Bad Request', message: 'bbox must be 4 numbers' }, 400)
    const error = await new ApiClient({ fetch }).getJson('/api/grids').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'http', status: 400, code: 'BAD_BBOX', message: 'bbox must be 4 numbers' })
  })

  it('reads an RFC 9457 problem: detail is the message, the code and details carried', async () => {
    const problem = {
      type: 'urn:wangge:problem:EDIT_CONFLICT',
      title: 'a stale edit_version',
      status: 409,
      detail: 'someone saved since',
      instance: '/api/communities/1/edits',
      code: 'EDIT_CONFLICT',
      details: { currentEditVersion: 3 },
    }
    const fetch = async () =>
      new Response(JSON.stringify(problem), { status: 409, headers: { 'content-type': 'application/problem+json' } })
    const error = (await new ApiClient({ fetch }).getJson('/api/x').catch((e: unknown) => e)) as ApiError
    expect(error).toMatchObject({ status: 409, code: 'EDIT_CONFLICT', message: 'someone saved since' })
    expect(error.details).toEqual({ currentEditVersion: 3 })
  })

  it('reports network failures and non-JSON answers as readable errors', async () => {
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch')
    }
    await expect(new ApiClient({ fetch: down }).health()).rejects.toMatchObject({ kind: 'network' })
    const html: FetchLike = async () => new Response('<html>', { status: 200 })
    await expect(new ApiClient({ fetch: html }).health()).rejects.toMatchObject({ kind: 'bad-json' })
    const gateway: FetchLike = async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' })
    await expect(new ApiClient({ fetch: gateway }).health()).rejects.toMatchObject({ kind: 'http', status: 502 })
  })

  it('pages through a list endpoint until total is reached', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ type: 'Feature', id: i, geometry: null, properties: { i } }))
    const seen: string[] = []
    const fetch: FetchLike = async (url) => {
      seen.push(url)
      const params = new URL(url, 'http://x').searchParams
      const limit = Number(params.get('limit'))
      const offset = Number(params.get('offset'))
      return json({ type: 'FeatureCollection', features: all.slice(offset, offset + limit), total: 7, limit, offset })
    }
    const client = new ApiClient({ fetch })
    const page = await client.getAllPages('/api/grids', { limit: 3, street: '120116001' })
    expect(page.features.map((f) => f.id)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(seen).toEqual([
      '/api/grids?limit=3&offset=0&street=120116001',
      '/api/grids?limit=3&offset=3&street=120116001',
      '/api/grids?limit=3&offset=6&street=120116001',
    ])
  })
})
