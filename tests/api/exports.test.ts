// Downloads of every layer: GeoJSON, CSV, zipped Shapefile, GeoPackage and FlatGeobuf, in the chosen CRS,
// each with its provenance; the binary formats are read back with GDAL and flatgeobuf.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js'
import readXlsxFile from 'read-excel-file/universal'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, GridPage, SitingResponse } from '../../core/api'
import { crsTransform } from '../../core/geo/crs'
import { hasGdal, ogrFeatures, ogrSummary } from '../support/gdal'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
let community: CommunityPage['features'][number]['properties']
let grids: GridPage
const dir = mkdtempSync(join(tmpdir(), 'wangge-exports-'))
beforeAll(async () => {
  ctx = await startTestApp()
  // the analysis collections read the coverage store: built once, up front
  await ctx.app.coverage.ensure()
  community = (await get('/api/communities?limit=1')).json<CommunityPage>().features[0].properties
  grids = (await get(`/api/grids?community=${community.code}&limit=5000`)).json<GridPage>()
})
afterAll(() => ctx?.close())

const get = (url: string) => ctx.app.inject({ method: 'GET', url })
const provenanceOf = (headers: Record<string, unknown>) =>
  JSON.parse(decodeURIComponent(headers['x-wangge-provenance'] as string))

describe('GET /api/exports/{layer}', () => {
  it('GeoJSON in WGS84 carries the same grids as the API, and its provenance', async () => {
    const res = await get(`/api/exports/grids?format=geojson&community=${community.code}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="grids_${community.code}_wgs84_r\\d+_\\d{4}-\\d\\d-\\d\\d\\.geojson"$`),
    )
    const fc = res.json<GeoJSON.FeatureCollection & { provenance: Record<string, unknown> }>()
    expect(fc.features.map((f) => f.id).sort()).toEqual(grids.features.map((f) => f.properties.id).sort())
    expect(fc.provenance).toMatchObject({ what: 'grids', filter: { community: community.code }, crs: 'EPSG:4326' })
    expect(fc.provenance.revision).toBeTypeOf('number')
    expect(provenanceOf(res.headers)).toEqual(fc.provenance)
  })

  it('EPSG:4548 and GCJ-02 move every coordinate by the CRS transform', async () => {
    const wgs = (
      await get(`/api/exports/facilities?format=geojson&street=${community.streetCode}`)
    ).json<GeoJSON.FeatureCollection>()
    const gk = (
      await get(`/api/exports/facilities?format=geojson&street=${community.streetCode}&crs=epsg4548`)
    ).json<GeoJSON.FeatureCollection>()
    const gcj = (
      await get(`/api/exports/facilities?format=geojson&street=${community.streetCode}&crs=gcj02`)
    ).json<GeoJSON.FeatureCollection>()
    expect(wgs.features.length).toBeGreaterThan(0)
    const at = (fc: GeoJSON.FeatureCollection, i: number) => (fc.features[i].geometry as GeoJSON.Point).coordinates
    const toGk = crsTransform('EPSG:4548').fromWgs84
    const toGcj = crsTransform('GCJ-02').fromWgs84
    for (let i = 0; i < wgs.features.length; i++) {
      const [x, y] = toGk(at(wgs, i) as [number, number])
      expect(at(gk, i)[0]).toBeCloseTo(x, 2)
      expect(at(gk, i)[1]).toBeCloseTo(y, 2)
      expect(at(gk, i)[0]).toBeGreaterThan(400_000) // metres east of the 117°E meridian's false origin
      const [lng, lat] = toGcj(at(wgs, i) as [number, number])
      expect(at(gcj, i)[0]).toBeCloseTo(lng, 6)
      expect(at(gcj, i)[1]).toBeCloseTo(lat, 6)
    }
  })

  it('CSV has the properties, WKT and lng/lat columns, in UTF-8 with a BOM', async () => {
    const res = await get(`/api/exports/grids?format=csv&community=${community.code}`)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const text = res.body
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    const head = lines[0].split(',')
    // the export's provenance closes every row (issue 10: provenance inside every file)
    expect(head.slice(-7)).toEqual([
      'wkt',
      'lng',
      'lat',
      'provenance_what',
      'provenance_revision',
      'provenance_exported_at',
      'provenance_crs',
    ])
    const revision = provenanceOf(res.headers).revision
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`,grids,${revision},[-\\d:.TZ]+,EPSG:4326$`))
    expect(head).toContain('households')
    expect(lines.length - 1).toBe(grids.features.length)
    expect(lines[1]).toContain('"MULTIPOLYGON (((')
    expect(text).toContain(grids.features[0].properties.name)
  })

  it.skipIf(!hasGdal)(
    'a zipped Shapefile reads back in GDAL: UTF-8 names, ≤ 10-char fields with a mapping, .prj of the CRS',
    async () => {
      const res = await get(`/api/exports/grids?format=shp&community=${community.code}&crs=epsg4548`)
      expect(res.headers['content-type']).toBe('application/zip')
      const files = unzipSync(new Uint8Array(res.rawPayload))
      const names = Object.keys(files)
      for (const ext of ['.shp', '.shx', '.dbf', '.prj', '.cpg', '_fields.csv', '_provenance.txt'])
        expect(names.some((n) => n.endsWith(ext))).toBe(true)
      const zip = join(dir, 'grids.zip')
      writeFileSync(zip, res.rawPayload)
      const layer = ogrSummary(`/vsizip/${zip}`)
      expect(layer.featureCount).toBe(grids.features.length)
      expect(layer.geometry).toMatch(/Polygon/)
      expect(layer.epsg).toBe(4548)
      expect(layer.fields.get('households')).toMatch(/Integer/)
      expect([...layer.fields.keys()].every((name) => name.length <= 10)).toBe(true)
      const mapping = new TextDecoder().decode(files[names.find((n) => n.endsWith('_fields.csv'))!])
      expect(mapping).toContain('communityC,communityCode')
      const byCode = new Map(grids.features.map((f) => [f.properties.code, f.properties]))
      const features = ogrFeatures(`/vsizip/${zip}`)
      expect(features.length).toBe(grids.features.length)
      for (const f of features as { properties: Record<string, unknown> }[]) {
        const g = byCode.get(f.properties.code as string)!
        expect(f.properties.name).toBe(g.name) // Chinese, through UTF-8 and the .cpg
        expect(f.properties.households).toBe(g.households)
      }
      const provenance = new TextDecoder().decode(files[names.find((n) => n.endsWith('_provenance.txt'))!])
      expect(provenance).toMatch(/CRS: EPSG:4548/)
      expect(provenance).toMatch(/data revision: \d+/)
    },
  )

  it('FlatGeobuf reads back with its CRS, features and Chinese names', async () => {
    const res = await get(`/api/exports/communities?format=fgb&street=${community.streetCode}&crs=cgcs2000`)
    expect(res.statusCode).toBe(200)
    const features: GeoJSON.Feature[] = []
    for await (const f of deserialize(new Uint8Array(res.rawPayload))) features.push(f as GeoJSON.Feature)
    const api = (await get(`/api/communities?street=${community.streetCode}&limit=5000`)).json<CommunityPage>()
    expect(features.map((f) => f.properties!.code).sort()).toEqual(api.features.map((f) => f.properties.code).sort())
    expect(features.find((f) => f.properties!.code === community.code)!.properties!.name).toBe(community.name)
  })

  it.skipIf(!hasGdal)('FlatGeobuf reads back in GDAL with its CRS (CGCS2000) and feature count', async () => {
    const res = await get(`/api/exports/communities?format=fgb&street=${community.streetCode}&crs=cgcs2000`)
    const path = join(dir, 'communities.fgb')
    writeFileSync(path, res.rawPayload)
    const api = (await get(`/api/communities?street=${community.streetCode}&limit=5000`)).json<CommunityPage>()
    const layer = ogrSummary(path)
    expect(layer.epsg).toBe(4490)
    expect(layer.featureCount).toBe(api.total)
    expect(layer.geometry).toMatch(/Polygon/)
  })

  it.skipIf(!hasGdal)(
    'GeoPackage reads back in GDAL: geometry type, field types, feature count, CRS, Chinese names, provenance',
    async () => {
      const res = await get(`/api/exports/grids?format=gpkg&community=${community.code}&crs=epsg4548`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/geopackage+sqlite3')
      expect(res.headers['content-disposition']).toMatch(/_epsg4548_r\d+_[\d-]+\.gpkg"$/)
      const path = join(dir, 'grids.gpkg')
      writeFileSync(path, res.rawPayload)
      const layer = ogrSummary(path)
      expect(layer.featureCount).toBe(grids.features.length)
      expect(layer.geometry).toBe('Multi Polygon')
      expect(layer.epsg).toBe(4548)
      expect(layer.fields.get('households')).toBe('Integer')
      expect(layer.fields.get('name')).toBe('String')
      expect(layer.fields.get('code')).toBe('String')
      // the provenance as the layer's metadata (gpkg_metadata, GDAL's XML)
      const info = execFileSync('ogrinfo', ['-so', '-ro', path, 'grids']).toString()
      const provenance = provenanceOf(res.headers)
      expect(info).toContain(`WANGGE_REVISION=${provenance.revision}`)
      expect(info).toContain('WANGGE_CRS=EPSG:4548')
      expect(info).toContain(`WANGGE_FILTER_COMMUNITY=${community.code}`)
      const byCode = new Map(grids.features.map((f) => [f.properties.code, f.properties]))
      // ogr2ogr round trip: GeoPackage → GeoPackage → GeoJSON keeps every grid, its name and its place
      const copy = join(dir, 'grids-copy.gpkg')
      execFileSync('ogr2ogr', ['-f', 'GPKG', copy, path])
      expect(ogrSummary(copy)).toMatchObject({ featureCount: grids.features.length, epsg: 4548 })
      const back = ogrFeatures(copy)
      const toGk = crsTransform('EPSG:4548').fromWgs84
      for (const f of back) {
        const g = byCode.get(f.properties!.code as string)!
        expect(f.properties!.name).toBe(g.name)
        expect(f.properties!.households).toBe(g.households)
        const api = grids.features.find((x) => x.properties.code === g.code)!.geometry as GeoJSON.MultiPolygon
        const [x, y] = toGk(api.coordinates[0][0][0] as [number, number])
        const first = (f.geometry as GeoJSON.MultiPolygon).coordinates[0][0][0]
        expect(first[0]).toBeCloseTo(x, 2)
        expect(first[1]).toBeCloseTo(y, 2)
      }
    },
  )

  it.skipIf(!hasGdal)('GeoPackage of points in CGCS2000 and in GCJ-02 (named so, as WGS84 degrees)', async () => {
    for (const [crs, epsg] of [
      ['cgcs2000', 4490],
      ['gcj02', undefined],
    ] as const) {
      const res = await get(`/api/exports/facilities?format=gpkg&street=${community.streetCode}&crs=${crs}`)
      const path = join(dir, `facilities-${crs}.gpkg`)
      writeFileSync(path, res.rawPayload)
      const api = (
        await get(`/api/exports/facilities?format=geojson&street=${community.streetCode}&crs=${crs}`)
      ).json<GeoJSON.FeatureCollection>()
      const layer = ogrSummary(path)
      expect(layer.geometry).toBe('Point')
      expect(layer.featureCount).toBe(api.features.length)
      expect(layer.epsg).toBe(epsg)
      if (crs === 'gcj02')
        expect(execFileSync('ogrinfo', ['-so', '-ro', path, 'facilities']).toString()).toMatch(/GCJ-02/)
      const back = ogrFeatures(path)
      expect(back.map((f) => f.properties!.name).sort()).toEqual(api.features.map((f) => f.properties!.name).sort())
      const byName = new Map(api.features.map((f) => [`${f.properties!.name}|${f.properties!.id}`, f]))
      for (const f of back) {
        const want = byName.get(`${f.properties!.name}|${f.properties!.id}`)!
        expect((f.geometry as GeoJSON.Point).coordinates).toEqual((want.geometry as GeoJSON.Point).coordinates)
      }
    }
  })

  it('FlatGeobuf carries its provenance in the header: description and metadata', async () => {
    const res = await get(`/api/exports/grids?format=fgb&community=${community.code}&crs=epsg4548`)
    let header: HeaderMeta | undefined
    const features: GeoJSON.Feature[] = []
    for await (const f of deserialize(new Uint8Array(res.rawPayload), {
      headerMetaFn: (h: HeaderMeta) => (header = h),
    } as never))
      features.push(f as GeoJSON.Feature)
    expect(features).toHaveLength(grids.features.length)
    expect(JSON.parse(header!.metadata!)).toEqual(provenanceOf(res.headers))
    expect(header!.description).toMatch(/CRS: EPSG:4548/)
    expect(header!.description).toMatch(/data revision: \d+/)
  })

  it('XLSX: the grids as a table (numbers as numbers) and a provenance sheet', async () => {
    const res = await get(`/api/exports/grids?format=xlsx&community=${community.code}&crs=gcj02`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers['content-disposition']).toMatch(/grids_\d+_gcj02_r\d+_.*\.xlsx"$/)
    const bytes = new Uint8Array(res.rawPayload)
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    expect(sheets.map((x) => x.sheet)).toEqual(['grids', 'provenance'])
    const [head, ...rows] = sheets[0].data
    expect(rows).toHaveLength(grids.features.length)
    const col = (name: string) => head.indexOf(name)
    const byCode = new Map(rows.map((r) => [r[col('code')], r]))
    for (const g of grids.features) {
      const row = byCode.get(g.properties.code)!
      expect(row[col('households')]).toBe(g.properties.households)
      expect(row[col('name')]).toBe(g.properties.name)
    }
    const facts = new Map(sheets[1].data.slice(1).map((r) => [r[0], r[1]]))
    expect(facts.get('CRS')).toBe('GCJ-02')
    expect(facts.get('CRS note')).toMatch(/AMap/)
    expect(facts.get('data revision')).toBe(provenanceOf(res.headers).revision)
    expect(facts.get('filter: community')).toBe(community.code)
  })

  it('refuses an unknown format, CRS or layer, naming it', async () => {
    const t = await get('/api/exports/coverage-gaps?format=csv&type=spa')
    expect(t.statusCode).toBe(400)
    expect(t.json().message).toContain('spa')
    const misplaced = await get('/api/exports/grids?format=csv&type=kindergarten')
    expect(misplaced.statusCode).toBe(400)
    expect(misplaced.json().message).toContain('coverage-gaps')
    const f = await get('/api/exports/grids?format=kml')
    expect(f.statusCode).toBe(400)
    expect(f.json().message).toContain('format')
    const c = await get('/api/exports/grids?format=csv&crs=epsg3857')
    expect(c.statusCode).toBe(400)
    expect(c.json().message).toContain('crs')
    expect((await get('/api/exports/households?format=csv')).statusCode).toBe(400)
  })
})

describe('GET /api/exports/{analysis view}', () => {
  it('the coverage gaps of a type download with the buildings the coverage API names', async () => {
    const type = (await get('/api/facility-types')).json()[0].code as string
    const api = (await get(`/api/coverage/gaps?type=${type}&limit=100000`)).json()
    const res = await get(`/api/exports/coverage-gaps?format=geojson&type=${type}&crs=epsg4548`)
    expect(res.statusCode).toBe(200)
    const fc = res.json()
    expect(fc.provenance).toMatchObject({
      what: 'coverage-gaps',
      filter: { type, scenario: 'as-is' },
      crs: 'EPSG:4548',
    })
    expect(fc.features).toHaveLength(api.unservedBuildings)
    expect(new Set(fc.features.map((f: GeoJSON.Feature) => f.properties!.buildingId))).toEqual(
      new Set(api.points.buildingId),
    )
    expect(fc.features[0].geometry.coordinates[0]).toBeGreaterThan(400_000)
    const shp = await get(`/api/exports/coverage-gaps?format=shp&type=${type}&community=${community.code}`)
    expect(shp.statusCode).toBe(200)
    const names = Object.keys(unzipSync(new Uint8Array(shp.rawPayload)))
    expect(names.some((n) => n.endsWith('_provenance.txt'))).toBe(true)
    expect(names.some((n) => n.endsWith('.prj'))).toBe(true)
  }, 180_000)

  it('the equity indicators download one row per community with its values', async () => {
    const table = (await get(`/api/equity/indicators?street=${community.streetCode}`)).json()
    const res = await get(`/api/exports/equity-indicators?format=csv&street=${community.streetCode}`)
    expect(res.statusCode).toBe(200)
    const lines = res.body.slice(1).trimEnd().split('\r\n')
    expect(lines.length - 1).toBe(table.rows.length)
    const head = lines[0].split(',')
    expect(head).toContain('stars')
    expect(head).toContain(table.indicators[0].code.replace(/[^A-Za-z0-9_]/g, '_'))
    expect(lines[1]).toContain('MULTIPOLYGON')
  }, 180_000)
})

describe('POST /api/exports/siting (a siting result downloaded)', () => {
  it('the proposed sites as GeoJSON and XLSX, each with the model and before/after in its provenance', async () => {
    const solved = await ctx.app.inject({
      method: 'POST',
      url: '/api/siting/mclp',
      payload: { type: 'kindergarten', k: 3, street: community.streetCode },
    })
    expect(solved.statusCode).toBe(200)
    const result = solved.json<SitingResponse>()
    const post = (query: string) =>
      ctx.app.inject({ method: 'POST', url: `/api/exports/siting?${query}`, payload: result as never })
    const geo = await post('format=geojson&crs=gcj02')
    expect(geo.statusCode).toBe(200)
    expect(geo.headers['content-disposition']).toMatch(/^attachment; filename="siting_mclp_kindergarten_gcj02_r\d+_/)
    const fc = geo.json<GeoJSON.FeatureCollection & { provenance: Record<string, unknown> }>()
    expect(fc.features.map((f) => f.properties!.rank)).toEqual(result.sites.map((s) => s.rank))
    const toGcj = crsTransform('GCJ-02').fromWgs84
    fc.features.forEach((f, i) => {
      const [lng, lat] = toGcj(result.sites[i].lngLat as [number, number])
      expect((f.geometry as GeoJSON.Point).coordinates[0]).toBeCloseTo(lng, 6)
      expect((f.geometry as GeoJSON.Point).coordinates[1]).toBeCloseTo(lat, 6)
      expect(f.properties!.newlyCoveredHouseholds).toBe(result.sites[i].newlyCoveredHouseholds)
    })
    expect(fc.provenance).toMatchObject({
      what: 'siting-result',
      crs: 'GCJ-02',
      filter: { model: 'mclp', type: 'kindergarten', coveredAfter: `${(result.after.share * 100).toFixed(1)}%` },
    })
    const xlsx = await post('format=xlsx')
    const sheets = await readXlsxFile(new Uint8Array(xlsx.rawPayload).buffer as ArrayBuffer)
    expect(sheets[0].data.length - 1).toBe(result.sites.length)
    expect(sheets[0].data[0]).toContain('newlyCoveredHouseholds')
    expect(new Map(sheets[1].data.map((r) => [r[0], r[1]])).get('what')).toBe('siting-result')
  })

  it('refuses a body that is not a siting result, naming the field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/exports/siting?format=csv',
      payload: { model: 'mclp', sites: [] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/typeCode|required/)
  })
})

describe('GET /report/tables (the printable report as tables)', () => {
  it('XLSX holds the headline indicators and every rated community, with a provenance sheet; the page links it', async () => {
    const page = await get(`/report?street=${community.streetCode}`)
    expect(page.body).toContain('data-testid="report-download-xlsx"')
    const href = /data-testid="report-download-xlsx"/.test(page.body)
      ? /href="([^"]+)" download data-testid="report-download-xlsx"/.exec(page.body)![1].replaceAll('&amp;', '&')
      : ''
    const res = await get(href)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/filename="report-tables_\d+_as-is_r\d+_[\d-]+\.xlsx"/)
    const sheets = await readXlsxFile(new Uint8Array(res.rawPayload).buffer as ArrayBuffer)
    expect(sheets.map((x) => x.sheet)).toEqual(['headline 主要指标', 'lowest 星级评分', 'provenance'])
    const communities = (await get(`/api/communities?street=${community.streetCode}&limit=1`)).json<CommunityPage>()
    expect(sheets[1].data.length - 1).toBeLessThanOrEqual(communities.total)
    expect(sheets[1].data.length - 1).toBeGreaterThan(0)
    // lowest score first, scores as numbers
    const scores = sheets[1].data.slice(1).map((r) => r[6] as number)
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    expect(sheets[0].data.length).toBeGreaterThan(1)
    const facts = new Map(sheets[2].data.map((r) => [r[0], r[1]]))
    expect(facts.get('what')).toBe('report-tables')
    expect(facts.get('filter: street')).toBe(community.streetCode)
  })

  it('CSV of one table, the provenance closing every row; an unknown table is a 400', async () => {
    const res = await get(`/report/tables?format=csv&table=lowest&street=${community.streetCode}`)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const lines = res.body.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^排名,社区\/村,代码,街道\/镇,类型,星级,得分,主要短板,provenance_what/)
    expect(lines.slice(1).every((l) => l.includes('report-lowest'))).toBe(true)
    expect((await get('/report/tables?format=csv&table=nope')).statusCode).toBe(400)
  })
})

describe('GET /sheets/grids (the printable grid plan)', () => {
  it('draws every grid of the community and lists its code, households and a blank 网格员 column', async () => {
    const res = await get(`/sheets/grids?community=${community.code}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const html = res.body
    expect(html).toContain(`${community.name} 网格划分图`)
    expect(html).toContain('<th>网格员</th>')
    expect(html).toContain('@page')
    expect(html.match(/<path d="M/g)?.length).toBe(grids.features.length)
    for (const g of grids.features) {
      const row = new RegExp(
        `<tr data-code="${g.properties.code}">[\\s\\S]*?<td class="num">${g.properties.households.toLocaleString('zh-CN')}</td>[\\s\\S]*?<td class="blank"></td><td class="blank"></td></tr>`,
      )
      expect(html).toMatch(row)
    }
    expect(html).toContain(`<td class="num">${community.households.toLocaleString('zh-CN')}</td>`)
  })

  it('a street sheet holds every grid of the street; one scope is required and must exist', async () => {
    const street = (await get(`/api/grids?street=${community.streetCode}&limit=5000`)).json<GridPage>()
    const html = (await get(`/sheets/grids?street=${community.streetCode}`)).body
    expect(html.match(/<tr data-code=/g)?.length).toBe(street.total)
    expect((await get('/sheets/grids')).statusCode).toBe(400)
    expect((await get(`/sheets/grids?community=${community.code}&street=${community.streetCode}`)).statusCode).toBe(400)
    const unknown = await get('/sheets/grids?community=120116999999')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('UNKNOWN_COMMUNITY')
  })
})
