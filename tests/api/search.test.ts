// Find anything (找地方): GET /api/search on both engines, checked against what the other routes serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, CommunityUnits, FacilityProps, GridPage, SearchResult, StreetPage } from '../../core/api'
import { pinyinInitials } from '../../core/domain/search/search-index'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const find = async (q: string, limit?: number) => {
  const res = await get(`/api/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<SearchResult>().hits
}

describe('GET /api/search', () => {
  it('finds a street and a community by name, with their outline and box', async () => {
    const street = (await get('/api/streets?limit=1')).json<StreetPage>().features[0].properties
    const [hit] = await find(street.name)
    expect(hit).toMatchObject({
      kind: 'street',
      key: street.code,
      code: street.code,
      name: street.name,
      matched: 'name',
    })
    expect(hit.geometry.type).toBe('MultiPolygon')
    const [minLng, minLat, maxLng, maxLat] = hit.bbox
    expect(minLng).toBeLessThan(maxLng)
    expect(minLat).toBeLessThan(maxLat)

    const community = (await get('/api/communities?limit=1&offset=40')).json<CommunityPage>().features[0].properties
    const hits = await find(community.name)
    expect(hits[0]).toMatchObject({ kind: 'community', key: community.code, name: community.name })
    expect(hits[0].context).toBe(community.streetName)
  })

  it('finds a community by its pinyin initials', async () => {
    const community = (await get('/api/communities?limit=1&offset=7')).json<CommunityPage>().features[0].properties
    const initials = pinyinInitials(community.name)
    const hits = await find(initials.toUpperCase(), 50)
    expect(hits.find((h) => h.kind === 'community' && h.key === community.code)).toMatchObject({ matched: 'initials' })
  })

  it('finds a grid by its 15-digit code, and lists the grids under a community code', async () => {
    const grids = (await get('/api/grids?limit=3&offset=100')).json<GridPage>().features.map((f) => f.properties)
    const grid = grids[0]
    const hits = await find(grid.code)
    // a unit's code has the same form (community + 3 digits): the grid comes first
    expect(hits.every((h) => h.code === grid.code && h.matched === 'code')).toBe(true)
    expect(hits[0]).toMatchObject({ kind: 'grid', key: grid.id, code: grid.code, name: grid.name, matched: 'code' })

    const under = await find(grid.communityCode, 50)
    expect(under[0]).toMatchObject({ kind: 'community', key: grid.communityCode })
    const inCommunity = (await get(`/api/grids?community=${grid.communityCode}`)).json<GridPage>()
    expect(
      under
        .filter((h) => h.kind === 'grid')
        .map((h) => h.key)
        .sort(),
    ).toEqual(inCommunity.features.map((f) => f.properties.id).sort())
  })

  it('finds a unit (compound) by name, with the grid it belongs to', async () => {
    const grid = (await get('/api/grids?limit=1&offset=10')).json<GridPage>().features[0].properties
    const units = (await get(`/api/communities/${grid.communityCode}/units`)).json<CommunityUnits>()
    const unit = units.units.features.find((f) => f.properties.gridId === grid.id)!
    const hits = await find(unit.properties.name, 50)
    const hit = hits.find((h) => h.kind === 'unit' && h.key === unit.id)
    expect(hit).toMatchObject({ name: unit.properties.name, gridId: grid.id })
    expect(hit?.geometry.type).toBe('MultiPolygon')
  })

  it('finds a facility, and after a rename finds it by its new name', async () => {
    const res = await get('/api/facilities?limit=1&offset=5')
    const facility = res.json<{ features: { id: number; properties: FacilityProps }[] }>().features[0]
    const [hit] = (await find(facility.properties.name, 50)).filter(
      (h) => h.kind === 'facility' && h.key === facility.id,
    )
    expect(hit.geometry.type).toBe('Point')

    const renamed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/facilities/${facility.id}`,
      payload: { version: facility.properties.version, name: '望海楼测试服务站', author: '测试' },
    })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const after = await find('望海楼测试')
    expect(after).toMatchObject([{ kind: 'facility', key: facility.id, name: '望海楼测试服务站' }])
    expect(await find('whlcsfwz')).toMatchObject([{ key: facility.id, matched: 'initials' }])
  })

  it('keeps to the limit and finds nothing for a name that is not there', async () => {
    expect(await find('社区', 5)).toHaveLength(5)
    expect(await find('不存在的地方名')).toEqual([])
  })

  it('refuses a missing, blank or too long query and a bad limit with a 400 that says why', async () => {
    for (const url of [
      '/api/search',
      '/api/search?q=',
      '/api/search?q=%20%C2%B7%20',
      `/api/search?q=${'a'.repeat(101)}`,
      '/api/search?q=a&limit=0',
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().message, url).toMatch(/q|limit/)
    }
    expect((await get('/api/search?q=%20')).json()).toMatchObject({ code: 'BAD_SEARCH' })
  })
})
