import { unzipSync } from 'fflate'
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js'
import readXlsxFile from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { crsFromPrj } from '../geo/prj'
import { EXPORT_CRS_IDS, exportCrs, reprojectCollection } from './crs-choice'
import { neutralise, PROVENANCE_COLUMNS, writeCsv } from './csv'
import { writeFlatGeobuf } from './flatgeobuf'
import { type Provenance, provenanceText } from './provenance'
import { shortFieldNames, writeShapefileZip } from './shapefile'
import { labelPoint, toWkt } from './wkt'
import { writeXlsx } from './xlsx'

const square: GeoJSON.MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117, 39],
        [117.01, 39],
        [117.01, 39.01],
        [117, 39.01],
        [117, 39],
      ],
    ],
  ],
}
const fc: GeoJSON.FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 1,
      geometry: square,
      properties: { name: '=HYPERLINK("x")', households: 300, communityCode: '120116001001' },
    },
    {
      type: 'Feature',
      id: 2,
      geometry: square,
      properties: { name: '海滨, "东"', households: -1, communityCode: null },
    },
  ],
}

describe('CSV', () => {
  it('neutralises text a spreadsheet would run as a formula, not numbers', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(t)).toBe(`'${t}`)
    expect(neutralise('海滨')).toBe('海滨')
    const csv = writeCsv(fc, { metric: false, decimals: 7 })
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv).toContain(',-1,') // a negative number stays a number
    expect(csv).toContain('"海滨, ""东"""')
  })

  it('has WKT and a point inside the shape as lng/lat, x/y in metres', () => {
    const csv = writeCsv(fc, { metric: false, decimals: 7 })
    const [head, first] = csv.slice(1).split('\r\n')
    expect(head).toBe('name,households,communityCode,wkt,lng,lat')
    expect(first).toContain('"MULTIPOLYGON (((117 39, 117.01 39, 117.01 39.01, 117 39.01, 117 39)))",117.005,39.005')
    expect(writeCsv(fc, { metric: true, decimals: 3 }).split('\r\n')[0].endsWith('wkt,x,y')).toBe(true)
  })
})

describe('WKT and label points', () => {
  it('writes points and polygons with holes', () => {
    expect(toWkt({ type: 'Point', coordinates: [1, 2] })).toBe('POINT (1 2)')
    expect(
      toWkt({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
            [0, 0],
          ],
          [
            [1, 1],
            [1, 2],
            [2, 2],
            [2, 1],
            [1, 1],
          ],
        ],
      }),
    ).toBe('POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))')
  })

  it('puts the label point of a U shape inside it, not in its notch', () => {
    const u: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    }
    const [x, y] = labelPoint(u)!
    expect(x < 1 || x > 2).toBe(true)
    expect(y).toBe(1.5)
  })
})

describe('Shapefile', () => {
  it('shortens field names to 10 ASCII characters, unique', () => {
    expect(
      shortFieldNames(['communityCode', 'communityCount', 'households', '网格员', '户数']).map((f) => f.short),
    ).toEqual(['communityC', 'communit_1', 'households', 'field', 'field_1'])
  })

  it('zips .shp .shx .dbf .prj .cpg, the field mapping and provenance; .dbf text is UTF-8', () => {
    const zip = unzipSync(writeShapefileZip(fc, { name: 'g', prj: exportCrs('wgs84').prj, provenance: 'p' }))
    expect(Object.keys(zip).sort()).toEqual([
      'g.cpg',
      'g.dbf',
      'g.prj',
      'g.shp',
      'g.shx',
      'g_fields.csv',
      'g_provenance.txt',
    ])
    expect(new TextDecoder().decode(zip['g.cpg'])).toBe('UTF-8')
    const dbf = zip['g.dbf']
    expect(new DataView(dbf.buffer, dbf.byteOffset).getUint32(4, true)).toBe(2)
    expect(new TextDecoder().decode(dbf)).toContain('海滨, "东"')
    // a polygon file: shape type 5, outer ring written clockwise
    const shp = new DataView(zip['g.shp'].buffer, zip['g.shp'].byteOffset)
    expect(shp.getInt32(0)).toBe(9994)
    expect(shp.getInt32(32, true)).toBe(5)
    const firstX = shp.getFloat64(100 + 8 + 48, true)
    const secondY = shp.getFloat64(100 + 8 + 48 + 24, true)
    expect([firstX, secondY]).toEqual([117, 39.01]) // (117,39) → (117,39.01): clockwise
  })
})

describe('export CRS', () => {
  it('writes a .prj that reads back as the chosen system', () => {
    expect(crsFromPrj(exportCrs('wgs84').prj).crs?.code).toBe('EPSG:4326')
    expect(crsFromPrj(exportCrs('cgcs2000').prj).crs?.code).toBe('EPSG:4490')
    expect(crsFromPrj(exportCrs('epsg4548').prj).crs?.code).toBe('EPSG:4548')
    expect(EXPORT_CRS_IDS).toEqual(['wgs84', 'cgcs2000', 'epsg4548', 'gcj02'])
  })

  it('reprojects to metres rounded to mm, and leaves CGCS2000 degrees as they are', () => {
    const gk = reprojectCollection(fc, exportCrs('epsg4548'))
    const [x, y] = (gk.features[0].geometry as GeoJSON.MultiPolygon).coordinates[0][0][0]
    expect(x).toBeCloseTo(500000, 0) // 117°E is the zone's central meridian
    expect(y).toBeGreaterThan(4_300_000)
    expect(Number.isInteger(x * 1000)).toBe(true)
    expect(reprojectCollection(fc, exportCrs('cgcs2000')).features[0].geometry).toEqual(square)
  })
})

const provenance: Provenance = {
  what: 'grids',
  filter: { community: '120116001001' },
  exportedAt: '2026-11-29T22:00:00.000Z',
  revision: 42,
  crs: 'EPSG:4548',
  features: 2,
  source: 'Wangge 网格',
}

describe('provenance inside every file', () => {
  it('CSV: four documented trailing columns on every row', () => {
    const csv = writeCsv(fc, { metric: false, decimals: 7, provenance })
    const [head, ...rows] = csv.slice(1).trimEnd().split('\r\n')
    expect(head.split(',').slice(-4)).toEqual([...PROVENANCE_COLUMNS])
    for (const row of rows) expect(row.endsWith(',grids,42,2026-11-29T22:00:00.000Z,EPSG:4548')).toBe(true)
  })

  it('FlatGeobuf: the header carries title, description and metadata; columns typed past a first null', async () => {
    const withNull: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: [...fc.features].reverse(),
    }
    const bytes = writeFlatGeobuf(withNull, {
      epsg: 4548,
      name: 'grids',
      title: 'grids',
      description: provenanceText(provenance),
      metadata: JSON.stringify(provenance),
    })
    let header: HeaderMeta | undefined
    const back: GeoJSON.Feature[] = []
    for await (const f of deserialize(bytes, { headerMetaFn: (h: HeaderMeta) => (header = h) } as never))
      back.push(f as never)
    expect(header!.crs?.code).toBe(4548)
    expect(JSON.parse(header!.metadata!)).toEqual(provenance)
    expect(header!.description).toContain('data revision: 42')
    expect(header!.title).toBe('grids')
    // the first feature's communityCode is null: the column is still text, the second one's read back
    expect(back.map((f) => f.properties?.communityCode ?? null)).toEqual([null, '120116001001'])
    expect(back.map((f) => f.properties?.households)).toEqual([-1, 300])
  })

  it('XLSX: the table with numbers as numbers and formulas as text, and a provenance sheet', async () => {
    const bytes = await writeXlsx(fc, { metric: false, decimals: 7, provenance })
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    expect(sheets.map((s) => s.sheet)).toEqual(['grids', 'provenance'])
    const [head, first, second] = sheets[0].data
    expect(head.slice(0, 4)).toEqual(['name', 'households', 'communityCode', 'wkt'])
    expect(first[0]).toBe('=HYPERLINK("x")')
    expect(first[1]).toBe(300)
    expect(second[1]).toBe(-1)
    expect(first.at(-3)).toBe(42)
    const facts = new Map(sheets[1].data.slice(1).map((r) => [r[0], r[1]]))
    expect(facts.get('data revision')).toBe(42)
    expect(facts.get('CRS')).toBe('EPSG:4548')
    expect(facts.get('filter: community')).toBe('120116001001')
    expect(facts.get('exported at')).toBe('2026-11-29T22:00:00.000Z')
  })
})
