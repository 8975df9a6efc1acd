// Importing a walk network (issue 11) on each engine: an OpenStreetMap extract and a GeoJSON with
// Chinese columns go through upload → dry run (topology, islands; nothing written) → commit (the
// network replaced, every building re-joined) → rollback (the demo network back as it was).
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DryRunResult, ImportUploadResult } from '../../core/api'
import type { WalkBarrier, WalkNetwork } from '../../core/network/types'
import { readBuildingAccess, readWalkBarriers, readWalkNetwork } from '../../server/modules/network/network.repository'
import { checkWalkNetwork } from '../../server/modules/network/network-checks.repository'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let demo: { network: WalkNetwork; barriers: WalkBarrier[] }
beforeAll(async () => {
  ctx = await startTestApp()
  demo = { network: await readWalkNetwork(ctx.database.db), barriers: await readWalkBarriers(ctx.database.db) }
})
afterAll(() => ctx?.close())

const upload = (filename: string, body: Uint8Array | Buffer) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/imports?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body),
  })
const post = (url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })

// a commit or rollback re-joins all 44,491 buildings to the network: minutes on the embedded engine when CI's two cores are shared
describe('import: a walk network from an OpenStreetMap extract', { timeout: 240_000 }, () => {
  let id: number
  let guess: ImportUploadResult['layers'][number]['guesses'][string]

  it('upload: reads the highway ways as lines and suggests the walk network layer', async () => {
    const res = await upload(
      'walk-tanggu.osm.pbf',
      readFileSync(new URL('../../core/import/fixtures/walk-tanggu.osm.pbf', import.meta.url)),
    )
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<ImportUploadResult>()
    id = body.id
    expect(body.format).toBe('osm')
    const [layer] = body.layers
    // 12 highway ways, one clipped to a single node by the extract; the river is no highway
    expect(layer).toMatchObject({ geometryType: 'line', featureCount: 11, suggestedTarget: 'walk_network' })
    expect(layer.crs.code).toBe('EPSG:4326')
    guess = layer.guesses.walk_network
    expect(guess.fields).toMatchObject({ highway: 'highway', name: 'name', bridge: 'bridge', layer: 'layer' })
  })

  it('upload: refuses a file that is not OSM data with a 422 saying so', async () => {
    const res = await upload('broken.osm.pbf', new Uint8Array([0, 0, 0, 9, 1, 2, 3, 4]))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'BAD_OSM' })
    expect(res.json().message).toMatch(/not a readable OpenStreetMap/)
  })

  it('dry run: builds the topology, reports the island, writes nothing', async () => {
    const res = await post(`/api/imports/${id}/dry-run`, { target: 'walk_network', mapping: guess, crs: 'EPSG:4326' })
    expect(res.statusCode, res.body).toBe(200)
    const result = res.json<DryRunResult>()
    expect(result.counts).toMatchObject({ added: 11, rejected: 0 })
    const islands = result.problems.filter((p) => p.code === 'NETWORK_ISLAND')
    expect(islands).toHaveLength(1)
    expect(islands[0].severity).toBe('warning')
    expect(result.notices.join('\n')).toMatch(/0 crossings at grade noded, \d+ passing over or under/)
    expect(result.canCommit).toBe(true)
    expect((await readWalkNetwork(ctx.database.db)).edges).toHaveLength(demo.network.edges.length)
  })

  it('commit: replaces the network and joins every building to a walkable edge of it', async () => {
    const res = await post(`/api/imports/${id}/commit`, { author: '测试', reason: 'OSM 路网' })
    expect(res.statusCode, res.body).toBe(200)
    const network = await readWalkNetwork(ctx.database.db)
    expect(network.edges.length).toBeLessThan(40)
    const viaduct = network.edges.find((e) => e.name === '海滨大道')!
    expect(viaduct).toMatchObject({ class: 'expressway', walkable: false, bridge: true })
    expect(network.edges.find((e) => e.name === '人行桥')).toMatchObject({ class: 'bridge', walkable: true })
    expect(await readWalkBarriers(ctx.database.db)).toEqual([])
    const walkable = new Set(network.edges.filter((e) => e.walkable).map((e) => e.id))
    const access = await readBuildingAccess(ctx.database.db)
    const report = await checkWalkNetwork(ctx.database.db)
    expect(access.size).toBe(report.buildings)
    for (const a of access.values()) expect(walkable.has(a.edgeId)).toBe(true)
  })

  it('rollback: the demo network, its barriers and every access point come back as they were', async () => {
    const res = await post(`/api/imports/${id}/rollback`, { author: '测试', reason: 'back to the demo network' })
    expect(res.statusCode, res.body).toBe(200)
    expect(await readWalkNetwork(ctx.database.db)).toEqual(demo.network)
    expect(await readWalkBarriers(ctx.database.db)).toEqual(demo.barriers)
    const report = await checkWalkNetwork(ctx.database.db)
    expect(report.buildingsWithoutAccess).toBe(0)
    expect(report.accessWalksAcrossBarriers).toBe(0)
  })
})

describe('import: a walk network from GeoJSON with Chinese columns', { timeout: 240_000 }, () => {
  const X = 117.7
  const Y = 39.02
  const line = (coords: number[][], props: Record<string, string>) => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'LineString', coordinates: coords },
  })
  const file = {
    type: 'FeatureCollection',
    features: [
      line(
        [
          [X, Y + 0.001],
          [X + 0.002, Y + 0.001],
        ],
        { 路名: '新港路', 类别: '支路' },
      ),
      line(
        [
          [X + 0.001, Y],
          [X + 0.001, Y + 0.002],
        ],
        { 路名: '河滨步道', 类别: '人行道' },
      ),
      // over both at (X + 0.0015, …): a bridge, so no node where it crosses
      line(
        [
          [X + 0.0015, Y - 0.001],
          [X + 0.0015, Y + 0.003],
        ],
        { 路名: '跨河桥', 类别: '桥', 桥梁: '是' },
      ),
      { type: 'Feature', properties: { 路名: '点', 类别: '支路' }, geometry: { type: 'Point', coordinates: [X, Y] } },
      line(
        [
          [X, Y],
          [X + 0.001, Y],
        ],
        { 路名: '未知', 类别: '飞机跑道' },
      ),
    ],
  }

  it('maps 类别 and 桥梁, nodes the crossing at grade, passes the bridge over, rejects a point and an unknown class', async () => {
    const res = await upload('路网.geojson', Buffer.from(JSON.stringify(file)))
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<ImportUploadResult>()
    const [layer] = body.layers
    expect(layer.suggestedTarget).toBe('walk_network')
    const mapping = layer.guesses.walk_network
    expect(mapping.fields).toMatchObject({ class: '类别', name: '路名', bridge: '桥梁' })
    const dry = await post(`/api/imports/${body.id}/dry-run`, { target: 'walk_network', mapping, crs: 'EPSG:4326' })
    expect(dry.statusCode, dry.body).toBe(200)
    const result = dry.json<DryRunResult>()
    expect(result.counts).toMatchObject({ added: 3, rejected: 2 })
    expect(result.problems.map((p) => [p.row, p.code])).toEqual(
      expect.arrayContaining([
        [4, 'BAD_GEOMETRY'],
        [5, 'BAD_VALUE'],
      ]),
    )
    expect(result.notices.join('\n')).toMatch(/1 crossings at grade noded, 1 passing over or under/)
    // the bridge is an island: it meets nothing at grade
    expect(result.problems.filter((p) => p.code === 'NETWORK_ISLAND')).toHaveLength(1)
  })

  it('refuses to commit a file with no usable line, saying why, and changes nothing', async () => {
    const polygons = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 类别: '支路' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [X, Y],
                [X + 0.001, Y],
                [X, Y + 0.001],
                [X, Y],
              ],
            ],
          },
        },
      ],
    }
    const body = (await upload('面.geojson', Buffer.from(JSON.stringify(polygons)))).json<ImportUploadResult>()
    const mapping = { fields: { class: '类别' }, coordinates: null }
    const result = (
      await post(`/api/imports/${body.id}/dry-run`, { target: 'walk_network', mapping, crs: 'EPSG:4326' })
    ).json<DryRunResult>()
    const bad = result.problems.find((p) => p.code === 'BAD_GEOMETRY')!
    expect(bad.message).toMatch(/needs lines/)
    expect(result.problems.find((p) => p.code === 'NO_WALKABLE_EDGE')?.severity).toBe('error')
    expect(result.canCommit).toBe(false)
    const commit = await post(`/api/imports/${body.id}/commit`, { author: '测试' })
    expect(commit.statusCode).toBe(422)
    expect(commit.json().code).toBe('NOTHING_TO_COMMIT')
    expect(commit.json().message).toMatch(/nothing that can be written/)
    expect((await readWalkNetwork(ctx.database.db)).edges).toHaveLength(demo.network.edges.length)
  })
})

describe('import: buildings added to a district with a walk network', () => {
  it('joins a new building to the network at commit, and its access goes with it at rollback', async () => {
    const { rows } = await sql<{ code: string; lng: number; lat: number }>`SELECT u.code,
        ST_X(ST_PointOnSurface(u.geom)) AS lng, ST_Y(ST_PointOnSurface(u.geom)) AS lat
      FROM units u ORDER BY u.id LIMIT 1`.execute(ctx.database.db)
    const u = rows[0]
    const csv = `code,unitCode,households,lng,lat\nNET-B-1,${u.code},12,${u.lng},${u.lat}\n`
    const body = (await upload('buildings.csv', Buffer.from(csv))).json<ImportUploadResult>()
    const mapping = body.layers[0].guesses.buildings
    const dry = await post(`/api/imports/${body.id}/dry-run`, { target: 'buildings', mapping, crs: 'EPSG:4326' })
    expect(dry.statusCode, dry.body).toBe(200)
    expect(dry.json<DryRunResult>().counts.added).toBe(1)
    const commit = await post(`/api/imports/${body.id}/commit`, { author: '测试' })
    expect(commit.statusCode, commit.body).toBe(200)
    const { rows: added } = await sql<{ id: number }>`SELECT id FROM buildings WHERE code = 'NET-B-1'`.execute(
      ctx.database.db,
    )
    const access = await readBuildingAccess(ctx.database.db)
    const joined = access.get(added[0].id)!
    expect(joined).toBeDefined()
    expect(demo.network.edges.find((e) => e.id === joined.edgeId)?.walkable).toBe(true)
    expect((await checkWalkNetwork(ctx.database.db)).buildingsWithoutAccess).toBe(0)
    const rollback = await post(`/api/imports/${body.id}/rollback`, { author: '测试' })
    expect(rollback.statusCode, rollback.body).toBe(200)
    expect((await readBuildingAccess(ctx.database.db)).has(added[0].id)).toBe(false)
    expect((await checkWalkNetwork(ctx.database.db)).buildingsWithoutAccess).toBe(0)
  })
})
