// The stored walk network on each engine: what readWalkNetwork returns, the building access points
// against PostGIS's own geodesic distances, and (server engine with pgRouting) the pgRouting helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WalkNetwork } from '../../core/network/types'
import { readBuildingAccess, readWalkNetwork } from '../../server/modules/network/network.repository'
import { facilityAccess } from '../../server/modules/network/network.service'
import { accessAgainstPostgis } from '../../server/modules/network/network-checks.repository'
import {
  enablePgRouting,
  pgrDijkstraCost,
  pgrDrivingDistance,
  pgrPointDistances,
} from '../../server/modules/network/pgrouting.repository'
import { openTestDatabase } from '../support/test-database'

let database: Awaited<ReturnType<typeof openTestDatabase>>
let network: WalkNetwork
beforeAll(async () => {
  database = await openTestDatabase()
  network = await readWalkNetwork(database.db)
})
afterAll(() => database?.close())

describe('the stored walk network', () => {
  it('reads back nodes and edges whose lines start and end at their nodes', () => {
    expect(network.edges.length).toBeGreaterThan(1000)
    const nodes = new Map(network.nodes.map((n) => [n.id, n]))
    for (const e of network.edges) {
      const s = nodes.get(e.source)!
      const t = nodes.get(e.target)!
      expect([s.lng, s.lat]).toEqual(e.coords[0])
      expect([t.lng, t.lat]).toEqual(e.coords[e.coords.length - 1])
    }
  })

  it('joins buildings at their nearest walkable edge, at the distance PostGIS measures (within 0.5%)', async () => {
    const access = await readBuildingAccess(database.db)
    expect(access.size).toBeGreaterThan(1000)
    const rows = await accessAgainstPostgis(database.db, 97)
    expect(rows.length).toBeGreaterThan(100)
    for (const r of rows) {
      expect(Math.abs(r.accessM - r.postgisAccessM)).toBeLessThanOrEqual(0.5 + 0.005 * r.postgisAccessM)
      // never nearer than the nearest edge; as near, unless the nearest is across a barrier
      expect(r.accessM).toBeGreaterThanOrEqual(r.nearestEdgeM * 0.995 - 0.5)
      if (!r.nearestAcrossBarrier) expect(r.accessM).toBeLessThanOrEqual(r.nearestEdgeM * 1.005 + 0.5)
    }
  })

  it('joins every facility too, on a walkable edge', async () => {
    const access = await facilityAccess(database.db)
    const walkable = new Set(network.edges.filter((e) => e.walkable).map((e) => e.id))
    expect(access.size).toBeGreaterThan(100)
    for (const a of access.values()) expect(walkable.has(a.edgeId)).toBe(true)
  })
})

describe('pgRouting over the stored network', () => {
  it('is there on a server with the extension, and absent (skipped) on PGlite', async (ctx) => {
    const available = await enablePgRouting(database.db)
    if (database.kind === 'pglite') expect(available).toBe(false)
    else if (!available) ctx.skip()
  })

  it('measures an edge at its length, and the same distances by dijkstraCost, drivingDistance and withPoints', async (ctx) => {
    if (!(await enablePgRouting(database.db))) return ctx.skip()
    const walkable = network.edges.filter((e) => e.walkable)
    const edge = walkable[Math.floor(walkable.length / 2)]
    const direct = await pgrDijkstraCost(database.db, [edge.source], [edge.target])
    expect(direct.get(`${edge.source}:${edge.target}`)).toBeLessThanOrEqual(edge.lengthM + 1e-9)
    // 50 nodes around: driving distance within 3 km agrees with dijkstraCost
    const reached = await pgrDrivingDistance(database.db, [edge.source], 3000)
    const targets = [...reached.keys()].filter((_, i) => i % Math.max(1, Math.floor(reached.size / 50)) === 0)
    const costs = await pgrDijkstraCost(database.db, [edge.source], targets)
    for (const t of targets) expect(costs.get(`${edge.source}:${t}`)).toBeCloseTo(reached.get(t)!, 6)
    // a point a quarter along the edge is a quarter of its length from the source's side
    const points = [
      { pid: 1, edgeId: edge.id, t: 0.25 },
      { pid: 2, edgeId: edge.id, t: 0.75 },
    ]
    const along = await pgrPointDistances(database.db, points, [1], [2])
    expect(along.get('1:2')).toBeCloseTo(0.5 * edge.lengthM, 6)
  })
})
