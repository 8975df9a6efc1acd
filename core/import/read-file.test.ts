import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { hasGdal } from '../../tests/support/gdal'
import { writeShapefileZip } from '../../tests/support/world-files'
import { GPKG_SRS, writeGeoPackage } from '../export/geopackage'
import { gcj02ToWgs84 } from '../geo/gcj02'
import { noticeText } from './messages'
import { readImportFile } from './read-file'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))
const options = { maxUnzippedBytes: 64 * 2 ** 20 }

describe('readImportFile', () => {
  it('reads GBK from the field names when no value has Chinese text (no .cpg)', async () => {
    const square = (x: number): GeoJSON.Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 39],
          [x + 0.001, 39],
          [x + 0.001, 39.001],
          [x, 39.001],
          [x, 39],
        ],
      ],
    })
    const zip = writeShapefileZip(
      [0, 1].map((i) => ({
        type: 'Feature',
        geometry: square(117.6 + i / 100),
        properties: { 编码: `U${i}`, 户数: 100 + i },
      })),
      { name: 'units', encoding: 'gbk', cpg: false, prj: null },
    )
    const [table] = (await readImportFile('units.zip', new Uint8Array(zip), options)).tables
    expect(table.encoding.encoding).toBe('gb18030')
    expect(Object.keys(table.rows[0].attrs)).toEqual(['编码', '户数'])
    expect(table.rows[1].attrs.户数).toBe(101)
  })

  it('reads a zipped GBK shapefile without .cpg: names decoded as GB18030, CRS from the .prj', async () => {
    const file = await readImportFile('units.zip', fixture('units-gcj02-gbk.zip'), options)
    expect(file.format).toBe('shapefile')
    const [t] = file.tables
    expect(t.encoding).toMatchObject({ encoding: 'gb18030', source: 'content', garbled: false })
    expect(t.headers).toEqual(['小区编码', '小区名称', '户数', '人口'])
    expect(t.rows.map((r) => r.attrs.小区名称)).toEqual(['金湾花园', '海滨新村', '渤海家园'])
    expect(t.rows[0].attrs.户数).toBe(312)
    expect(t.crs).toMatchObject({ code: 'EPSG:4326', source: 'prj' })
    expect(t.rows[0].geometry?.type).toBe('Polygon')
  })

  it('read as UTF-8 when declared so, the same names come out garbled and are flagged', async () => {
    const file = await readImportFile('units.zip', fixture('units-gcj02-gbk.zip'), { ...options, encoding: 'utf-8' })
    expect(file.tables[0].encoding.garbled).toBe(true)
    expect(file.tables[0].rows[0].attrs.小区名称).not.toBe('金湾花园')
  })

  it('the GCJ-02 coordinates sit ~500 m from where they are once converted', async () => {
    const [t] = (await readImportFile('units.zip', fixture('units-gcj02-gbk.zip'), options)).tables
    const corner = (t.rows[0].geometry as GeoJSON.Polygon).coordinates[0][0] as [number, number]
    const truth = gcj02ToWgs84(corner)
    expect(Math.abs(truth[0] - 117.7)).toBeLessThan(1e-6)
    expect(Math.hypot(corner[0] - 117.7, corner[1] - 39.02) * 111_000).toBeGreaterThan(300)
  })

  it('reads a Gauss-Krüger .prj (EPSG:4548) and a .cpg', async () => {
    const [t] = (await readImportFile('c.zip', fixture('communities-gk-4548.zip'), options)).tables
    expect(t.crs).toMatchObject({ code: 'EPSG:4548', source: 'prj' })
    expect(t.encoding.source).toBe('cpg')
    expect(t.rows[1].attrs.名称).toBe('第二社区')
  })

  it('refuses a shapefile without .shx, a truncated zip and a zip bomb, saying why', async () => {
    await expect(readImportFile('u.zip', fixture('units-no-shx.zip'), options)).rejects.toMatchObject({
      code: 'SHAPEFILE_INCOMPLETE',
      message: expect.stringContaining('.shx'),
    })
    await expect(readImportFile('u.zip', fixture('truncated.zip'), options)).rejects.toMatchObject({
      code: 'BAD_ZIP',
      message: expect.stringContaining('truncated'),
    })
    const zeros = new Uint8Array(40 * 2 ** 20)
    const bomb = zipSync({ 'a.shp': zeros, 'b.shp': zeros }, { level: 9 })
    expect(bomb.length).toBeLessThan(200_000)
    await expect(readImportFile('bomb.zip', bomb, options)).rejects.toMatchObject({ code: 'ZIP_TOO_LARGE' })
  })

  it('reads CSV in GBK and UTF-8, and neutralises formulas with a notice', async () => {
    const gbk = await readImportFile('u.csv', fixture('units-gbk.csv'), options)
    expect(gbk.tables[0].encoding.encoding).toBe('gb18030')
    expect(gbk.tables[0].rows[0].attrs.名称).toBe('滨海新区塘沽街道金湾花园')
    const f = await readImportFile('f.csv', fixture('facilities-formula.csv'), options)
    const names = f.tables[0].rows.map((r) => r.attrs.设施名称)
    expect(names[0]).toBe(`'=HYPERLINK("http://example.invalid","点我")`)
    expect(names[1]).toBe("'+cmd|calc")
    expect(names[2]).toBe('金湾幼儿园')
    expect(f.notices.map((n) => noticeText(n, 'en')).join(' ')).toMatch(/2 cell\(s\).*HYPERLINK/)
    expect(f.notices.map((n) => noticeText(n, 'zh')).join(' ')).toMatch(/2 个单元格.*HYPERLINK/)
  })

  it('reads every sheet of an XLSX with numbers as numbers', async () => {
    const x = await readImportFile('f.xlsx', fixture('facilities-amap.xlsx'), options)
    expect(x.tables[0].name).toBe('设施')
    expect(x.tables[0].headers).toEqual(['设施名称', '设施类型', '经度', '纬度', '建筑面积'])
    expect(x.tables[0].rows[1].attrs).toMatchObject({ 设施名称: '海滨幼儿园', 经度: 117.71234 })
  })

  it('reads GeoJSON with its crs member, and guesses lng/lat from the coordinates otherwise', async () => {
    const fc = (crs?: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          type: 'FeatureCollection',
          ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
          features: [
            { type: 'Feature', properties: { 名称: 'a' }, geometry: { type: 'Point', coordinates: [117.7, 39] } },
          ],
        }),
      )
    const declared = await readImportFile('a.geojson', fc('urn:ogc:def:crs:EPSG::4490'), options)
    expect(declared.tables[0].crs).toMatchObject({ code: 'EPSG:4490', source: 'file' })
    const guessed = await readImportFile('a.json', fc(), options)
    expect(guessed.tables[0].crs).toMatchObject({ code: 'EPSG:4326', source: 'content' })
    expect(guessed.tables[0].crs.reason).toMatch(/GCJ-02/)
  })

  it('reads FlatGeobuf with the CRS its header states', async () => {
    const [t] = (await readImportFile('b.fgb', fixture('buildings-4490.fgb'), options)).tables
    expect(t.crs).toMatchObject({ code: 'EPSG:4490', source: 'file' })
    expect(t.headers).toEqual(['楼栋编码', '小区编码', '户数'])
    expect(t.rows[1]).toMatchObject({ attrs: { 楼栋编码: 'B-FX-2', 户数: 60 }, geometry: { type: 'Point' } })
  })

  it.skipIf(!hasGdal)('reads a GeoPackage GDAL wrote, with the CRS of its table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wangge-gpkg-'))
    const path = join(dir, 'b.gpkg')
    execFileSync('ogr2ogr', [
      '-f',
      'GPKG',
      path,
      fileURLToPath(new URL('./fixtures/buildings-4490.fgb', import.meta.url)),
    ])
    const [t] = (await readImportFile('b.gpkg', new Uint8Array(readFileSync(path)), options)).tables
    expect(t.crs).toMatchObject({ code: 'EPSG:4490', source: 'file' })
    expect(t.headers).toEqual(['楼栋编码', '小区编码', '户数'])
    const fgb = (await readImportFile('b.fgb', fixture('buildings-4490.fgb'), options)).tables[0]
    expect(t.rows).toEqual(fgb.rows)
  })

  it('reads back a GeoPackage Wangge wrote: polygons in EPSG:4548, Chinese names, numbers', async () => {
    const fc: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 4,
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [520000, 4300000],
                  [520100, 4300000],
                  [520100, 4300100],
                  [520000, 4300000],
                ],
              ],
            ],
          },
          properties: { 名称: '新港街道第一网格', 户数: 312, 面积: 5000.5 },
        },
      ],
    }
    const provenance = {
      what: 'grids',
      filter: {},
      exportedAt: '2026-11-30T00:00:00Z',
      revision: 1,
      crs: 'EPSG:4548',
      features: 1,
      source: 'test',
    }
    const bytes = await writeGeoPackage(fc, {
      table: 'grids',
      srs: GPKG_SRS['EPSG:4548'],
      title: 'grids',
      provenance,
      provenanceText: '',
    })
    const read = await readImportFile('grids.gpkg', bytes, options)
    expect(read.format).toBe('geopackage')
    const [t] = read.tables
    expect(t.crs).toMatchObject({ code: 'EPSG:4548', source: 'file' })
    expect(t.rows).toEqual([{ attrs: fc.features[0].properties, geometry: fc.features[0].geometry }])
  })

  it('refuses bytes that are not a GeoPackage, saying so', async () => {
    await expect(readImportFile('x.gpkg', new Uint8Array([1, 2, 3, 4]), options)).rejects.toMatchObject({
      code: 'BAD_GEOPACKAGE',
    })
  })

  it('names the formats it reads when given another', async () => {
    await expect(readImportFile('a.dwg', new Uint8Array([1]), options)).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    })
  })
})
