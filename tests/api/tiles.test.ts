// Vector tiles on the engine under test (ST_AsMVT on a server, the in-memory tiler on PGlite):
// a tile decodes with @mapbox/vector-tile to the features the same box gives through the API;
// ETags follow the data's revision and an edit moves only the tiles it touched.

import { VectorTile } from '@mapbox/vector-tile'
import { bboxPolygon, booleanIntersects } from '@turf/turf'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityUnits, CoverageGaps, FacilityPage, GridPage, TileJson, UnitAdjacency } from '../../core/api'
import { type TileCoord, tileBbox, tileOf } from '../../core/tiles/tile-math'
import { outerRing } from '../support/geometry'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers })
const url = (layer: string, t: TileCoord, query = '') =>
  `/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query ? `?${query}` : ''}`

/** The features of one layer of a tile, decoded by the reference decoder, by id. */
async function decode(layer: string, t: TileCoord, query = '') {
  const res = await get(url(layer, t, query))
  expect([200, 204]).toContain(res.statusCode)
  const tile = new VectorTile(new PbfReader(res.rawPayload))
  const l = tile.layers[layer]
  const features = new Map<number, Record<string, unknown>>()
  for (let i = 0; i < (l?.length ?? 0); i++) {
    const f = l!.feature(i)
    features.set(Number(f.id), { ...f.properties, type: f.type, geojson: f.toGeoJSON(t.x, t.y, t.z) })
  }
  return { res, features }
}

/** A tile over the middle of the first grid (with its neighbours around it). */
async function tileOverFirstGrid(z: number) {
  const g = (await get('/api/grids?limit=1')).json<GridPage>().features[0]
  const ring = outerRing(g.geometry)
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length
  return tileOf(lng, lat, z)
}

describe('GET /api/tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  it('a grids tile decodes to the grids the same box gives through the API, with their figures', async () => {
    for (const z of [12, 14, 16]) {
      const t = await tileOverFirstGrid(z)
      const { res, features } = await decode('grids', t)
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
      const api = (await get(`/api/grids?bbox=${tileBbox(t).join(',')}&limit=5000`)).json<GridPage>()
      expect(api.total).toBeGreaterThan(0)
      // the API's bbox matches features by their box; a tile carries those whose shape reaches it
      const meeting = api.features.filter((f) => booleanIntersects(f, bboxPolygon(tileBbox(t))))
      expect(meeting.length).toBeGreaterThan(0)
      expect(meeting.every((f) => features.has(f.properties.id))).toBe(true)
      expect([...features.keys()].every((id) => api.features.some((f) => f.properties.id === id))).toBe(true)
      for (const f of meeting) {
        const decoded = features.get(f.properties.id)!
        expect(decoded.type).toBe(3) // polygon
        expect(decoded.code).toBe(f.properties.code)
        expect(decoded.households).toBe(f.properties.households)
        expect(decoded.inBand).toBe(f.properties.inBand)
      }
    }
  })

  it('a facilities tile decodes to the facilities in the box, at their places', async () => {
    const t = await tileOverFirstGrid(12)
    const { features } = await decode('facilities', t)
    const api = (await get(`/api/facilities?bbox=${tileBbox(t).join(',')}&limit=5000`)).json<FacilityPage>()
    const live = api.features.filter((f) => f.properties.status !== 'retired')
    expect(live.length).toBeGreaterThan(0)
    expect([...features.keys()].sort((a, b) => a - b)).toEqual(live.map((f) => f.properties.id).sort((a, b) => a - b))
    for (const f of live) {
      const [lng, lat] = (f.geometry as { coordinates: number[] }).coordinates
      const [dlng, dlat] = ((features.get(f.properties.id)!.geojson as GeoJSON.Feature).geometry as GeoJSON.Point)
        .coordinates
      // MVT resolution at z12 with extent 4096: ~2.4 m
      expect(Math.abs(dlng - lng)).toBeLessThan(5e-5)
      expect(Math.abs(dlat - lat)).toBeLessThan(5e-5)
    }
  })

  it('serves units, buildings and communities; a tile outside the district is empty', async () => {
    const t = await tileOverFirstGrid(15)
    for (const layer of ['units', 'buildings', 'communities'])
      expect((await decode(layer, t)).features.size).toBeGreaterThan(0)
    const far = await get(url('grids', { z: 10, x: 0, y: 0 }))
    expect(far.statusCode).toBe(204)
  })

  it('answers a repeated request with 304 by ETag', async () => {
    const t = await tileOverFirstGrid(14)
    const first = await get(url('grids', t))
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"grids-14-\d+-\d+-r\d+"$/)
    expect(first.headers['cache-control']).toContain('must-revalidate')
    const again = await get(url('grids', t), { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.byteLength).toBe(0)
  })

  it('a grid edit moves only the tiles it touched to a new revision, and they show the edit', async () => {
    const code = (await get('/api/grids?limit=1')).json<GridPage>().features[0].properties.communityCode
    const units = (await get(`/api/communities/${code}/units`)).json<CommunityUnits>()
    const adjacency = (await get(`/api/communities/${code}/adjacency`)).json<UnitAdjacency>()
    const gridOf = (id: number) => units.units.features.find((f) => f.id === id)!.properties.gridId!
    const [unit, neighbour] = adjacency.pairs.find(([a, b]) => gridOf(a) !== gridOf(b))!
    const ring = outerRing(units.units.features.find((f) => f.id === unit)!.geometry)
    const here = tileOf(ring[0][0], ring[0][1], 16)
    const far: TileCoord = { z: 16, x: here.x + 400, y: here.y + 400 }
    const before = {
      here: (await get(url('units', here))).headers.etag,
      far: (await get(url('units', far))).headers.etag,
    }

    const save = await ctx.app.inject({
      method: 'POST',
      url: `/api/communities/${code}/edits`,
      payload: {
        editVersion: units.community.editVersion,
        author: '测试员',
        reason: 'tiles',
        ops: [{ kind: 'moveUnits', unitIds: [unit], toGrid: gridOf(neighbour) }],
      },
    })
    expect(save.statusCode, save.body).toBe(200)

    const after = await decode('units', here)
    expect(after.res.headers.etag).not.toBe(before.here)
    expect(after.features.get(unit)!.gridId).toBe(gridOf(neighbour))
    expect((await get(url('units', here), { 'if-none-match': before.here as string })).statusCode).toBe(200)
    expect((await get(url('units', far))).headers.etag).toBe(before.far)
    expect((await get(url('units', far), { 'if-none-match': before.far as string })).statusCode).toBe(304)
  })

  it('refuses a tile that does not exist and a layer that is not tiled, naming the value', async () => {
    const bad = await get('/api/tiles/grids/3/8/0.mvt')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('x must be an integer 0–7')
    expect((await get('/api/tiles/grids/22/0/0.mvt')).json().message).toContain('zoom')
    const layer = await get('/api/tiles/households/3/1/1.mvt')
    expect(layer.statusCode).toBe(400)
    expect(layer.json().message).toContain('layer')
  })
})

describe('GET /api/tiles/{layer}/tilejson.json', () => {
  it('describes the layer for a vector-tile client: template, zooms, bounds and typed fields', async () => {
    const res = await get('/api/tiles/grids/tilejson.json')
    expect(res.statusCode).toBe(200)
    const tj = res.json<TileJson>()
    expect(tj.tilejson).toBe('3.0.0')
    expect(tj.tiles[0]).toMatch(/\/api\/tiles\/grids\/\{z\}\/\{x\}\/\{y\}\.mvt$/)
    const [w, s, e, n] = tj.bounds
    expect(w).toBeGreaterThan(117)
    expect(e).toBeLessThan(118.5)
    expect(s).toBeGreaterThan(38.5)
    expect(n).toBeLessThan(39.8)
    expect(tj.vector_layers[0]).toMatchObject({
      id: 'grids',
      fields: { households: 'Number', inBand: 'Boolean', code: 'String' },
    })
  })
})

describe('coverage-gap tiles (from the coverage store, on both engines)', () => {
  beforeAll(() => ctx.app.coverage.ensure(), 240_000)
  const TYPE = 'kindergarten'
  const gapsIn = async (t: TileCoord) =>
    (await get(`/api/coverage/gaps?type=${TYPE}&bbox=${tileBbox(t).join(',')}&limit=100000`)).json<CoverageGaps>()
  const buildingsOf = (features: Map<number, Record<string, unknown>>) =>
    [...features.values()].map((f) => f.buildingId as number).sort((a, b) => a - b)

  it('a gap tile decodes to the unserved buildings of the type the coverage API gives for its box', async () => {
    const first = (await get(`/api/coverage/gaps?type=${TYPE}&limit=1`)).json<CoverageGaps>()
    for (const z of [11, 14]) {
      const t = tileOf(first.points.lng[0], first.points.lat[0], z)
      const { res, features } = await decode('coverage-gaps', t, `type=${TYPE}`)
      expect(res.headers.etag).toMatch(new RegExp(`^"coverage-gaps-${TYPE}-as-is-${z}-\\d+-\\d+-r\\d+"$`))
      const api = await gapsIn(t)
      expect(api.unservedBuildings).toBeGreaterThan(0)
      expect(buildingsOf(features)).toEqual([...api.points.buildingId].sort((a, b) => a - b))
      for (const f of features.values()) expect(f).toMatchObject({ typeCode: TYPE, type: 1 })
    }
  }, 180_000)

  it('a facility added at a gap clears it from its tile; a tile out of its reach keeps its ETag', async () => {
    const first = (await get(`/api/coverage/gaps?type=${TYPE}&limit=1`)).json<CoverageGaps>()
    const [lng, lat] = [first.points.lng[0], first.points.lat[0]]
    const here = tileOf(lng, lat, 15)
    const far: TileCoord = { z: 15, x: here.x + 40, y: here.y + 40 }
    const before = {
      here: (await decode('coverage-gaps', here, `type=${TYPE}`)).res.headers.etag as string,
      far: (await get(url('coverage-gaps', far, `type=${TYPE}`))).headers.etag as string,
    }
    const add = await ctx.app.inject({
      method: 'POST',
      url: '/api/facilities',
      payload: {
        typeCode: TYPE,
        name: '瓦片测试幼儿园',
        lngLat: [lng, lat],
        status: 'existing',
        author: '测试员',
        reason: 'tiles',
      },
    })
    expect(add.statusCode, add.body).toBe(201)
    const after = await decode('coverage-gaps', here, `type=${TYPE}`)
    expect(after.res.headers.etag).not.toBe(before.here)
    expect(buildingsOf(after.features)).not.toContain(first.points.buildingId[0])
    expect(buildingsOf(after.features)).toEqual([...(await gapsIn(here)).points.buildingId].sort((a, b) => a - b))
    expect((await get(url('coverage-gaps', far, `type=${TYPE}`), { 'if-none-match': before.far })).statusCode).toBe(304)
  }, 180_000)

  it('TileJSON names the subject in its template; a bad subject is a 400 naming it', async () => {
    const tj = (await get(`/api/tiles/coverage-gaps/tilejson.json?type=${TYPE}`)).json<TileJson>()
    expect(tj.tiles[0]).toMatch(new RegExp(`/api/tiles/coverage-gaps/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?type=${TYPE}$`))
    expect(tj.vector_layers[0]).toMatchObject({
      id: 'coverage-gaps',
      fields: { households: 'Number', typeCode: 'String' },
    })
    const unknown = await get('/api/tiles/coverage-gaps/14/13500/6200.mvt?type=spa')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toContain('spa')
    const misplaced = await get('/api/tiles/grids/14/13500/6200.mvt?type=kindergarten')
    expect(misplaced.statusCode).toBe(400)
    expect(misplaced.json().message).toContain('coverage-gaps')
  }, 180_000)
})
