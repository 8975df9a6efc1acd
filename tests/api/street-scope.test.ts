// Street scope and the audit trail (issue 13): a street planner writes only in their own streets
// (grid edits, reverts, an accepted proposal, facility adds, moves and retirements; imports are
// not theirs at all), is refused elsewhere with a 403 naming the street, and nothing changes;
// every write leaves exactly one audit row naming who and what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommunityPage,
  CommunityUnits,
  EditResult,
  FacilityFeature,
  FacilityPage,
  Proposal,
  UnitAdjacency,
} from '../../core/api'
import { type OpenedSession, openSessionAs } from '../../server/modules/auth/sessions'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let planner: OpenedSession
let myStreet: string
let mine: string[] // communities of the planner's street with several grids
let theirs: string[] // the same, in other streets
beforeAll(async () => {
  ctx = await startTestApp() // administrator by default
  planner = await openSessionAs(ctx.database.db, 'street_planner')
  const me = (await as(planner, 'GET', '/api/auth/me')).json()
  myStreet = me.streets[0]
  const all = (await ctx.app.inject('/api/communities?limit=5000'))
    .json<CommunityPage>()
    .features.map((f) => f.properties)
  const several = all.filter((c) => c.gridCount >= 3).sort((a, b) => (a.code < b.code ? -1 : 1))
  mine = several.filter((c) => c.streetCode === myStreet).map((c) => c.code)
  theirs = several.filter((c) => c.streetCode !== myStreet).map((c) => c.code)
})
afterAll(() => ctx?.close())

function as(session: OpenedSession, method: string, url: string, payload?: unknown) {
  return ctx.app.inject({
    method: method as 'GET',
    url,
    headers: session.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
}

async function auditCount(): Promise<number> {
  const { rows } = await ctx.database.pool.query('SELECT count(*)::int AS n FROM audit_log')
  return rows[0].n
}
async function lastAudit() {
  const { rows } = await ctx.database.pool.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1')
  return rows[0]
}

/** An edit that moves one boundary unit to its neighbour's grid. */
async function boundaryEdit(code: string) {
  const units = (await ctx.app.inject(`/api/communities/${code}/units`)).json<CommunityUnits>()
  const pairs = (await ctx.app.inject(`/api/communities/${code}/adjacency`)).json<UnitAdjacency>().pairs
  const gridOf = (id: number) => units.units.features.find((f) => f.id === id)!.properties.gridId!
  const [a, b] = pairs.find(([x, y]) => gridOf(x) !== gridOf(y))!
  return {
    editVersion: units.community.editVersion,
    reason: 'scope test',
    ops: [{ kind: 'moveUnits', unitIds: [a], toGrid: gridOf(b) }],
  }
}
const editVersionOf = async (code: string) =>
  (await ctx.app.inject(`/api/communities/${code}/units`)).json<CommunityUnits>().community.editVersion

async function facilityIn(street: string, other: boolean) {
  const page = (await ctx.app.inject(`/api/facilities?limit=5000&status=existing`)).json<FacilityPage>()
  return page.features.find((f) => (f.properties.streetCode === street) !== other)!
}

describe('a street planner', () => {
  it('edits a grid in their street: saved, authored by them, one audit row', async () => {
    const code = mine[0]
    const n = await auditCount()
    const res = await as(planner, 'POST', `/api/communities/${code}/edits`, await boundaryEdit(code))
    expect(res.statusCode, res.body).toBe(200)
    const history = (await ctx.app.inject(`/api/communities/${code}/history`)).json()
    expect(history[0].author).toBe('街道规划员 (street)')
    expect(await auditCount()).toBe(n + 1)
    expect(await lastAudit()).toMatchObject({
      actor: 'street',
      role: 'street_planner',
      action: 'POST /api/communities/:code/edits',
      status: 200,
    })
  })

  it('is refused a grid edit in another street with a 403 naming it, and nothing changes', async () => {
    const code = theirs[0]
    const version = await editVersionOf(code)
    const res = await as(planner, 'POST', `/api/communities/${code}/edits`, await boundaryEdit(code))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('OUTSIDE_STREETS')
    expect(res.json().message).toContain(code.slice(0, 9))
    expect(await editVersionOf(code)).toBe(version)
    expect(await lastAudit()).toMatchObject({ actor: 'street', status: 403 })
  })

  it('is refused accepting a proposal in another street', async () => {
    const code = theirs[1]
    // anyone who may run analyses may propose; accepting is a grid edit, refused outside the street
    const proposal = await as(planner, 'POST', `/api/communities/${code}/proposals`, { mode: 'propose', seed: 1 })
    expect(proposal.statusCode, proposal.body).toBe(200)
    const version = await editVersionOf(code)
    const edit = proposal.json<Proposal>().edits[0]
    const res = await as(planner, 'POST', `/api/communities/${code}/edits`, {
      editVersion: version,
      reason: 'accept',
      ops: edit?.ops ?? (await boundaryEdit(code)).ops,
    })
    expect(res.statusCode).toBe(403)
    expect(await editVersionOf(code)).toBe(version)
  })

  it('is refused reverting an edit in another street; may revert one in their own', async () => {
    const other = theirs[2]
    const saved = (
      await ctx.app.inject({
        method: 'POST',
        url: `/api/communities/${other}/edits`,
        payload: await boundaryEdit(other),
      })
    ).json<EditResult>()
    const version = await editVersionOf(other)
    const refused = await as(planner, 'POST', `/api/revisions/${saved.revisionId}/revert`, { reason: 'no' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('OUTSIDE_STREETS')
    expect(await editVersionOf(other)).toBe(version)
    const own = (await ctx.app.inject(`/api/communities/${mine[0]}/history`)).json()[0]
    const n = await auditCount()
    expect((await as(planner, 'POST', `/api/revisions/${own.id}/revert`, { reason: 'undo' })).statusCode).toBe(200)
    expect(await auditCount()).toBe(n + 1)
  })

  it('is refused adding, moving or retiring a facility outside their streets', async () => {
    const outside = await facilityIn(myStreet, true)
    const inside = await facilityIn(myStreet, false)
    const [lng, lat] = outside.geometry.coordinates
    const add = await as(planner, 'POST', '/api/facilities', {
      typeCode: outside.properties.typeCode,
      name: '越界设施',
      lngLat: [lng, lat],
      status: 'planned',
    })
    expect(add.statusCode).toBe(403)
    expect(add.json().message).toContain(outside.properties.streetCode)
    const retire = await as(planner, 'POST', `/api/facilities/${outside.properties.id}/retire`, {
      version: outside.properties.version,
    })
    expect(retire.statusCode).toBe(403)
    const move = await as(planner, 'PATCH', `/api/facilities/${inside.properties.id}`, {
      version: inside.properties.version,
      lngLat: [lng, lat],
    })
    expect(move.statusCode).toBe(403)
    for (const f of [outside, inside]) {
      const now = (await ctx.app.inject(`/api/facilities/${f.properties.id}`)).json<FacilityFeature>()
      expect(now.properties.version).toBe(f.properties.version)
      expect(now.properties.status).toBe(f.properties.status)
    }
  })

  it('edits a facility in their street: one audit row with before and after', async () => {
    const inside = await facilityIn(myStreet, false)
    const n = await auditCount()
    const res = await as(planner, 'PATCH', `/api/facilities/${inside.properties.id}`, {
      version: inside.properties.version,
      name: '改名后的设施',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(await auditCount()).toBe(n + 1)
    const row = await lastAudit()
    expect(row).toMatchObject({ actor: 'street', action: 'PATCH /api/facilities/:id', status: 200 })
    expect(row.before.properties.name).toBe(inside.properties.name)
    expect(row.after.properties.name).toBe('改名后的设施')
  })

  it('may not import at all (import.run is the administrator’s and district planner’s)', async () => {
    const res = await as(planner, 'POST', '/api/imports?filename=x.geojson', '{}')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })
})

describe('the audit trail', () => {
  it('keeps one row per settings change, user creation, role change and download, readable as CSV by administrators', async () => {
    const step = async (method: string, url: string, payload: unknown, action: string) => {
      const n = await auditCount()
      const res = await ctx.app.inject({ method: method as 'GET', url, payload: payload as object })
      expect(res.statusCode, res.body).toBeLessThan(300)
      expect(await auditCount(), action).toBe(n + 1)
      expect(await lastAudit()).toMatchObject({ actor: 'admin', role: 'administrator', action })
      return res
    }
    await step('PUT', '/api/settings', { 'grid.household_target': 300 }, 'PUT /api/settings')
    const user = (
      await step(
        'POST',
        '/api/users',
        { username: 'wang.wu', displayName: '王五', role: 'viewer', password: 'a-long-secret-42' },
        'user create',
      )
    ).json()
    await step('PATCH', `/api/users/${user.id}`, { role: 'street_planner', streets: [myStreet] }, 'role change')
    const row = await lastAudit()
    expect(row.before.role).toBe('viewer')
    expect(row.after).toMatchObject({ role: 'street_planner', streets: [myStreet] })
    await step('GET', '/api/exports/grids?format=geojson', undefined, 'GET /api/exports/:layer')
    await step('POST', '/api/kiosk-links', { label: '指挥中心', streetCode: myStreet }, 'kiosk link create')
    const csv = await ctx.app.inject('/api/audit.csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.body).toContain('role change')
    const list = (await ctx.app.inject('/api/audit?limit=3')).json()
    expect(list).toHaveLength(3)
    expect((await as(planner, 'GET', '/api/audit')).statusCode).toBe(403)
  })
})
