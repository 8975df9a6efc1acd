// The demo world's promises, checked in the database on each engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { networkComponents } from '../../core/network/components'
import {
  buildingPlacement,
  communityTiling,
  polygonTopology,
  reconcileTotals,
  unitTiling,
} from '../../server/modules/demo/world-checks.repository'
import { readWalkNetwork } from '../../server/modules/network/network.repository'
import { checkWalkNetwork } from '../../server/modules/network/network-checks.repository'
import { TEST_WORLD } from '../support/template-key'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

describe('the demo world in the database', () => {
  it('reconciles household totals: buildings = units = grids = communities', async () => {
    const r = await reconcileTotals(ctx.database.db)
    expect(r.unitsNotMatchingBuildings).toBe(0)
    expect(r.communitiesNotMatchingUnits).toBe(0)
    expect(r.gridsNotMatchingUnits).toBe(0)
    expect(r.unitsWithoutGrid).toBe(0)
    const { buildings, units, grids, communities } = r.totals
    expect(new Set([buildings, units, grids, communities]).size).toBe(1)
  })

  it('tiles every community with its units: no gap and no overlap (area within 0.1%)', async () => {
    const rows = await unitTiling(ctx.database.db)
    expect(rows).toHaveLength(505)
    const bad = rows.filter(
      (r) =>
        Math.abs(r.childrenAreaM2 - r.parentAreaM2) > 0.001 * r.parentAreaM2 ||
        Math.abs(r.unionAreaM2 - r.childrenAreaM2) > 0.001 * r.parentAreaM2,
    )
    expect(bad).toEqual([])
  })

  it('tiles every street with its communities (area within 0.1%)', async () => {
    const rows = await communityTiling(ctx.database.db)
    expect(rows).toHaveLength(26)
    const bad = rows.filter(
      (r) =>
        Math.abs(r.childrenAreaM2 - r.parentAreaM2) > 0.001 * r.parentAreaM2 ||
        Math.abs(r.unionAreaM2 - r.childrenAreaM2) > 0.001 * r.parentAreaM2,
    )
    expect(bad).toEqual([])
  })

  it('puts every building in exactly one unit: its own', async () => {
    const r = await buildingPlacement(ctx.database.db)
    expect(r.buildings).toBeGreaterThan(0)
    expect(r.outsideOwnUnit).toBe(0)
    expect(r.containments).toBe(r.buildings)
  })

  it('keeps the generator promises: 26 township units, 505 communities (366 urban, 139 rural), ~800k households, grids of ~300', async () => {
    const health = (await ctx.app.inject({ method: 'GET', url: '/api/health' })).json()
    expect(health.world.streets).toBe(26)
    expect(health.world.communities).toBe(505)
    const count = async (kind: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/communities?kind=${kind}&limit=1` })).json().total
    expect({ urban: await count('urban'), rural: await count('rural') }).toEqual({ urban: 366, rural: 139 })
    const expected = 800_000 * TEST_WORLD.scale
    expect(Math.abs(health.world.households - expected)).toBeLessThanOrEqual(0.1 * expected)
    if (TEST_WORLD.scale === 1) {
      const mean = health.world.households / health.world.grids
      expect(mean).toBeGreaterThanOrEqual(240)
      expect(mean).toBeLessThanOrEqual(360)
    }
  })

  it.each([
    ['grids', 'communityCode', 'communities'],
    ['units', 'communityCode', 'communities'],
    ['communities', 'streetCode', 'streets'],
  ] as const)(
    'serves %s with no overlap and no gap within their parent at tolerance 0, all valid',
    async (id, group, parent) => {
      const read = async (c: string) =>
        (await ctx.app.inject({ method: 'GET', url: `/ogc/collections/${c}/items?limit=10000` })).json().features
      const children = await read(id)
      const parents = await read(parent)
      const report = await polygonTopology(ctx.database.db, children, group, parents)
      expect(report).toEqual({ features: children.length, invalid: 0, overlappingPairs: 0, gaps: 0, gapAreaM2: 0 })
    },
    180_000,
  )
})

describe('the demo world’s walk network', () => {
  it('meets at its nodes and is one island over its walkable edges', async () => {
    const r = await checkWalkNetwork(ctx.database.db)
    expect(r.walkableEdges).toBeGreaterThan(1000)
    expect(r.edgesOffTheirNodes).toBe(0)
    const network = await readWalkNetwork(ctx.database.db)
    expect(network.edges).toHaveLength(r.edges)
    const { sizes } = networkComponents(network)
    expect(sizes).toHaveLength(1)
    // expressways are edges too, closed to pedestrians and joined to no street
    const closed = network.edges.filter((e) => !e.walkable)
    expect(closed.length).toBeGreaterThan(0)
    expect(closed.every((e) => e.class === 'expressway')).toBe(true)
  })

  it('crosses rivers, the canal, railways and expressways only at crossings a few kilometres apart', async () => {
    const r = await checkWalkNetwork(ctx.database.db)
    expect(r.barrierCrossingsOffCrossings).toBe(0)
    expect(Object.keys(r.crossings).sort()).toEqual(['bridge', 'level_crossing', 'underpass'])
    for (const b of r.crossingsByBarrier) {
      // every barrier can be crossed somewhere, and not on every street it meets: at most one
      // crossing per kilometre on average (the generator spaces them 1.5–3 km apart)
      expect(b.crossings, `${b.name} is never crossed`).toBeGreaterThan(0)
      expect(b.crossings, `${b.name} is crossed too often`).toBeLessThanOrEqual(Math.ceil(b.lengthM / 1000))
    }
  })

  it('joins every building to a walkable edge on its own side of every barrier', async () => {
    const r = await checkWalkNetwork(ctx.database.db)
    expect(r.buildings).toBeGreaterThan(0)
    expect(r.buildingsWithoutAccess).toBe(0)
    expect(r.accessOnClosedEdges).toBe(0)
    expect(r.accessWalksAcrossBarriers).toBe(0)
  })
})
