import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoverageSummary, FacilityProps, FacilityRevision } from '../../core/api'
import type { ChangeEvent } from '../../server/plugins/events'
import { referenceCoverage } from '../support/coverage-reference'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
const events: ChangeEvent[] = []
beforeAll(async () => {
  ctx = await startTestApp()
  ctx.app.events.subscribe((e) => events.push(e))
})
afterAll(() => ctx?.close())

type FacilityFeature = { id: number; geometry: { coordinates: [number, number] }; properties: FacilityProps }
const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown) =>
  ctx.app.inject({ method, url, payload: payload as Record<string, unknown> })
const summary = async (type: string, scenario: string, community: string) => {
  const s = (
    await get(
      `/api/coverage/summary?type=${type}&scenario=${scenario}&level=community&community=${community}&method=radius`,
    )
  ).json<CoverageSummary>()
  return { row: s.rows[0], district: s.totals }
}
const counts = async () => {
  const { rows } = await sql<{ f: number; r: number; v: number }>`SELECT (SELECT count(*) FROM facilities)::int AS f,
    (SELECT count(*) FROM revisions)::int AS r, (SELECT sum(version) FROM facilities)::int AS v`.execute(
    ctx.database.db,
  )
  return rows[0]
}

/** The centroid of a community's buildings, which lies in the district, and the community. */
async function somewhereIn(kind: 'urban' | 'rural') {
  const { rows } = await sql<{ code: string; lng: number; lat: number }>`
    SELECT c.code, ST_X(ST_PointOnSurface(c.geom)) AS lng, ST_Y(ST_PointOnSurface(c.geom)) AS lat
    FROM communities c WHERE c.kind = ${kind} ORDER BY c.households DESC, c.code LIMIT 1`.execute(ctx.database.db)
  return rows[0]
}

describe('facility editing', () => {
  let created: FacilityFeature
  let community: string

  it('adds a planned facility: 201, a revision, an event, and coverage with planned facilities grows at once', async () => {
    const place = await somewhereIn('urban')
    community = place.code
    const before = await summary('kindergarten', 'with-planned', community)
    const asIsBefore = await summary('kindergarten', 'as-is', community)
    const res = await send('POST', '/api/facilities', {
      typeCode: 'kindergarten',
      name: '测试幼儿园',
      lngLat: [place.lng, place.lat],
      status: 'planned',
      floorAreaM2: 2000,
      activityAreaM2: 1500,
      capacity: 180,
      author: '李四',
      reason: '补齐5分钟生活圈',
    })
    expect(res.statusCode, res.body).toBe(201)
    created = res.json<FacilityFeature>()
    expect(created.properties).toMatchObject({
      typeCode: 'kindergarten',
      status: 'planned',
      communityCode: community,
      radiusM: 300,
      radiusOverridden: false,
      version: 1,
    })
    const after = await summary('kindergarten', 'with-planned', community)
    expect(after.row.covered).toBeGreaterThanOrEqual(before.row.covered)
    expect((await summary('kindergarten', 'as-is', community)).row).toEqual(asIsBefore.row)
    // the in-memory figure is PostGIS's geodesic figure
    const ref = await referenceCoverage(ctx.database.db, community, 'kindergarten', 'with-planned')
    expect(after.row.covered).toBeGreaterThanOrEqual(ref.coveredLow)
    expect(after.row.covered).toBeLessThanOrEqual(ref.coveredHigh)
    const revisions = (await get(`/api/facilities/${created.id}/revisions`)).json<FacilityRevision[]>()
    // the author is the signed-in user (issue 13), whatever the body says
    expect(revisions).toMatchObject([
      { action: 'create', author: '系统管理员 (admin)', reason: '补齐5分钟生活圈', before: null },
    ])
    expect(events.at(-1)).toMatchObject({ kind: 'facilities', ids: [created.id], communityCode: community })
  })

  it('moves it (drag): version + 1, a move revision with before/after, coverage follows the new place', async () => {
    const [lng, lat] = created.geometry.coordinates
    const res = await send('PATCH', `/api/facilities/${created.id}`, {
      version: 1,
      lngLat: [lng + 0.004, lat + 0.002],
      author: '李四',
      reason: '换到学校旁',
    })
    expect(res.statusCode, res.body).toBe(200)
    const moved = res.json<FacilityFeature>()
    expect(moved.properties.version).toBe(2)
    expect(moved.geometry.coordinates[0]).toBeCloseTo(lng + 0.004, 6)
    const [rev] = (await get(`/api/facilities/${created.id}/revisions`)).json<FacilityRevision[]>()
    expect(rev).toMatchObject({ action: 'move', author: '系统管理员 (admin)', reason: '换到学校旁' })
    expect(rev.before!.geometry.coordinates[0]).toBeCloseTo(lng, 6)
    expect(rev.after.geometry.coordinates[0]).toBeCloseTo(lng + 0.004, 6)
    const code = moved.properties.communityCode!
    const after = await summary('kindergarten', 'with-planned', code)
    const ref = await referenceCoverage(ctx.database.db, code, 'kindergarten', 'with-planned')
    expect(after.row.covered).toBeGreaterThanOrEqual(ref.coveredLow)
    expect(after.row.covered).toBeLessThanOrEqual(ref.coveredHigh)
    created = moved
  })

  it('refuses a stale version with 409 and the current feature; nothing changes', async () => {
    const before = await counts()
    const res = await send('PATCH', `/api/facilities/${created.id}`, { version: 1, name: '旧版本', author: '王五' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'STALE_VERSION', details: { current: { properties: { version: 2 } } } })
    expect(await counts()).toEqual(before)
  })

  it('edits fields; a radius beyond its tier shows in compliance; null restores the type default', async () => {
    let res = await send('PATCH', `/api/facilities/${created.id}`, {
      version: 2,
      radiusM: 500,
      activityAreaM2: 900,
      author: '李四',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<FacilityFeature>().properties).toMatchObject({ radiusM: 500, radiusOverridden: true, version: 3 })
    const compliance = (await get(`/api/facilities/${created.id}/compliance`)).json()
    expect(compliance).toMatchObject({ radiusOk: false, radiusRangeM: [0, 300], problems: ['radius'] })
    res = await send('PATCH', `/api/facilities/${created.id}`, { version: 3, radiusM: null, author: '李四' })
    expect(res.json<FacilityFeature>().properties).toMatchObject({ radiusM: 300, radiusOverridden: false })
    expect((await get(`/api/facilities/${created.id}/revisions`)).json<FacilityRevision[]>()[0].action).toBe('update')
  })

  it('rejects bad inputs with 4xx naming the bad value, and changes nothing', async () => {
    const place = await somewhereIn('rural')
    const valid = { typeCode: 'kindergarten', name: '坏输入', lngLat: [place.lng, place.lat], author: '李四' }
    const before = await counts()
    const coverageBefore = await summary('kindergarten', 'with-planned', place.code)
    const cases: [string, string, unknown, string, string][] = [
      ['POST', '/api/facilities', { ...valid, typeCode: 'spaceport' }, 'UNKNOWN_FACILITY_TYPE', 'spaceport'],
      ['POST', '/api/facilities', { ...valid, radiusM: -50 }, 'BAD_RADIUS', '-50'],
      ['POST', '/api/facilities', { ...valid, lngLat: [116.3, 39.9] }, 'POINT_OUTSIDE_DISTRICT', '116.3'],
      [
        'POST',
        '/api/facilities',
        { ...valid, floorAreaM2: 100, activityAreaM2: 150 },
        'ACTIVITY_EXCEEDS_FLOOR_AREA',
        '150',
      ],
      // (no author is no longer an error: the author comes from the session, issue 13)
      ['POST', '/api/facilities', { ...valid, status: 'retired' }, 'BAD_REQUEST', 'status'],
      ['PATCH', `/api/facilities/${created.id}`, { version: 4, radiusM: 0, author: 'a' }, 'BAD_RADIUS', '0'],
      [
        'PATCH',
        `/api/facilities/${created.id}`,
        { version: 4, lngLat: [120, 30], author: 'a' },
        'POINT_OUTSIDE_DISTRICT',
        '120',
      ],
      [
        'PATCH',
        `/api/facilities/${created.id}`,
        { version: 4, typeCode: 'nope', author: 'a' },
        'UNKNOWN_FACILITY_TYPE',
        'nope',
      ],
    ]
    for (const [method, url, body, code, text] of cases) {
      const res = await send(method as 'POST', url, body)
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400)
      expect(res.json(), code).toMatchObject({ code, message: expect.stringContaining(text) })
    }
    expect((await send('PATCH', '/api/facilities/99999999', { version: 1, author: 'a' })).statusCode).toBe(404)
    expect(await counts()).toEqual(before)
    expect(await summary('kindergarten', 'with-planned', place.code)).toEqual(coverageBefore)
  })

  it('retires (never deletes): hidden from the list, out of coverage, history kept; retired cannot be edited', async () => {
    const with1 = (await summary('kindergarten', 'with-planned', community)).district.covered
    const res = await send('POST', `/api/facilities/${created.id}/retire`, {
      version: 4,
      author: '李四',
      reason: '撤销规划',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<FacilityFeature>().properties.status).toBe('retired')
    const list = (await get('/api/facilities?type=kindergarten&limit=5000')).json<{ features: FacilityFeature[] }>()
    expect(list.features.some((f) => f.id === created.id)).toBe(false)
    expect((await get(`/api/facilities/${created.id}`)).statusCode).toBe(200)
    const with2 = (await summary('kindergarten', 'with-planned', community)).district.covered
    expect(with2).toBeLessThanOrEqual(with1)
    const again = await send('DELETE', `/api/facilities/${created.id}`, { version: 5, author: '李四' })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('RETIRED')
    const history = (await get(`/api/facilities/${created.id}/revisions`)).json<FacilityRevision[]>()
    expect(history.map((r) => r.action)).toEqual(['retire', 'update', 'update', 'move', 'create'])
  })

  it('moving an existing facility changes as-is coverage by what PostGIS says', async () => {
    const { rows } = await sql<{ id: number; version: number; lng: number; lat: number; community_code: string }>`
      SELECT id, version, ST_X(geom) AS lng, ST_Y(geom) AS lat, community_code FROM facilities
      WHERE type_code = 'health_station' AND status = 'existing' ORDER BY id LIMIT 1`.execute(ctx.database.db)
    const f = rows[0]
    const res = await send('PATCH', `/api/facilities/${f.id}`, {
      version: f.version,
      lngLat: [f.lng + 0.003, f.lat - 0.003],
      author: '李四',
    })
    expect(res.statusCode, res.body).toBe(200)
    for (const code of new Set([f.community_code, res.json<FacilityFeature>().properties.communityCode!])) {
      const row = (await summary('health_station', 'as-is', code)).row
      const ref = await referenceCoverage(ctx.database.db, code, 'health_station', 'as-is')
      expect(row.covered).toBeGreaterThanOrEqual(ref.coveredLow)
      expect(row.covered).toBeLessThanOrEqual(ref.coveredHigh)
    }
  })
})
