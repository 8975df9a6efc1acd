// Writes core/import/fixtures/: `npx tsx scripts/make-import-fixtures.ts` (deterministic).
import { readFileSync, writeFileSync } from 'node:fs'
import { strToU8, zipSync } from 'fflate'
import { serialize as serializeFgb } from 'flatgeobuf/lib/mjs/geojson.js'
import { crsTransform } from '../core/geo/crs'
import { wgs84ToGcj02 } from '../core/geo/gcj02'
import { encodeGbk } from '../core/import/fixtures/gbk'
import { osmWalkFixture } from '../core/import/fixtures/osm-walk'
import { writeOsmPbf } from '../core/import/fixtures/write-osm-pbf'
import { type ShapefileFeature, writeShapefile } from '../core/import/fixtures/write-shapefile'

const here = new URL('../core/import/fixtures/', import.meta.url).pathname
const prj = (name: string) => readFileSync(new URL(`../core/geo/fixtures/prj/${name}`, import.meta.url), 'utf8')

/** A square of `size` degrees at lng/lat, as a closed ring. */
const square = (lng: number, lat: number, size: number) => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
]

// three units in WGS84 (the truth), written in GCJ-02 as traced on AMap, names in GBK, no .cpg,
// and a .prj that claims WGS 84 (what such files usually carry)
export const UNITS_WGS84 = [
  { code: 'U-FX-001', name: '金湾花园', households: 312, residents: 820, lng: 117.7, lat: 39.02 },
  { code: 'U-FX-002', name: '海滨新村', households: 280, residents: 701, lng: 117.701, lat: 39.02 },
  { code: 'U-FX-003', name: '渤海家园', households: 150, residents: 390, lng: 117.702, lat: 39.02 },
]
const gcjUnits: ShapefileFeature[] = UNITS_WGS84.map((u) => ({
  geometry: { type: 'Polygon', coordinates: [square(u.lng, u.lat, 0.001).map((p) => wgs84ToGcj02([p[0], p[1]]))] },
  properties: { 小区编码: u.code, 小区名称: u.name, 户数: u.households, 人口: u.residents },
}))
const gbk = writeShapefile(gcjUnits, { encodeText: encodeGbk, prj: prj('epsg-4326.wkt1-esri.prj') })
writeFileSync(`${here}units-gcj02-gbk.zip`, gbk.zip)
writeFileSync(`${here}units-no-shx.zip`, writeShapefile(gcjUnits, { encodeText: encodeGbk, omit: ['shx'] }).zip)
writeFileSync(`${here}truncated.zip`, gbk.zip.subarray(0, Math.floor(gbk.zip.length / 2)))

// two communities in CGCS2000 Gauss-Krüger, central meridian 117°E without zone prefix (EPSG:4548)
const gk = crsTransform('EPSG:4548')
const communities: ShapefileFeature[] = [
  { code: '120116001001', name: '第一社区', lng: 117.7, lat: 39.0 },
  { code: '120116001002', name: '第二社区', lng: 117.71, lat: 39.0 },
].map((c) => ({
  geometry: { type: 'Polygon', coordinates: [square(c.lng, c.lat, 0.01).map((p) => gk.fromWgs84([p[0], p[1]]))] },
  properties: { 代码: c.code, 名称: c.name, 街道: '120116001', 类型: '社区' }, // UTF-8: 10-byte DBF names
}))
writeFileSync(
  `${here}communities-gk-4548.zip`,
  writeShapefile(communities, { prj: prj('epsg-4548.wkt1-esri.prj'), cpg: 'UTF-8' }).zip,
)

// a CSV with formulas in cells
writeFileSync(
  `${here}facilities-formula.csv`,
  [
    '设施名称,设施类型,经度,纬度',
    '"=HYPERLINK(""http://example.invalid"",""点我"")",community_service_station,117.70,39.02',
    '+cmd|calc,kindergarten,117.71,39.02',
    '金湾幼儿园,kindergarten,117.72,39.02',
  ].join('\n'),
)

// 1,000 rows, every one wrong (a negative household count)
const bad = ['小区编码,户数,人口']
for (let i = 1; i <= 1000; i++) bad.push(`U-BAD-${String(i).padStart(4, '0')},-${i},10`)
writeFileSync(`${here}counts-1000-bad.csv`, `${bad.join('\n')}\n`)

// a register with personal columns, one row per household: aggregated to counts per unit
writeFileSync(
  `${here}register-personal.csv`,
  [
    '户主姓名,身份证号,联系电话,小区编码,人口',
    '张三,120101198001011234,13800138000,U-FX-001,3',
    '李四,120101198502021235,13900139000,U-FX-001,2',
    '王五,12010119900303123X,13700137000,U-FX-002,4',
  ].join('\n'),
)

// a workbook: facilities picked on AMap (GCJ-02), one sheet, inline strings and numbers
const cell = (ref: string, v: string | number) =>
  typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
const sheetRows = [
  ['设施名称', '设施类型', '经度', '纬度', '建筑面积'],
  ['金湾社区服务站', 'community_service_station', 117.70612, 39.01877, 650],
  ['海滨幼儿园', 'kindergarten', 117.71234, 39.02311, 1800],
]
const cols = 'ABCDE'
const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows
  .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(`${cols[j]}${i + 1}`, v)).join('')}</row>`)
  .join('')}</sheetData></worksheet>`
const xlsx = zipSync(
  {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="设施" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  },
  { mtime: '2026-01-01T00:00:00Z' },
)
writeFileSync(`${here}facilities-amap.xlsx`, xlsx)

// FlatGeobuf: two buildings as points (CGCS2000 geographic, stated in the header)
writeFileSync(
  `${here}buildings-4490.fgb`,
  serializeFgb(
    {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 楼栋编码: 'B-FX-1', 小区编码: 'U-FX-001', 户数: 120 },
          geometry: { type: 'Point', coordinates: [117.7015, 39.0215] },
        },
        {
          type: 'Feature',
          properties: { 楼栋编码: 'B-FX-2', 小区编码: 'U-FX-002', 户数: 60 },
          geometry: { type: 'Point', coordinates: [117.7025, 39.0215] },
        },
      ],
    },
    4490,
  ),
)

// an OpenStreetMap extract of our own drawing, for the walk network import (issue 11)
{
  const { nodes, ways } = osmWalkFixture()
  writeFileSync(`${here}walk-tanggu.osm.pbf`, writeOsmPbf(nodes, ways))
}
