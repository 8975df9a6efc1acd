// Grid editing through the API, on a private copy of the demo world: every edit operation, the
// conflict, revert, history, the grids as of a past moment, proposals and bad input. Households
// are conserved by every saved edit (checked after each one against the community's grids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommunityPage,
  CommunityUnits,
  EditOp,
  EditResult,
  GridPage,
  Proposal,
  Revision,
  UnitAdjacency,
} from '../../core/api'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let communities: CommunityPage['features'][number]['properties'][]
beforeAll(async () => {
  ctx = await startTestApp()
  const all = (await get('/api/communities?limit=5000')).json<CommunityPage>().features.map((f) => f.properties)
  // communities with several grids, most units first; each test takes its own
  communities = all
    .filter((c) => c.gridCount >= 4)
    .sort((a, b) => b.unitCount - a.unitCount || (a.code < b.code ? -1 : 1))
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const post = (url: string, payload: unknown) => ctx.app.inject({ method: 'POST', url, payload: payload as object })
let taken = 0
const nextCommunity = () => communities[taken++].code

async function load(code: string) {
  const units = (await get(`/api/communities/${code}/units`)).json<CommunityUnits>()
  const adjacency = (await get(`/api/communities/${code}/adjacency`)).json<UnitAdjacency>()
  const grids = (await get(`/api/grids?community=${code}`)).json<GridPage>().features.map((f) => f.properties)
  return { ...units, adjacency: adjacency.pairs, current: grids }
}
type Loaded = Awaited<ReturnType<typeof load>>
const unitsOf = (s: Loaded, gridId: number) => s.units.features.filter((f) => f.properties.gridId === gridId)
const gridOf = (s: Loaded, unitId: number) => s.units.features.find((f) => f.id === unitId)!.properties.gridId!

/** Saves an edit and checks the invariant every save must keep: households conserved, no unit lost. */
async function save(code: string, ops: EditOp[], reason = 'test edit') {
  const before = await load(code)
  const res = await post(`/api/communities/${code}/edits`, {
    editVersion: before.community.editVersion,
    author: '测试员',
    reason,
    ops,
  })
  expect(res.statusCode, res.body).toBe(200)
  const result = res.json<EditResult>()
  const after = await load(code)
  const sum = (s: Loaded) => s.current.reduce((t, g) => t + g.households, 0)
  expect(sum(after)).toBe(sum(before))
  expect(result.householdsAfter).toBe(result.householdsBefore)
  expect(after.units.features.every((f) => f.properties.gridId !== null)).toBe(true)
  expect(after.community.editVersion).toBe(before.community.editVersion + 1)
  // each current grid's totals are the sums of its units
  for (const g of after.current) {
    const members = unitsOf(after, g.id)
    expect(g.households, g.code).toBe(members.reduce((t, u) => t + u.properties.households, 0))
    expect(g.unitCount).toBe(members.length)
  }
  return { result, before, after }
}

/** Two neighbouring units in different grids. */
function boundaryPair(s: Loaded) {
  for (const [a, b] of s.adjacency) if (gridOf(s, a) !== gridOf(s, b)) return { unit: a, neighbour: b }
  throw new Error('no boundary between grids')
}

async function expectError(code: string, body: object, status: number, errorCode: string, mention?: string) {
  const before = await load(code)
  const res = await post(`/api/communities/${code}/edits`, {
    editVersion: before.community.editVersion,
    author: '测试员',
    reason: 'bad',
    ...body,
  })
  expect(res.statusCode, res.body).toBe(status)
  expect(res.json().code).toBe(errorCode)
  if (mention) expect(res.json().message).toContain(mention)
  const after = await load(code)
  expect(after.community.editVersion).toBe(before.community.editVersion)
  expect(after.current).toEqual(before.current)
}

describe('what an edit session is built from', () => {
  it('serves units with households, centroids and grids, and their adjacency in metres', async () => {
    const code = communities[communities.length - 1].code
    const s = await load(code)
    const units = s.units.features.map((f) => f.properties)
    expect(units.length).toBeGreaterThan(1)
    expect(units.reduce((t, u) => t + u.households, 0)).toBe(s.current.reduce((t, g) => t + g.households, 0))
    expect(new Set(units.map((u) => u.gridId))).toEqual(new Set(s.current.map((g) => g.id)))
    for (const u of units) {
      expect(u.areaM2).toBeGreaterThan(0)
      expect(u.perimeterM).toBeGreaterThan(0)
      expect(u.centroid[0]).toBeGreaterThan(117)
    }
    expect(s.settings.targetHouseholds).toBeGreaterThan(0)
    expect(s.adjacency.length).toBeGreaterThanOrEqual(units.length - 1)
    for (const [a, b, m] of s.adjacency) {
      expect(a).toBeLessThan(b)
      expect(m).toBeGreaterThan(0)
    }
    expect((await get('/api/communities/120116999999/units')).statusCode).toBe(404)
    expect((await get('/api/communities/12x/adjacency')).statusCode).toBe(400)
  })
})

describe('POST /api/communities/:code/edits', () => {
  it('moves a unit between grids: totals, polygons, revision, version and an event', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const { unit, neighbour } = boundaryPair(s0)
    const from = gridOf(s0, unit)
    const to = gridOf(s0, neighbour)
    const households = s0.units.features.find((f) => f.id === unit)!.properties.households
    const events: unknown[] = []
    const off = ctx.app.events.subscribe((e) => events.push(e))
    const { result, after } = await save(code, [{ kind: 'moveUnits', unitIds: [unit], toGrid: to }], '调整边界')
    off()
    expect(gridOf(after, unit)).toBe(to)
    const hh = (s: Loaded, id: number) => s.current.find((g) => g.id === id)!.households
    expect(hh(after, from)).toBe(hh(s0, from) - households)
    expect(hh(after, to)).toBe(hh(s0, to) + households)
    expect(result.changedGridIds).toEqual([from, to].sort((a, b) => a - b))
    expect(result.created).toEqual([])
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'grids', communityCode: code, ids: result.changedGridIds }),
    )
    // the grids keep their codes; their polygons follow the unit
    expect(after.current.map((g) => g.code)).toEqual(s0.current.map((g) => g.code))
    const history = (await get(`/api/communities/${code}/history`)).json<Revision[]>()
    // the author comes from the session (issue 13), not from the body's '测试员'
    expect(history[0]).toMatchObject({
      author: '系统管理员 (admin)',
      reason: '调整边界',
      action: 'edit',
      unitsMoved: 1,
    })
    const fromChange = history[0].grids.find((g) => g.gridId === from)!
    expect(fromChange).toMatchObject({ householdsLost: households, householdsGained: 0, unitsOut: [unit] })
    const gridHistory = (await get(`/api/grids/${to}/history`)).json<Revision[]>()
    expect(gridHistory.map((r) => r.id)).toContain(result.revisionId)
  })

  it('answers a stale version with 409 and what changed, and changes nothing', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const first = boundaryPair(s0)
    await save(code, [{ kind: 'moveUnits', unitIds: [first.unit], toGrid: gridOf(s0, first.neighbour) }], 'planner A')
    const s1 = await load(code)
    const res = await post(`/api/communities/${code}/edits`, {
      editVersion: s0.community.editVersion,
      author: 'planner B',
      reason: 'stale',
      ops: [{ kind: 'moveUnits', unitIds: [first.neighbour], toGrid: gridOf(s0, first.unit) }],
    })
    expect(res.statusCode).toBe(409)
    const body = res.json()
    expect(body.code).toBe('EDIT_CONFLICT')
    expect(body.details.currentEditVersion).toBe(s1.community.editVersion)
    expect(body.details.yourEditVersion).toBe(s0.community.editVersion)
    expect(body.details.changes.map((c: Revision) => c.reason)).toEqual(['planner A'])
    expect((await load(code)).current).toEqual(s1.current)
  })

  it('lets only one of two simultaneous saves of the same version through; the other gets 409', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const { unit, neighbour } = boundaryPair(s0)
    // the author is the signed-in user now (issue 13): the reason tells the two saves apart
    const body = (unitIds: number[], toGrid: number, author: string) => ({
      editVersion: s0.community.editVersion,
      author,
      reason: `race ${author}`,
      ops: [{ kind: 'moveUnits', unitIds, toGrid }],
    })
    const [a, b] = await Promise.all([
      post(`/api/communities/${code}/edits`, body([unit], gridOf(s0, neighbour), 'A')),
      post(`/api/communities/${code}/edits`, body([neighbour], gridOf(s0, unit), 'B')),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const s1 = await load(code)
    expect(s1.community.editVersion).toBe(s0.community.editVersion + 1)
    const winner = a.statusCode === 200 ? 'A' : 'B'
    expect((await get(`/api/communities/${code}/history`)).json<Revision[]>()[0].reason).toBe(`race ${winner}`)
    expect(s1.current.reduce((t, g) => t + g.households, 0)).toBe(s0.current.reduce((t, g) => t + g.households, 0))
  })

  it('conserves households and keeps every unit in one grid of its community over random edits', async () => {
    const code = nextCommunity()
    let seed = 12345
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let i = 0; i < 8; i++) {
      const s = await load(code)
      const boundary = s.adjacency.filter(([a, b]) => gridOf(s, a) !== gridOf(s, b))
      const [a, b] = boundary[Math.floor(random() * boundary.length)]
      const big = s.current.filter((g) => g.unitCount >= 2)
      const kind = i % 3
      let ops: EditOp[]
      if (kind === 0 || big.length === 0) ops = [{ kind: 'moveUnits', unitIds: [a], toGrid: gridOf(s, b) }]
      else if (kind === 1) {
        const g = big[Math.floor(random() * big.length)]
        const members = unitsOf(s, g.id).map((u) => u.id)
        const cut = 1 + Math.floor(random() * (members.length - 1))
        ops = [{ kind: 'splitByAssignment', grid: g.id, sideA: members.slice(0, cut), sideB: members.slice(cut) }]
      } else ops = [{ kind: 'mergeGrids', into: gridOf(s, a), from: gridOf(s, b) }]
      const { after } = await save(code, ops, `random ${i}`)
      const ids = new Set(after.current.map((g) => g.id))
      expect(after.units.features.every((f) => ids.has(f.properties.gridId!))).toBe(true)
      expect(after.current.every((g) => g.code.startsWith(code))).toBe(true)
      expect(new Set(after.current.map((g) => g.code)).size).toBe(after.current.length)
    }
    expect((await get(`/api/communities/${code}/history`)).json<Revision[]>()).toHaveLength(8)
  })

  // issue 14 changed what a split does to codes: the part with most households keeps the grid's
  // code (staff assignments hang on it), only the other part gets a new one
  it('splits a grid with a drawn line: the larger part keeps the code, the other gets the next free one', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const grid = [...s0.current].sort((a, b) => b.unitCount - a.unitCount)[0]
    const members = unitsOf(s0, grid.id)
    const lngs = members.map((u) => u.properties.centroid[0]).sort((a, b) => a - b)
    const cut = (lngs[(lngs.length >> 1) - 1] + lngs[lngs.length >> 1]) / 2
    // drawn south → north: the west side is on the left
    const line: [number, number][] = [
      [cut, 38],
      [cut, 40],
    ]
    const { result, after } = await save(code, [{ kind: 'splitByLine', grid: grid.id, line }], '一分为二')
    expect(result.retired).toEqual([{ id: grid.id, code: grid.code }])
    expect(result.created).toHaveLength(2)
    const west = members.filter((u) => u.properties.centroid[0] < cut).map((u) => u.id)
    const [larger, smaller] = [...result.created].sort((a, b) => b.households - a.households)
    expect(larger.code).toBe(grid.code)
    const maxSeq = Math.max(...s0.current.map((c) => Number(c.code.slice(12))))
    expect(smaller.code.slice(0, 12)).toBe(code)
    expect(Number(smaller.code.slice(12))).toBeGreaterThan(maxSeq)
    expect(result.codesRetired).toEqual([])
    expect(result.codesCreated).toEqual([smaller.code])
    for (const g of result.created) expect(g.parentIds).toEqual([grid.id])
    // one code per current grid, as before plus one
    const codesAfter = after.current.map((g) => g.code)
    expect(new Set(codesAfter).size).toBe(codesAfter.length)
    expect(codesAfter.sort()).toEqual([...s0.current.map((g) => g.code), smaller.code].sort())
    // names follow the one naming rule: the community's short name + 第N网格, N from the code
    const named = after.current.find((g) => g.code === smaller.code)!
    expect(named.name).toMatch(new RegExp(`第${Number(smaller.code.slice(12))}网格$`))
    expect(named.name).not.toMatch(/居委会|村委会/)
    expect(result.created.reduce((t, g) => t + g.households, 0)).toBe(grid.households)
    const westGrid = gridOf(after, west[0])
    expect(west.every((u) => gridOf(after, u) === westGrid)).toBe(true)
    expect(after.current.map((g) => g.id)).not.toContain(grid.id)
    // the new grids are listed with their polygons
    const listed = (await get(`/api/grids?community=${code}`)).json<GridPage>()
    for (const g of result.created) {
      const f = listed.features.find((x) => x.properties.id === g.id)!
      expect(f.geometry.type).toBe('MultiPolygon')
      expect(f.properties.households).toBe(g.households)
      expect(f.properties.parentIds).toEqual([grid.id])
    }
    // the retired grid is still readable, with its last figures and its end date
    const old = (await get(`/api/grids/${grid.id}`)).json<GridPage['features'][number]>().properties
    expect(old).toMatchObject({ code: grid.code, households: grid.households, validTo: expect.any(String) })
  })

  it('merges two adjacent grids, selects by lasso, creates and deletes an empty grid', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const { unit, neighbour } = boundaryPair(s0)
    const [a, b] = [gridOf(s0, unit), gridOf(s0, neighbour)]
    const merged = await save(code, [{ kind: 'mergeGrids', into: a, from: b }], '合并')
    expect(merged.result.retired.map((g) => g.id).sort()).toEqual([a, b].sort())
    expect(merged.result.created).toHaveLength(1)
    expect(merged.result.created[0].parentIds).toEqual([a, b].sort((x, y) => x - y))
    const hh = (id: number) => s0.current.find((g) => g.id === id)!.households
    expect(merged.result.created[0].households).toBe(hh(a) + hh(b))
    // the merged grid keeps the code of the larger grid; the smaller one's code ends
    const [big, small] = [a, b].sort((x, y) => hh(y) - hh(x) || x - y)
    const codeOf = (id: number) => s0.current.find((g) => g.id === id)!.code
    expect(merged.result.created[0].code).toBe(codeOf(big))
    expect(merged.result.codesRetired).toEqual([codeOf(small)])
    expect(merged.result.codesCreated).toEqual([])

    // lasso a small square around one unit's centroid: exactly that unit moves
    const s1 = await load(code)
    const pair = boundaryPair(s1)
    const [x, y] = s1.units.features.find((f) => f.id === pair.unit)!.properties.centroid
    const d = 1e-5
    const ring: [number, number][] = [
      [x - d, y - d],
      [x + d, y - d],
      [x + d, y + d],
      [x - d, y + d],
      [x - d, y - d],
    ]
    const lasso = await save(code, [{ kind: 'moveUnitsInPolygon', ring, toGrid: gridOf(s1, pair.neighbour) }])
    expect(gridOf(lasso.after, pair.unit)).toBe(gridOf(s1, pair.neighbour))
    expect((await get(`/api/communities/${code}/history`)).json<Revision[]>()[0].unitsMoved).toBe(1)

    const created = await save(code, [{ kind: 'createGrid' }], '新建')
    const empty = created.result.created[0]
    expect(empty).toMatchObject({ households: 0, unitCount: 0 })
    expect(created.result.warnings).toContainEqual(expect.objectContaining({ code: 'EMPTY_GRID', gridId: empty.id }))
    const deleted = await save(code, [{ kind: 'deleteGrid', grid: empty.id }], '删除空网格')
    expect(deleted.result.retired).toEqual([{ id: empty.id, code: empty.code }])
  })

  it('rejects bad edits with a 4xx that names the problem, and changes nothing', async () => {
    const code = nextCommunity()
    const other = nextCommunity()
    const s = await load(code)
    const o = await load(other)
    const unit = s.units.features[0].id
    const grid = s.current[0].id
    const move = (unitIds: number[], toGrid: number) => ({ ops: [{ kind: 'moveUnits', unitIds, toGrid }] })
    await expectError(code, move([99999999], grid), 400, 'UNKNOWN_UNIT', '99999999')
    await expectError(code, move([o.units.features[0].id], grid), 400, 'UNIT_OTHER_COMMUNITY', other)
    await expectError(code, move([unit], o.current[0].id), 400, 'GRID_OTHER_COMMUNITY', String(o.current[0].id))
    await expectError(code, move([unit], 987654), 400, 'UNKNOWN_GRID', '987654')
    await expectError(code, move([unit], -1), 400, 'UNIT_UNASSIGNED', String(unit))
    await expectError(
      code,
      { ops: [{ kind: 'moveUnitsInPolygon', ring: [[117, 39]], toGrid: grid }] },
      400,
      'INVALID_GEOMETRY',
    )
    await expectError(
      code,
      {
        ops: [
          {
            kind: 'moveUnitsInPolygon',
            ring: [
              [117, 39],
              ['east', 39],
              [118, 40],
            ],
            toGrid: grid,
          },
        ],
      },
      400,
      'INVALID_GEOMETRY',
      'east',
    )
    // a line that misses the grid (all its units on one side) is no split; one far beyond the
    // community is not even taken as a line (ADR 17)
    const [cx, cy] = s.units.features[0].properties.centroid
    const line = [
      [cx + 0.5, cy],
      [cx + 0.5, cy + 0.01],
    ]
    await expectError(code, { ops: [{ kind: 'splitByLine', grid, line }] }, 400, 'INVALID_SPLIT')
    const far = [
      [100, 10],
      [100, 11],
    ]
    await expectError(code, { ops: [{ kind: 'splitByLine', grid, line: far }] }, 400, 'INVALID_GEOMETRY', 'reach')
    await expectError(code, { ops: [{ kind: 'deleteGrid', grid }] }, 400, 'GRID_NOT_EMPTY')
    await expectError(code, { ops: [] }, 400, 'BAD_REQUEST')
    await expectError(code, { author: '', ...move([unit], grid) }, 400, 'BAD_REQUEST', 'author')
    await expectError(code, { author: '   ', ...move([unit], grid) }, 400, 'BAD_REQUEST', 'author')
    await expectError(code, { ops: [{ kind: 'teleport' }] }, 400, 'BAD_REQUEST')
    await expectError(code, move([unit], gridOf(s, unit)), 400, 'EMPTY_EDIT')
    const res = await post('/api/communities/120116999999/edits', {
      editVersion: 1,
      author: 'x',
      reason: '',
      ...move([unit], grid),
    })
    expect(res.statusCode).toBe(404)
  })
})

describe('revert and the grids as of a past moment', () => {
  it('reverts a split with a new revision; the past plan stays visible by date', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const beforeEdit = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 20))
    const grid = [...s0.current].sort((a, b) => b.unitCount - a.unitCount)[0]
    const members = unitsOf(s0, grid.id)
    // the planner gives the code to the small side (one unit)
    const split = await save(code, [
      {
        kind: 'splitByAssignment',
        grid: grid.id,
        sideA: [members[0].id],
        sideB: members.slice(1).map((u) => u.id),
        codeOn: 'sideA',
      },
    ])
    const small = split.result.created.find((g) => g.unitCount === 1)!
    expect(small.code).toBe(grid.code)
    expect(split.result.codesCreated).toHaveLength(1)
    expect(split.result.codesCreated).not.toContain(grid.code)
    // as of the moment before: the original grids, with their households
    const asOf = (at: string) => get(`/api/grids?community=${code}&asOf=${encodeURIComponent(at)}`)
    const past = (await asOf(beforeEdit)).json<GridPage>().features.map((f) => f.properties)
    expect(past.map((g) => [g.id, g.households]).sort()).toEqual(s0.current.map((g) => [g.id, g.households]).sort())
    const today = new Date().toISOString().slice(0, 10)
    const now = (await asOf(today)).json<GridPage>().features.map((f) => f.properties.id)
    expect(now.sort()).toEqual(split.after.current.map((g) => g.id).sort())
    expect((await asOf('2022-06-01')).json<GridPage>().total).toBe(0)
    const bad = await asOf('2023-02-30')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'BAD_AS_OF', message: expect.stringContaining('2023-02-30') })

    const betweenEdits = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 20))
    const res = await post(`/api/revisions/${split.result.revisionId}/revert`, { author: '测试员', reason: '撤销拆分' })
    expect(res.statusCode, res.body).toBe(200)
    const reverted = res.json<EditResult>()
    expect(reverted.householdsAfter).toBe(reverted.householdsBefore)
    const s2 = await load(code)
    // the units are together again, in a grid whose lineage names the retired one
    const back = gridOf(s2, members[0].id)
    expect(members.every((u) => gridOf(s2, u.id) === back)).toBe(true)
    expect(reverted.created.find((g) => g.id === back)!.parentIds).toContain(grid.id)
    expect(s2.current.find((g) => g.id === back)!.households).toBe(grid.households)
    expect(s2.current).toHaveLength(s0.current.length)
    // the revert restores the original codes: the grid is back under its own code and the
    // split's new code ends, so the codes are exactly those of before
    expect(s2.current.find((g) => g.id === back)!.code).toBe(grid.code)
    expect(s2.current.map((g) => g.code).sort()).toEqual(s0.current.map((g) => g.code).sort())
    expect(reverted.codesCreated).toEqual([])
    expect(reverted.codesRetired).toEqual(split.result.codesCreated)
    // as of the moment between the split and the revert: the split plan, with its two parts
    const middle = (await asOf(betweenEdits)).json<GridPage>().features.map((f) => f.properties)
    expect(middle.map((g) => [g.id, g.households]).sort()).toEqual(
      split.after.current.map((g) => [g.id, g.households]).sort(),
    )
    const history = (await get(`/api/communities/${code}/history`)).json<Revision[]>()
    expect(history.slice(0, 2).map((r) => [r.action, r.revertOf])).toEqual([
      ['revert', split.result.revisionId],
      ['edit', null],
    ])
    // reverting it again is refused: its units have moved since
    const again = await post(`/api/revisions/${split.result.revisionId}/revert`, { author: 'x', reason: '' })
    expect(again.statusCode).toBe(409)
    expect((await post('/api/revisions/99999999/revert', { author: 'x', reason: '' })).statusCode).toBe(404)
  })
})

describe('proposals', () => {
  it('proposes keeping the grids, their codes and their shapes where they can reach the band', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const p = (await post(`/api/communities/${code}/proposals`, { mode: 'propose' })).json<Proposal>()
    expect(p.proposed.shareInBand).toBeGreaterThanOrEqual(p.current.shareInBand)
    // every proposed grid is at least as compact as the grid it comes from, or is named as not
    for (const g of p.proposedGrids)
      if (!g.belowCurrentShape && g.currentPolsbyPopper != null)
        expect(g.polsbyPopper).toBeGreaterThanOrEqual(g.currentPolsbyPopper - 1e-3)
    if (p.edits.length === 0) return expect(p.proposed.unitsMoved).toBe(0)
    const kept = p.proposedGrids.every((g) => s0.current.some((c) => c.id === g.key))
    const accepted = await save(code, p.edits[0].ops as EditOp[], '采纳方案')
    // grids kept: no code retired; else a fresh plan where the current grids could not reach the band
    if (kept) expect(accepted.result.retired).toEqual([])
    else expect(accepted.result.retired.length).toBeGreaterThan(0)
  })

  it('proposes a balanced plan from scratch for a community and saves it when accepted', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const res = await post(`/api/communities/${code}/proposals`, { mode: 'propose', fresh: true })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<Proposal>()
    expect(p.proposed.disconnectedGrids).toBe(0)
    expect(p.proposed.unassignedUnits).toBe(0)
    const proposedUnits = p.proposedGrids.flatMap((g) => g.unitIds).sort()
    expect(proposedUnits).toEqual(s0.units.features.map((f) => f.id).sort())
    expect(p.proposedGrids.reduce((t, g) => t + g.households, 0)).toBe(s0.community.households)
    expect(p.current.grids).toBe(s0.current.length)
    expect(p.edits).toHaveLength(1)
    const accepted = await save(code, p.edits[0].ops as EditOp[], '采纳方案')
    const households = (gs: { households: number }[]) => gs.map((g) => g.households).sort((a, b) => a - b)
    expect(households(accepted.after.current)).toEqual(households(p.proposedGrids))
    expect(accepted.result.retired.map((g) => g.id).sort()).toEqual(s0.current.map((g) => g.id).sort())
    // lineage: each new grid names the old grids its units came from
    for (const g of accepted.result.created) {
      const from = new Set(unitsOf(accepted.after, g.id).map((u) => gridOf(s0, u.id)))
      expect(g.parentIds).toEqual([...from].sort((a, b) => a - b))
    }
    // and reverting the accepted plan brings back grids with the households of before
    const undo = await post(`/api/revisions/${accepted.result.revisionId}/revert`, { author: '测试员', reason: '恢复' })
    expect(undo.statusCode, undo.body).toBe(200)
    const back = await load(code)
    expect(households(back.current)).toEqual(households(s0.current))
    for (const g of s0.current) {
      const members = unitsOf(s0, g.id).map((u) => u.id)
      expect(new Set(members.map((u) => gridOf(back, u))).size).toBe(1)
    }
  })

  it('rebalances moving only the units it reports, and keeps the grid codes', async () => {
    const code = nextCommunity()
    const s0 = await load(code)
    const p = (await post(`/api/communities/${code}/proposals`, { mode: 'rebalance' })).json<Proposal>()
    expect(p.proposed.grids).toBe(s0.current.length)
    expect(p.proposed.shareInBand).toBeGreaterThanOrEqual(p.current.shareInBand)
    if (p.edits.length === 0) return expect(p.proposed.unitsMoved).toBe(0)
    const moved = p.edits[0].ops.flatMap((o) => (o as { unitIds: number[] }).unitIds)
    expect(moved).toHaveLength(p.proposed.unitsMoved!)
    const accepted = await save(code, p.edits[0].ops as EditOp[], '微调')
    expect(accepted.after.current.map((g) => g.code)).toEqual(s0.current.map((g) => g.code))
  })

  it('proposes for a whole street, every community separately; bad input is a 400', async () => {
    const street = communities[communities.length - 1].streetCode
    const res = await post(`/api/streets/${street}/proposals`, { mode: 'propose' })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<Proposal>()
    const inStreet = (await get(`/api/communities?street=${street}&limit=5000`)).json<CommunityPage>()
    const codes = new Set(inStreet.features.map((f) => f.properties.code))
    expect(p.proposedGrids.every((g) => codes.has(g.communityCode))).toBe(true)
    // the communities to page through, named
    expect(p.communities.map((c) => c.code).sort()).toEqual([...codes].sort())
    expect(p.communities.every((c) => c.name.length > 0)).toBe(true)
    expect(p.proposed.minPolsbyPopper).toBeLessThanOrEqual(p.proposed.meanPolsbyPopper)
    expect(p.proposed.disconnectedGrids).toBe(0)
    expect(p.baseline.grids).toBeGreaterThan(0)
    expect((await post(`/api/streets/${street}/proposals`, { mode: 'magic' })).statusCode).toBe(400)
    expect((await post(`/api/streets/${street}/proposals`, { mode: 'propose', fresh: 'yes' })).statusCode).toBe(400)
    expect((await post('/api/streets/120116999/proposals', { mode: 'propose' })).statusCode).toBe(404)
  })
})
