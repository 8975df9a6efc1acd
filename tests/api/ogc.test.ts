// OGC API – Features, written from the specification's abstract tests: Part 1 core (landing page,
// conformance, collections, items with limit/bbox/paging links, one feature), GeoJSON, HTML, and
// Part 2 CRS by reference (crs, bbox-crs, Content-Crs). Every served geometry clean (RFC 7946).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFORMANCE_CLASSES, OGC_COLLECTIONS } from '../../core/api'
import { crsTransform } from '../../core/geo/crs'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
  // the analysis collections read the coverage store: built once, up front
  await ctx.app.coverage.ensure()
})
afterAll(() => ctx?.close())

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers })
interface Link {
  href: string
  rel: string
  type?: string
}
const link = (links: Link[], rel: string, type = 'application/geo+json') =>
  links.find((l) => l.rel === rel && (l.type ?? type) === type)
const path = (href: string) => href.replace(/^https?:\/\/[^/]+/, '')

async function count(table: string) {
  const where = table === 'grids' ? sql`WHERE valid_to IS NULL` : sql``
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} ${where}`.execute(
    ctx.database.db,
  )
  return rows[0].n
}

/** Twice the signed area of a ring (positive: counter-clockwise in lng/lat). */
function signedArea(ring: number[][]) {
  let a = 0
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return a
}

describe('OGC API – Features Part 1: landing page, conformance, collections', () => {
  it('the landing page links the API definition, the conformance classes and the collections', async () => {
    const res = await get('/ogc')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const rels = res.json().links.map((l: Link) => l.rel)
    expect(rels).toEqual(
      expect.arrayContaining(['self', 'alternate', 'service-desc', 'service-doc', 'conformance', 'data']),
    )
    const desc = res.json().links.find((l: Link) => l.rel === 'service-desc')
    const api = await get(path(desc.href))
    expect(api.statusCode).toBe(200)
    expect(api.json().openapi).toMatch(/^3\.0/)
    expect(Object.keys(api.json().paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/conformance',
        '/collections',
        '/collections/{collectionId}/items',
        '/collections/{collectionId}/items/{featureId}',
      ]),
    )
    expect(
      api
        .json()
        .paths['/collections/{collectionId}/items'].get.parameters.find((p: { name: string }) => p.name === 'limit')
        .schema.maximum,
    ).toBe(10000)
  })

  it('declares core, geojson, html, oas30 and crs conformance', async () => {
    const res = await get('/ogc/conformance')
    expect(res.json().conformsTo).toEqual(CONFORMANCE_CLASSES)
    expect(res.json().conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs')
  })

  it('lists every collection with its items link, extent and the CRSs it is served in', async () => {
    const res = await get('/ogc/collections')
    const ids = res.json().collections.map((c: { id: string }) => c.id)
    expect(ids).toEqual([
      'streets',
      'communities',
      'units',
      'buildings',
      'grids',
      'facilities',
      'coverage-gaps',
      'equity-indicators',
    ])
    for (const c of res.json().collections) {
      expect(link(c.links, 'items')).toBeDefined()
      expect(c.crs).toEqual(
        expect.arrayContaining([
          'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
          'http://www.opengis.net/def/crs/EPSG/0/4490',
          'http://www.opengis.net/def/crs/EPSG/0/4548',
        ]),
      )
      expect(c.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
      const [minLng, minLat, maxLng, maxLat] = c.extent.spatial.bbox[0]
      expect(minLng).toBeGreaterThan(116)
      expect(maxLng).toBeLessThan(119)
      expect(minLat).toBeGreaterThan(38)
      expect(maxLat).toBeLessThan(40)
    }
    expect((await get('/ogc/collections/grids')).json().extent.temporal.interval[0][1]).toBeNull()
  })

  it('answers a browser with HTML and f=json with JSON', async () => {
    const html = await get('/ogc/collections', { accept: 'text/html,application/xhtml+xml' })
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(html.body).toContain('/ogc/collections/grids?f=html')
    const items = await get('/ogc/collections/streets/items?f=html&limit=2')
    expect(items.headers['content-type']).toMatch(/^text\/html/)
    expect(items.body).toContain('2 of 26')
    const json = await get('/ogc/collections?f=json', { accept: 'text/html' })
    expect(json.headers['content-type']).toMatch(/^application\/json/)
  })

  it('refuses an unknown parameter, a bad limit and an unknown collection', async () => {
    expect((await get('/ogc/collections/units/items?colour=red')).statusCode).toBe(400)
    expect((await get('/ogc/collections/units/items?limit=0')).statusCode).toBe(400)
    expect((await get('/ogc/collections/units/items?limit=10001')).statusCode).toBe(400)
    expect((await get('/ogc/collections/roads/items')).statusCode).toBe(404)
  })
})

describe('items: limit, numberMatched/numberReturned and next/prev links', () => {
  it('walks every street in pages of 10 by the next links, and back by prev', async () => {
    const seen: string[] = []
    let url: string | undefined = '/ogc/collections/streets/items?limit=10'
    const pages: { prev: boolean; returned: number; matched: number }[] = []
    while (url) {
      const res = await get(url)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
      const body = res.json()
      expect(body.numberReturned).toBe(body.features.length)
      expect(link(body.links, 'self')).toBeDefined()
      seen.push(...body.features.map((f: { id: string }) => f.id))
      pages.push({
        prev: link(body.links, 'prev') !== undefined,
        returned: body.numberReturned,
        matched: body.numberMatched,
      })
      const next = link(body.links, 'next')
      url = next ? path(next.href) : undefined
    }
    expect(pages).toEqual([
      { prev: false, returned: 10, matched: 26 },
      { prev: true, returned: 10, matched: 26 },
      { prev: true, returned: 6, matched: 26 },
    ])
    expect(new Set(seen).size).toBe(26)
    const last = (await get('/ogc/collections/streets/items?limit=10&offset=20')).json()
    const prev = (await get(path(link(last.links, 'prev')!.href))).json()
    expect(prev.features.map((f: { id: string }) => f.id)).toEqual(seen.slice(10, 20))
  })

  it('numberMatched counts every unit, far past the default page', async () => {
    const body = (await get('/ogc/collections/units/items?limit=5')).json()
    expect(body.numberMatched).toBe(await count('units'))
    expect(body.numberMatched).toBeGreaterThan(1000)
  })

  it('one feature by id, with its links; an unknown one is a 404', async () => {
    const first = (await get('/ogc/collections/grids/items?limit=1')).json().features[0]
    const res = await get(`/ogc/collections/grids/items/${first.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(res.json().properties.code).toBe(first.properties.code)
    expect(link(res.json().links, 'collection', 'application/json')).toBeDefined()
    expect((await get('/ogc/collections/grids/items/999999999')).statusCode).toBe(404)
    expect((await get('/ogc/collections/grids/items/abc')).statusCode).toBe(404)
    expect((await get('/ogc/collections/streets/items/nope')).statusCode).toBe(404)
  })

  it('features carry the collection geometry type and typed properties', async () => {
    for (const c of OGC_COLLECTIONS) {
      const body = (await get(`/ogc/collections/${c.id}/items?limit=3`)).json()
      expect(body.features).toHaveLength(3)
      for (const f of body.features) {
        expect(f.geometry.type).toBe(c.geometryType)
        expect(typeof f.id).toBe(c.idType === 'integer' ? 'number' : 'string')
        for (const [k, t] of Object.entries(c.properties)) {
          const v = f.properties[k]
          if (v === null) continue
          const kind =
            typeof v === 'number' && t === 'integer' ? (Number.isInteger(v) ? 'integer' : 'fraction') : typeof v
          expect(kind, `${c.id}.${k}`).toBe(t)
        }
      }
    }
  })
})

describe('items: bbox and datetime', () => {
  const box = '117.65,39.0,117.70,39.05'

  it('bbox keeps exactly the features that intersect it', async () => {
    const body = (await get(`/ogc/collections/buildings/items?bbox=${box}&limit=10000`)).json()
    expect(body.numberMatched).toBeGreaterThan(0)
    expect(body.numberMatched).toBeLessThan(await count('buildings'))
    for (const f of body.features) {
      const [lng, lat] = f.geometry.coordinates
      expect(lng >= 117.65 - 1e-6 && lng <= 117.7 + 1e-6 && lat >= 39.0 - 1e-6 && lat <= 39.05 + 1e-6).toBe(true)
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings
      WHERE ST_Intersects(geom, ST_MakeEnvelope(117.65, 39.0, 117.70, 39.05, 4326))`.execute(ctx.database.db)
    expect(body.numberMatched).toBe(rows[0].n)
  })

  it('a 6-number bbox is read as 3D; a bad bbox is a 400 naming it', async () => {
    const two = (await get(`/ogc/collections/units/items?bbox=${box}&limit=1`)).json().numberMatched
    const three = (await get('/ogc/collections/units/items?bbox=117.65,39.0,0,117.70,39.05,100&limit=1')).json()
      .numberMatched
    expect(three).toBe(two)
    const bad = await get('/ogc/collections/units/items?bbox=1,2,3')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('BAD_BBOX')
  })

  it('datetime gives the grids as of an instant: none before the first plan, all of today', async () => {
    const now = (await get('/ogc/collections/grids/items?limit=1')).json().numberMatched
    expect(now).toBe(await count('grids'))
    const today = new Date().toISOString().slice(0, 10)
    expect((await get(`/ogc/collections/grids/items?limit=1&datetime=${today}`)).json().numberMatched).toBe(now)
    expect((await get('/ogc/collections/grids/items?limit=1&datetime=1990-01-01')).json().numberMatched).toBe(0)
    expect((await get('/ogc/collections/grids/items?datetime=yesterday')).statusCode).toBe(400)
  })
})

describe('Part 2: CRS by reference', () => {
  it('crs=EPSG:4548 serves northing, easting in metres and says so in Content-Crs', async () => {
    const wgs = (await get('/ogc/collections/facilities/items?limit=5')).json()
    const res = await get(
      `/ogc/collections/facilities/items?limit=5&crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4548')}`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-crs']).toBe('<http://www.opengis.net/def/crs/EPSG/0/4548>')
    expect(wgs.features.length).toBe(5)
    const gk = crsTransform('EPSG:4548')
    res.json().features.forEach((f: { geometry: { coordinates: number[] } }, i: number) => {
      const [e, n] = gk.fromWgs84(wgs.features[i].geometry.coordinates)
      expect(f.geometry.coordinates[0]).toBeCloseTo(n, 0)
      expect(f.geometry.coordinates[1]).toBeCloseTo(e, 0)
    })
    const crs84 = await get('/ogc/collections/facilities/items?limit=1')
    expect(crs84.headers['content-crs']).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>')
  })

  it('EPSG:4490 (CGCS2000) serves latitude first; the same box as bbox-crs EPSG:4326 matches the same features', async () => {
    const res = await get('/ogc/collections/facilities/items?limit=1&crs=EPSG:4490')
    const wgs = (await get('/ogc/collections/facilities/items?limit=1')).json()
    expect(res.json().features[0].geometry.coordinates).toEqual([...wgs.features[0].geometry.coordinates].reverse())
    const a = (await get('/ogc/collections/buildings/items?bbox=117.65,39.0,117.70,39.05&limit=1')).json()
    const b = (
      await get(
        `/ogc/collections/buildings/items?bbox=39.0,117.65,39.05,117.70&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}&limit=1`,
      )
    ).json()
    expect(b.numberMatched).toBe(a.numberMatched)
  })

  it('a bbox in EPSG:4548 metres selects the features inside it', async () => {
    const gk = crsTransform('EPSG:4548')
    const [e1, n1] = gk.fromWgs84([117.65, 39.0])
    const [e2, n2] = gk.fromWgs84([117.7, 39.05])
    const res = await get(
      `/ogc/collections/buildings/items?bbox=${n1},${e1},${n2},${e2}&bbox-crs=EPSG:4548&limit=10000`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.json().numberMatched).toBeGreaterThan(0)
    for (const f of res.json().features) {
      const [e, n] = gk.fromWgs84(f.geometry.coordinates)
      expect(e >= e1 - 0.01 && e <= e2 + 0.01 && n >= n1 - 0.01 && n <= n2 + 0.01).toBe(true)
    }
  })

  it('a CRS not served is a 400', async () => {
    const res = await get('/ogc/collections/units/items?crs=EPSG:2000')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('BAD_CRS')
    expect((await get('/ogc/collections/units/items?bbox-crs=EPSG:4548')).statusCode).toBe(400)
  })
})

describe('served geometry is clean', () => {
  it('every grid, community and unit: exterior rings counter-clockwise, holes clockwise, valid at 6 decimals', async () => {
    for (const id of ['grids', 'communities', 'units']) {
      const body = (await get(`/ogc/collections/${id}/items?limit=10000`)).json()
      expect(body.numberReturned).toBe(body.numberMatched)
      let clockwiseShells = 0
      let counterClockwiseHoles = 0
      for (const f of body.features)
        for (const polygon of f.geometry.coordinates as number[][][][])
          polygon.forEach((ring, i) => {
            if (i === 0 && signedArea(ring) <= 0) clockwiseShells++
            if (i > 0 && signedArea(ring) >= 0) counterClockwiseHoles++
          })
      expect({ id, clockwiseShells, counterClockwiseHoles }).toEqual({
        id,
        clockwiseShells: 0,
        counterClockwiseHoles: 0,
      })
      const { rows } = await sql<{ invalid: number }>`SELECT count(*)::int AS invalid
        FROM json_array_elements(${JSON.stringify(body.features)}::json) f
        WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(f->>'geometry'))`.execute(ctx.database.db)
      expect({ id, invalid: rows[0].invalid }).toEqual({ id, invalid: 0 })
    }
  })

  it('the app API serves the same clean grids (counter-clockwise shells)', async () => {
    const body = (await get('/api/grids?limit=5000')).json()
    const shells = body.features.flatMap((f: { geometry: { coordinates: number[][][][] } }) =>
      f.geometry.coordinates.map((p) => signedArea(p[0])),
    )
    expect(shells.length).toBeGreaterThan(0)
    expect(shells.filter((a: number) => a <= 0)).toEqual([])
  })
})

describe('the analysis collections, read from the coverage store', () => {
  const types = async () =>
    (await get('/api/facility-types')).json() as { code: string; tier: string; nameZh: string }[]
  const gapsOf = async (query: string) => (await get(`/api/coverage/gaps?${query}&limit=1`)).json()

  it('coverage-gaps holds, per facility type, every building the type does not reach', async () => {
    let total = 0
    for (const t of await types()) {
      const expected = await gapsOf(`type=${t.code}`)
      const body = (await get(`/ogc/collections/coverage-gaps/items?typeCode=${t.code}&limit=5`)).json()
      expect(body.numberMatched, t.code).toBe(expected.unservedBuildings)
      for (const f of body.features) expect(f.properties).toMatchObject({ typeCode: t.code, tier: t.tier })
      total += expected.unservedBuildings
    }
    expect(total).toBeGreaterThan(0)
    expect((await get('/ogc/collections/coverage-gaps/items?limit=1')).json().numberMatched).toBe(total)
  }, 180_000)

  it('a type page carries the unserved households and buildings the coverage API names, at their points', async () => {
    const type = (await types())[1].code
    const expected = (await get(`/api/coverage/gaps?type=${type}&limit=100000`)).json()
    const body = (await get(`/ogc/collections/coverage-gaps/items?typeCode=${type}&limit=10000`)).json()
    expect(body.numberReturned).toBe(Math.min(10_000, expected.unservedBuildings))
    const at = new Map<number, number[]>(
      expected.points.buildingId.map((id: number, i: number) => [id, [expected.points.lng[i], expected.points.lat[i]]]),
    )
    for (const f of body.features) {
      expect(f.id).toBe(`${type}.${f.properties.buildingId}`)
      expect(f.geometry.coordinates).toEqual(at.get(f.properties.buildingId))
    }
    if (expected.unservedBuildings <= 10_000) {
      const households = body.features.reduce(
        (s: number, f: { properties: { households: number } }) => s + f.properties.households,
        0,
      )
      expect(households).toBe(expected.unservedHouseholds)
    }
    const one = (await get(`/ogc/collections/coverage-gaps/items/${body.features[0].id}`)).json()
    expect(one.properties).toEqual(body.features[0].properties)
  }, 180_000)

  it('filters coverage gaps by tier and bbox, and pages them by next links', async () => {
    const all = await types()
    const tier = all[0].tier
    const ofTier = all.filter((t) => t.tier === tier)
    let expected = 0
    for (const t of ofTier) expected += (await gapsOf(`type=${t.code}&bbox=117.65,39.0,117.70,39.05`)).unservedBuildings
    const first = (
      await get(`/ogc/collections/coverage-gaps/items?tier=${tier}&bbox=117.65,39.0,117.70,39.05&limit=50`)
    ).json()
    expect(first.numberMatched).toBe(expected)
    const next = link(first.links, 'next')
    if (expected > 50) {
      expect(next!.href).toContain(`tier=${tier}`)
      const second = (await get(path(next!.href))).json()
      expect(second.features[0].id).not.toBe(first.features[0].id)
    }
  }, 180_000)

  it('serves coverage gaps in EPSG:4548, northing first', async () => {
    const wgs = (await get('/ogc/collections/coverage-gaps/items?limit=3')).json()
    const gk = (await get('/ogc/collections/coverage-gaps/items?limit=3&crs=EPSG:4548')).json()
    const t = crsTransform('EPSG:4548')
    gk.features.forEach((f: { geometry: { coordinates: number[] } }, i: number) => {
      const [e, n] = t.fromWgs84(wgs.features[i].geometry.coordinates)
      expect(f.geometry.coordinates[0]).toBeCloseTo(n, 0)
      expect(f.geometry.coordinates[1]).toBeCloseTo(e, 0)
    })
  }, 180_000)

  it('equity-indicators is one community per feature with the values of /api/equity/indicators', async () => {
    const table = (await get('/api/equity/indicators')).json()
    const body = (await get('/ogc/collections/equity-indicators/items?limit=10000')).json()
    expect(body.numberMatched).toBe(await count('communities'))
    expect(body.features).toHaveLength(table.rows.length)
    const byCode = new Map(table.rows.map((r: { code: string }) => [r.code, r]))
    for (const f of body.features) {
      const row = byCode.get(f.id) as { stars: number | null; values: Record<string, number | null> }
      expect(f.properties.stars).toBe(row.stars)
      for (const [code, v] of Object.entries(row.values))
        expect(f.properties[code.replace(/[^A-Za-z0-9_]/g, '_')], code).toBe(v)
      expect(f.geometry.type).toBe('MultiPolygon')
    }
    const schema = (await get('/ogc/collections/equity-indicators/schema')).json()
    expect(schema.properties.properties.properties).toMatchObject({ stars: { type: 'integer' } })
    const anIndicator = table.indicators[0].code.replace(/[^A-Za-z0-9_]/g, '_')
    expect(schema.properties.properties.properties[anIndicator]).toEqual({ type: 'number' })
  }, 180_000)

  it('names a bad filter in a 400: an unknown type or tier, a filter on a collection without it', async () => {
    const type = await get('/ogc/collections/coverage-gaps/items?typeCode=spa')
    expect(type.statusCode).toBe(400)
    expect(type.json().code).toBe('UNKNOWN_FACILITY_TYPE')
    expect(type.json().message).toContain('spa')
    const tier = await get('/ogc/collections/coverage-gaps/items?tier=99min')
    expect(tier.json().code).toBe('UNKNOWN_TIER')
    const misplaced = await get('/ogc/collections/streets/items?typeCode=kindergarten')
    expect(misplaced.statusCode).toBe(400)
    expect(misplaced.json().message).toContain('coverage-gaps')
    expect((await get('/ogc/collections/coverage-gaps/items/kindergarten.0')).statusCode).toBe(404)
  }, 180_000)
})
