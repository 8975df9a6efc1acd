// The round trip: part of the demo world (one street: its communities, units, buildings, grids
// and facilities) written as the files a street office would send — GeoJSON, zipped shapefiles
// (UTF-8 with a .cpg; GBK with none, units and points in GCJ-02, boundaries in a CGCS2000
// Gauss-Krüger zone), CSV and XLSX with longitude/latitude or WKT, FlatGeobuf — and imported layer by layer,
// through the HTTP API, into an empty database: the figures come back the same.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DryRunResult, ImportLayerId, ImportUploadResult, SourceLayer, StreetPage } from '../../core/api'
import { crsTransform } from '../../core/geo/crs'
import { importLayer } from '../../core/import/layers'
import { dropEmptyTemplate, startEmptyApp } from '../support/empty-database'
import { startTestApp } from '../support/test-database'
import { exportStreets, type WorldFigures, type WorldLayers, worldFigures } from '../support/world-export'
import {
  type LayerFeature,
  type TableGeometry,
  transformFeatures,
  withHeaders,
  writeCsv,
  writeFlatGeobuf,
  writeGeoJson,
  writeShapefileZip,
  writeXlsx,
} from '../support/world-files'

/** The layers in the order a district is loaded from scratch. */
const ORDER: Layer[] = ['streets', 'communities', 'units', 'buildings', 'grids', 'facilities']
type Layer = keyof WorldLayers

const prj = (name: string) => readFileSync(new URL(`../../core/geo/fixtures/prj/${name}`, import.meta.url), 'utf8')
const WGS84_PRJ = prj('epsg-4326.wkt1-esri.prj')
const GK_PRJ = prj('epsg-4548.wkt1-esri.prj') // CGCS2000 / 3-degree Gauss-Krüger CM 117E

// DBF field names hold at most 10 bytes
const SHORT: Record<string, string> = {
  streetCode: 'street',
  communityCode: 'community',
  unitCode: 'unit',
  typeCode: 'type',
  floorAreaM2: 'floor_area',
  activityAreaM2: 'act_area',
  radiusM: 'radius_m',
}
// what a Chinese office's files call them (at most 5 characters: 10 bytes in GBK)
const CHINESE: Record<string, string> = {
  code: '编码',
  name: '名称',
  streetCode: '街道代码',
  communityCode: '社区代码',
  kind: '类型',
  households: '户数',
  residents: '常住人口',
  workers: '社工人数',
  unitCode: '单元编码',
  floors: '层数',
  typeCode: '设施类型',
  status: '状态',
  floorAreaM2: '建筑面积',
  activityAreaM2: '活动面积',
  capacity: '容量',
  radiusM: '服务半径',
  address: '地址',
}

interface ImportFile {
  filename: string
  bytes: Buffer
  /** the CRS the user declares */
  crs: string
  /** header of each property (the property's own name when absent) */
  headers: Record<string, string>
  coordinates: TableGeometry | null
  /** what the upload must have read from the file by itself (its CRS, its encoding) */
  found: { crs?: Partial<SourceLayer['crs']>; encoding?: Partial<SourceLayer['encoding']> }
}

type Variant = (layer: Layer, features: LayerFeature[]) => Promise<ImportFile>

const isPoint = (layer: Layer) => layer === 'buildings' || layer === 'facilities'

function table(headers: Record<string, string>, layer: Layer): TableGeometry {
  return isPoint(layer)
    ? { kind: 'lnglat', x: headers.lng ?? 'lng', y: headers.lat ?? 'lat' }
    : { kind: 'wkt', column: 'WKT' }
}

const VARIANTS: Record<string, Variant> = {
  'GeoJSON (WGS84)': async (layer, features) => ({
    filename: `${layer}.geojson`,
    bytes: writeGeoJson(features),
    crs: 'EPSG:4326',
    headers: {},
    coordinates: null,
    found: { encoding: { encoding: 'utf-8' } },
  }),
  'zipped shapefile (UTF-8 with .cpg, WGS84 .prj)': async (layer, features) => ({
    filename: `${layer}.zip`,
    bytes: writeShapefileZip(withHeaders(features, SHORT), {
      name: layer,
      encoding: 'utf-8',
      cpg: true,
      prj: WGS84_PRJ,
    }),
    crs: 'EPSG:4326',
    headers: SHORT,
    coordinates: null,
    found: { crs: { code: 'EPSG:4326', source: 'prj' }, encoding: { encoding: 'utf-8', source: 'cpg' } },
  }),
  // what a street office really has: GBK text with no .cpg; units, buildings and facilities traced
  // on AMap (GCJ-02) though the .prj says WGS84; boundaries from the planning bureau in a 3° zone
  'zipped shapefile (GBK without .cpg; GCJ-02 and Gauss-Krüger)': async (layer, features) => {
    const boundary = layer === 'streets' || layer === 'communities' || layer === 'grids'
    const crs = boundary ? 'EPSG:4548' : 'GCJ-02'
    const moved = transformFeatures(features, crsTransform(crs).fromWgs84)
    return {
      filename: `${layer}.zip`,
      bytes: writeShapefileZip(withHeaders(moved, CHINESE), {
        name: layer,
        encoding: 'gbk',
        cpg: false,
        prj: boundary ? GK_PRJ : WGS84_PRJ,
      }),
      crs,
      headers: CHINESE,
      coordinates: null,
      // GBK found by its bytes; the .prj read as it is (GCJ-02 files claim WGS84)
      found: {
        crs: { code: boundary ? 'EPSG:4548' : 'EPSG:4326', source: 'prj' },
        encoding: { encoding: 'gb18030', garbled: false },
      },
    }
  },
  'CSV (lng/lat and WKT)': async (layer, features) => {
    const headers = { ...CHINESE, lng: '经度', lat: '纬度' }
    const coordinates = table(headers, layer)
    return {
      filename: `${layer}.csv`,
      bytes: writeCsv(withHeaders(features, headers), coordinates),
      crs: 'EPSG:4326',
      headers,
      coordinates,
      found: { encoding: { encoding: 'utf-8', garbled: false } },
    }
  },
  'XLSX (lng/lat and WKT)': async (layer, features) => {
    const coordinates = table({}, layer)
    return {
      filename: `${layer}.xlsx`,
      bytes: await writeXlsx(features, coordinates),
      crs: 'EPSG:4326',
      headers: {},
      coordinates,
      found: { encoding: { garbled: false } },
    }
  },
  // the bureau's boundaries in CGCS2000 (EPSG:4490, as the header says), the rest in WGS84
  'FlatGeobuf (CGCS2000 and WGS84 in its header)': async (layer, features) => {
    const epsg = layer === 'streets' || layer === 'communities' ? 4490 : 4326
    return {
      filename: `${layer}.fgb`,
      bytes: writeFlatGeobuf(features, epsg),
      crs: `EPSG:${epsg}`,
      headers: {},
      coordinates: null,
      found: { crs: { code: `EPSG:${epsg}`, source: 'file' } },
    }
  },
}

type App = Awaited<ReturnType<typeof startEmptyApp>>['app']

/** Upload, dry run with the mapping of the file's own headers, commit: one layer in. */
async function importOne(app: App, layer: Layer, file: ImportFile, features: LayerFeature[]) {
  const upload = await app.inject({
    method: 'POST',
    url: `/api/imports?filename=${encodeURIComponent(file.filename)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: file.bytes,
  })
  expect(upload.statusCode, upload.body).toBe(201)
  const found = upload.json<ImportUploadResult>()
  expect(found.layers[0]).toMatchObject({ featureCount: features.length, ...file.found })
  const present = new Set(Object.keys(features[0].properties))
  const fields: Record<string, string | null> = {}
  for (const f of importLayer(layer as ImportLayerId).fields)
    fields[f.id] = present.has(f.id) ? (file.headers[f.id] ?? f.id) : null
  const dryRun = await app.inject({
    method: 'POST',
    url: `/api/imports/${found.id}/dry-run`,
    payload: { target: layer, mapping: { fields, coordinates: file.coordinates }, crs: file.crs },
  })
  expect(dryRun.statusCode, dryRun.body).toBe(200)
  const report = dryRun.json<DryRunResult>()
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
  expect(report.counts).toMatchObject({ added: features.length, rejected: 0 })
  expect(report.canCommit, report.notices.join('; ')).toBe(true)
  const commit = await app.inject({
    method: 'POST',
    url: `/api/imports/${found.id}/commit`,
    payload: { author: '往返测试', reason: `${layer} from ${file.filename}` },
  })
  expect(commit.statusCode, commit.body).toBe(200)
}

let layers: WorldLayers
let expected: WorldFigures
let streetCode: string

beforeAll(async () => {
  const source = await startTestApp()
  try {
    // a reduced world: the smallest street by households that has at least four communities, whole
    const streets = (await source.app.inject({ url: '/api/streets' })).json<StreetPage>()
    const bySize = [...streets.features].sort((a, b) => a.properties.households - b.properties.households)
    streetCode = bySize.find((f) => f.properties.communityCount >= 4)!.properties.code
    layers = await exportStreets(source.database.db, [streetCode])
    expected = await worldFigures(source.database.db, [streetCode])
  } finally {
    await source.close()
  }
})

afterAll(() => dropEmptyTemplate())

describe('the demo world exported and imported into an empty database', () => {
  it('is a world worth the trip: communities, units, buildings, grids and facilities', () => {
    expect(layers.communities.length).toBeGreaterThan(3)
    expect(layers.units.length).toBeGreaterThan(50)
    expect(layers.buildings.length).toBeGreaterThan(layers.units.length)
    expect(layers.grids.length).toBeGreaterThan(layers.communities.length)
    expect(layers.facilities.length).toBeGreaterThan(0)
  })

  for (const [name, variant] of Object.entries(VARIANTS)) {
    it(`${name}: the same figures`, { timeout: 300_000 }, async () => {
      const target = await startEmptyApp()
      try {
        for (const layer of ORDER) {
          const file = await variant(layer, layers[layer])
          await importOne(target.app, layer, file, layers[layer])
        }
        const got = await worldFigures(target.database.db, null)
        for (const layer of ORDER) expect(got[layer], layer).toEqual(expected[layer])
        // the names came through the encodings intact
        const names = await target.app.inject({ url: `/api/communities?street=${streetCode}` })
        expect(
          names
            .json<{ features: { properties: { name: string } }[] }>()
            .features.map((f) => f.properties.name)
            .sort(),
        ).toEqual(layers.communities.map((f) => f.properties.name as string).sort())
      } finally {
        await target.close()
      }
    })
  }
})
