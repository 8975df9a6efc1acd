// Test-side writers: a layer of GeoJSON features written as the files a street office would send —
// GeoJSON, a zipped shapefile (UTF-8 with a .cpg, or GBK with none, any .prj), CSV and XLSX with
// longitude/latitude or WKT columns, FlatGeobuf — each through a well-kept library, none of them
// the pipeline's own readers: @mapbox/shp-write (.shp/.shx/.dbf), iconv-lite (GBK), wkx (WKT),
// write-excel-file (XLSX), flatgeobuf, fflate (the zip).
//
// shp-write's DBF writer (the `dbf` package) stores each character's low byte, so text reaches it
// already encoded, as a binary string of bytes (UTF-8 or GBK): the .dbf then holds exactly those bytes.
import shpwrite from '@mapbox/shp-write'
import { zipSync } from 'fflate'
import { serialize as serializeFlatGeobuf } from 'flatgeobuf/lib/mjs/geojson.js'
import iconv from 'iconv-lite'
import wkx from 'wkx'
import writeXlsxFile from 'write-excel-file/node'

export type Row = Record<string, string | number | null>
export type LayerFeature = GeoJSON.Feature<GeoJSON.Point | GeoJSON.MultiPolygon | GeoJSON.Polygon, Row>
export type LngLatTransform = (p: [number, number]) => [number, number]

/** The same features with every coordinate moved (WGS84 → GCJ-02, → a Gauss-Krüger zone, …). */
export function transformFeatures(features: LayerFeature[], fn: LngLatTransform): LayerFeature[] {
  const move = (c: unknown): unknown =>
    typeof (c as number[])[0] === 'number' ? fn(c as [number, number]) : (c as unknown[]).map(move)
  return features.map((f) => ({
    ...f,
    geometry: { ...f.geometry, coordinates: move(f.geometry.coordinates) } as LayerFeature['geometry'],
  }))
}

/** Renames properties: `{ code: '编码' }` writes the `code` property under the header 编码. */
export function withHeaders(features: LayerFeature[], headers: Record<string, string>): LayerFeature[] {
  return features.map((f) => ({
    ...f,
    properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [headers[k] ?? k, v])),
  }))
}

export function writeGeoJson(features: LayerFeature[]): Buffer {
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }))
}

// ── shapefile ────────────────────────────────────────────────────────────────────────────────

function signedArea(ring: number[][]): number {
  let s = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1])
  return s / 2 // > 0: clockwise
}

/** Shapefile ring order: outer rings clockwise, holes counter-clockwise. */
function shapefileRings(polygons: number[][][][]): number[][][][] {
  return polygons.map((rings) =>
    rings.map((ring, i) => {
      const clockwise = signedArea(ring) > 0
      return clockwise === (i === 0) ? ring : [...ring].reverse()
    }),
  )
}

export interface ShapefileOptions {
  /** the layer's base name inside the zip */
  name: string
  encoding: 'utf-8' | 'gbk'
  /** write a .cpg naming the encoding (real GBK files from China usually have none) */
  cpg: boolean
  /** the .prj's WKT; none when null */
  prj: string | null
}

const binary = (bytes: Buffer) => bytes.toString('latin1')

export function writeShapefileZip(features: LayerFeature[], options: ShapefileOptions): Buffer {
  const encode = (text: string) => binary(iconv.encode(text, options.encoding === 'gbk' ? 'gbk' : 'utf8'))
  const rows = features.map((f) =>
    Object.fromEntries(
      Object.entries(f.properties).map(([k, v]) => [encode(k), typeof v === 'string' ? encode(v) : v]),
    ),
  )
  const points = features[0]?.geometry.type === 'Point'
  const geometries = features.map((f) => {
    const g = f.geometry
    if (g.type === 'Point') return g.coordinates
    return shapefileRings(g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
  })
  let written: { shp: DataView; shx: DataView; dbf: DataView } | null = null
  shpwrite.write(rows, points ? 'POINT' : 'POLYGON', geometries, (_error, files) => {
    written = files as unknown as typeof written
  })
  if (!written) throw new Error('shp-write wrote nothing')
  const { shp, shx, dbf } = written as { shp: DataView; shx: DataView; dbf: DataView }
  const bytes = (view: DataView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
  const files: Record<string, Uint8Array> = {
    [`${options.name}.shp`]: bytes(shp),
    [`${options.name}.shx`]: bytes(shx),
    [`${options.name}.dbf`]: bytes(dbf),
  }
  if (options.prj) files[`${options.name}.prj`] = new TextEncoder().encode(options.prj)
  if (options.cpg) files[`${options.name}.cpg`] = new TextEncoder().encode(options.encoding === 'gbk' ? 'GBK' : 'UTF-8')
  return Buffer.from(zipSync(files))
}

// ── tables ───────────────────────────────────────────────────────────────────────────────────

export type TableGeometry = { kind: 'lnglat'; x: string; y: string } | { kind: 'wkt'; column: string }

function tableRows(features: LayerFeature[], geometry: TableGeometry): { headers: string[]; rows: Row[] } {
  const rows = features.map((f) => {
    const row: Row = { ...f.properties }
    if (geometry.kind === 'wkt') row[geometry.column] = wkx.Geometry.parseGeoJSON(f.geometry).toWkt()
    else if (f.geometry.type === 'Point') {
      row[geometry.x] = f.geometry.coordinates[0]
      row[geometry.y] = f.geometry.coordinates[1]
    } else throw new Error('longitude/latitude columns hold points only: use WKT for polygons')
    return row
  })
  return { headers: Object.keys(rows[0] ?? {}), rows }
}

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** CSV in UTF-8 with a byte-order mark (what Excel writes and expects). */
export function writeCsv(features: LayerFeature[], geometry: TableGeometry): Buffer {
  const { headers, rows } = tableRows(features, geometry)
  const lines = [headers.map(csvCell).join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h])).join(','))]
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`)
}

export async function writeXlsx(features: LayerFeature[], geometry: TableGeometry): Promise<Buffer> {
  const { headers, rows } = tableRows(features, geometry)
  const sheet = [headers, ...rows.map((r) => headers.map((h) => r[h]))]
  return writeXlsxFile(sheet, { sheet: 'Sheet1' }).toBuffer()
}

/** FlatGeobuf with the CRS in its header (an EPSG code; none when null). */
export function writeFlatGeobuf(features: LayerFeature[], epsg: number | null): Buffer {
  const collection = { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection
  return Buffer.from(serializeFlatGeobuf(collection as never, epsg ?? undefined))
}
