import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { guessColumns } from './column-guess'
import { importLayer } from './layers'
import { noticeText } from './messages'
import { readImportFile, type SourceRow } from './read-file'
import { VALIDATE_BATCH, validateRows, validateRowsInBatches } from './validate'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))
const options = { maxUnzippedBytes: 64 * 2 ** 20 }
const row = (attrs: SourceRow['attrs'], geometry: GeoJSON.Geometry | null = null): SourceRow => ({ attrs, geometry })
const square: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [117.7, 39],
      [117.701, 39],
      [117.701, 39.001],
      [117.7, 39.001],
    ],
  ],
}

describe('validateRows', () => {
  const units = importLayer('units')
  const mapping = {
    fields: { code: 'code', name: 'name', communityCode: 'c', kind: null, households: 'hh', residents: null },
    coordinates: null,
  }
  const ok = { code: 'U1', name: '金湾花园', c: '120116001001', hh: 300 }

  it('a GCJ-02 shapefile of units comes out in WGS84 where it was traced, as MultiPolygons rounded to 1e-7°', async () => {
    const [t] = (await readImportFile('u.zip', fixture('units-gcj02-gbk.zip'), options)).tables
    const guess = guessColumns(units, t.headers)
    const v = validateRows(
      units,
      t.rows.map((r) => ({ ...r, attrs: { ...r.attrs, 社区: '120116001001' } })),
      { fields: { ...guess.fields, communityCode: '社区' }, coordinates: null },
      'GCJ-02',
    )
    expect(v.problems).toEqual([])
    expect(v.records.map((r) => r.values.name)).toEqual(['金湾花园', '海滨新村', '渤海家园'])
    const corner = (v.records[0].geometry as GeoJSON.MultiPolygon).coordinates[0][0][0]
    expect(corner[0]).toBeCloseTo(117.7, 6)
    expect(corner[1]).toBeCloseTo(39.02, 6)
    expect(Math.round(corner[0] * 1e7)).toBe(corner[0] * 1e7)
  })

  it('closes open rings and refuses rings with fewer than three corners', () => {
    const v = validateRows(
      units,
      [
        row(ok, square),
        row(
          { ...ok, code: 'U2' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [117.7, 39],
                [117.8, 39],
                [117.7, 39],
              ],
            ],
          },
        ),
      ],
      mapping,
      'EPSG:4326',
    )
    expect((v.records[0].geometry as GeoJSON.MultiPolygon).coordinates[0][0]).toHaveLength(5)
    expect(v.problems).toMatchObject([{ row: 2, key: 'U2', code: 'BAD_GEOMETRY', action: 'row skipped' }])
  })

  it('each rule: missing value, negative and fractional counts, duplicate codes, bad NBS codes, bad kinds', () => {
    const v = validateRows(
      units,
      [
        row(ok, square),
        row({ ...ok, code: 'U2', name: '' }, square),
        row({ ...ok, code: 'U3', hh: -5 }, square),
        row({ ...ok, code: 'U4', hh: 2.5 }, square),
        row({ ...ok }, square),
        row({ ...ok, code: 'U6', c: '12011600100' }, square),
        row({ ...ok, code: 'U7' }, null),
      ],
      mapping,
      'EPSG:4326',
    )
    expect(v.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'MISSING_VALUE'],
      [3, 'NEGATIVE_COUNT'],
      [4, 'NOT_AN_INTEGER'],
      [5, 'DUPLICATE_CODE'],
      [6, 'BAD_CODE'],
      [7, 'MISSING_GEOMETRY'],
    ])
    expect(v.rejected).toBe(6)
    expect(v.records.map((r) => r.key)).toEqual(['U1'])
    const kinds = validateRows(
      importLayer('communities'),
      [
        row({ code: '120116001001', name: 'a', kind: '村', s: '120116001' }, square),
        row({ code: '120116002002', name: 'b', kind: 'city', s: '120116001' }, square),
      ],
      { fields: { code: 'code', name: 'name', kind: 'kind', streetCode: 's' }, coordinates: null },
      'EPSG:4326',
    )
    expect(kinds.records[0].values.kind).toBe('rural')
    expect(kinds.problems.map((p) => p.code).sort()).toEqual(['BAD_VALUE', 'CODE_MISMATCH'])
  })

  it('a wrong CRS puts coordinates outside China: refused with the reason', () => {
    const v = validateRows(units, [row(ok, square)], mapping, 'EPSG:3857')
    expect(v.problems[0]).toMatchObject({ code: 'BAD_GEOMETRY', message: expect.stringMatching(/outside China.*CRS/) })
  })

  it('points from lng/lat columns and WKT; a polygon footprint becomes its centroid', () => {
    const facilities = importLayer('facilities')
    const v = validateRows(
      facilities,
      [row({ n: 'a', t: 'kindergarten', x: '117.7', y: '39' }), row({ n: 'b', t: 'kindergarten', x: 'abc', y: '39' })],
      { fields: { name: 'n', typeCode: 't' }, coordinates: { kind: 'lnglat', x: 'x', y: 'y' } },
      'EPSG:4326',
    )
    expect(v.records[0].geometry).toEqual({ type: 'Point', coordinates: [117.7, 39] })
    expect(v.problems[0]).toMatchObject({ row: 2, code: 'BAD_GEOMETRY' })
    const w = validateRows(
      facilities,
      [
        row({
          n: 'a',
          t: 'kindergarten',
          g: 'POLYGON((117.7 39, 117.702 39, 117.702 39.002, 117.7 39.002, 117.7 39))',
        }),
      ],
      { fields: { name: 'n', typeCode: 't' }, coordinates: { kind: 'wkt', column: 'g' } },
      'EPSG:4326',
    )
    expect(w.records[0].geometry).toEqual({ type: 'Point', coordinates: [117.701, 39.001] })
  })

  it('1,000 bad rows give 1,000 problems and no records', async () => {
    const [t] = (await readImportFile('b.csv', fixture('counts-1000-bad.csv'), options)).tables
    const counts = importLayer('counts')
    const v = validateRows(counts, t.rows, guessColumns(counts, t.headers), 'EPSG:4326')
    expect(v.problems).toHaveLength(1000)
    expect(v.records).toHaveLength(0)
  })

  it('a register with personal columns is summed to counts per unit; the personal columns are never read', async () => {
    const [t] = (await readImportFile('r.csv', fixture('register-personal.csv'), options)).tables
    const counts = importLayer('counts')
    const guess = guessColumns(
      counts,
      t.headers,
      t.rows.map((r) => r.attrs),
    )
    expect(guess.personal.sort()).toEqual(['户主姓名', '联系电话', '身份证号'].sort())
    const v = validateRows(counts, t.rows, guess, 'EPSG:4326')
    expect(v.records.map((r) => r.values)).toEqual([
      { code: 'U-FX-001', households: 2, residents: 5 },
      { code: 'U-FX-002', households: 1, residents: 4 },
    ])
    expect(JSON.stringify(v.records)).not.toMatch(/张三|1380013|120101198/)
    expect(noticeText(v.notices[0], 'en')).toMatch(/3 register rows aggregated to counts for 2 codes/)
    expect(noticeText(v.notices[0], 'zh')).toBe('3 行登记记录已汇总为 2 个代码的数量')
  })
})

describe('validateRowsInBatches', () => {
  const units = importLayer('units')
  const mapping = {
    fields: { code: 'code', name: 'name', communityCode: 'c', kind: null, households: 'hh', residents: null },
    coordinates: null,
  }
  const rows = Array.from({ length: 2 * VALIDATE_BATCH + 17 }, (_, i) =>
    row({ code: `U${i}`, name: `小区${i}`, c: '120116001001', hh: i % 97 === 0 ? -1 : i }, square),
  )

  it('reports the rows done after each batch and finds what validateRows finds', async () => {
    const seen: [number, number][] = []
    const v = await validateRowsInBatches(units, rows, mapping, 'EPSG:4326', (done, total) => seen.push([done, total]))
    expect(seen).toEqual([
      [VALIDATE_BATCH, rows.length],
      [2 * VALIDATE_BATCH, rows.length],
      [rows.length, rows.length],
    ])
    const once = validateRows(units, rows, mapping, 'EPSG:4326')
    expect(v).toEqual(once)
    expect(v.rejected).toBe(Math.ceil(rows.length / 97))
    expect(v.rejectedRows[0]).toMatchObject({ row: 1, code: 'NEGATIVE_COUNT', geometry: { type: 'MultiPolygon' } })
  })
})
