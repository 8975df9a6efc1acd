// A zipped ESRI Shapefile: .shp/.shx (points or polygons), .dbf in UTF-8 with a .cpg saying so,
// .prj, a mapping from the ≤ 10-character field names to the full ones, and the provenance.
// Written here rather than with a library: the JavaScript shapefile writers encode .dbf text one
// byte per UTF-16 unit, which garbles every Chinese name (ADR 14).
import { zipSync } from 'fflate'
import { propertyNames } from './csv'

const SHAPE_POINT = 1
const SHAPE_POLYGON = 5
const MAX_FIELD_BYTES = 254

/** Field names that fit a .dbf (≤ 10 ASCII characters), unique, in order; with the full names. */
export function shortFieldNames(names: string[]): { short: string; full: string }[] {
  const used = new Set<string>()
  return names.map((full) => {
    const replaced = full.replace(/[^A-Za-z0-9_]/g, '_')
    const ascii = /^_*$/.test(replaced) ? 'field' : replaced
    let short = ascii.slice(0, 10)
    for (let i = 1; used.has(short.toLowerCase()); i++) short = `${ascii.slice(0, 10 - String(i).length - 1)}_${i}`
    used.add(short.toLowerCase())
    return { short, full }
  })
}

type Ring = GeoJSON.Position[]

function signedArea(r: Ring): number {
  let a = 0
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[i][0] - r[j][0]) * (r[i][1] + r[j][1])
  return a / 2 // > 0: clockwise
}

/** The rings of a (multi)polygon as Shapefile parts: outer rings clockwise, holes counter-clockwise. */
function polygonParts(g: GeoJSON.Geometry): Ring[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []
  const parts: Ring[] = []
  for (const p of polys)
    p.forEach((r, i) => {
      const clockwise = signedArea(r) > 0
      parts.push(clockwise === (i === 0) ? r : [...r].reverse())
    })
  return parts
}

function geometryKind(fc: GeoJSON.FeatureCollection): typeof SHAPE_POINT | typeof SHAPE_POLYGON {
  const types = new Set(fc.features.map((f) => f.geometry?.type))
  if ([...types].every((t) => t === 'Point')) return SHAPE_POINT
  if ([...types].every((t) => t === 'Polygon' || t === 'MultiPolygon')) return SHAPE_POLYGON
  throw new Error(`a Shapefile holds one geometry type; this layer has ${[...types].join(', ')}`)
}

function header(view: DataView, kind: number, lengthBytes: number, box: number[]) {
  view.setInt32(0, 9994)
  view.setInt32(24, lengthBytes / 2)
  view.setInt32(28, 1000, true)
  view.setInt32(32, kind, true)
  for (let i = 0; i < 4; i++) view.setFloat64(36 + i * 8, box[i], true)
}

function writeShpShx(fc: GeoJSON.FeatureCollection, kind: number) {
  const records = fc.features.map((f) =>
    kind === SHAPE_POINT ? [[(f.geometry as GeoJSON.Point).coordinates]] : [polygonParts(f.geometry!)],
  )
  const contentBytes = records.map(([parts]) =>
    kind === SHAPE_POINT ? 20 : 44 + 4 * parts.length + 16 * parts.reduce((s, r) => s + r.length, 0),
  )
  const shpBytes = 100 + contentBytes.reduce((s, b) => s + 8 + b, 0)
  const shx = new DataView(new ArrayBuffer(100 + 8 * records.length))
  const shp = new DataView(new ArrayBuffer(shpBytes))
  const box = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [parts] of records)
    for (const r of parts)
      for (const p of r as Ring) {
        box[0] = Math.min(box[0], p[0])
        box[1] = Math.min(box[1], p[1])
        box[2] = Math.max(box[2], p[0])
        box[3] = Math.max(box[3], p[1])
      }
  if (records.length === 0) box.fill(0)
  header(shp, kind, shpBytes, box)
  header(shx, kind, shx.byteLength, box)
  let at = 100
  records.forEach(([parts], i) => {
    shx.setInt32(100 + 8 * i, at / 2)
    shx.setInt32(104 + 8 * i, contentBytes[i] / 2)
    shp.setInt32(at, i + 1)
    shp.setInt32(at + 4, contentBytes[i] / 2)
    at += 8
    shp.setInt32(at, kind, true)
    if (kind === SHAPE_POINT) {
      const p = parts[0] as unknown as GeoJSON.Position
      shp.setFloat64(at + 4, p[0], true)
      shp.setFloat64(at + 12, p[1], true)
    } else {
      const rings = parts as Ring[]
      const pts = rings.flat()
      const xs = pts.map((p) => p[0])
      const ys = pts.map((p) => p[1])
      const own = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
      for (let k = 0; k < 4; k++) shp.setFloat64(at + 4 + k * 8, own[k], true)
      shp.setInt32(at + 36, rings.length, true)
      shp.setInt32(at + 40, pts.length, true)
      let start = 0
      rings.forEach((r, k) => {
        shp.setInt32(at + 44 + 4 * k, start, true)
        start += r.length
      })
      let o = at + 44 + 4 * rings.length
      for (const p of pts) {
        shp.setFloat64(o, p[0], true)
        shp.setFloat64(o + 8, p[1], true)
        o += 16
      }
    }
    at += contentBytes[i]
  })
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) }
}

interface DbfField {
  name: string
  full: string
  type: 'C' | 'N' | 'L'
  length: number
  decimals: number
}

const utf8 = new TextEncoder()

/** Cuts UTF-8 text to at most n bytes without splitting a character. */
function fitBytes(text: string, n: number): Uint8Array {
  let bytes = utf8.encode(text)
  if (bytes.length <= n) return bytes
  let chars = [...text]
  while (bytes.length > n) {
    chars = chars.slice(0, -1)
    bytes = utf8.encode(chars.join(''))
  }
  return bytes
}

function dbfValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v
  return JSON.stringify(v)
}

function dbfFields(fc: GeoJSON.FeatureCollection): DbfField[] {
  const names = shortFieldNames(propertyNames(fc))
  return names.map(({ short, full }) => {
    const values = fc.features.map((f) => dbfValue(f.properties?.[full])).filter((v) => v !== null)
    if (values.length > 0 && values.every((v) => typeof v === 'boolean'))
      return { name: short, full, type: 'L', length: 1, decimals: 0 }
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const ints = (values as number[]).every(Number.isInteger)
      return ints
        ? { name: short, full, type: 'N', length: 18, decimals: 0 }
        : { name: short, full, type: 'N', length: 24, decimals: 8 }
    }
    const longest = Math.max(1, ...values.map((v) => utf8.encode(String(v)).length))
    return { name: short, full, type: 'C', length: Math.min(MAX_FIELD_BYTES, longest), decimals: 0 }
  })
}

function writeDbf(fc: GeoJSON.FeatureCollection, fields: DbfField[]): Uint8Array {
  const headerBytes = 32 + 32 * fields.length + 1
  const recordBytes = 1 + fields.reduce((s, f) => s + f.length, 0)
  const out = new Uint8Array(headerBytes + recordBytes * fc.features.length + 1)
  const view = new DataView(out.buffer)
  const now = new Date()
  view.setUint8(0, 0x03)
  view.setUint8(1, now.getUTCFullYear() - 1900)
  view.setUint8(2, now.getUTCMonth() + 1)
  view.setUint8(3, now.getUTCDate())
  view.setUint32(4, fc.features.length, true)
  view.setUint16(8, headerBytes, true)
  view.setUint16(10, recordBytes, true)
  fields.forEach((f, i) => {
    const at = 32 + 32 * i
    out.set(utf8.encode(f.name), at)
    view.setUint8(at + 11, f.type.charCodeAt(0))
    view.setUint8(at + 16, f.length)
    view.setUint8(at + 17, f.decimals)
  })
  out[headerBytes - 1] = 0x0d
  let at = headerBytes
  for (const feature of fc.features) {
    out.fill(0x20, at, at + recordBytes)
    let o = at + 1
    for (const f of fields) {
      const v = dbfValue(feature.properties?.[f.full])
      if (v !== null) {
        if (f.type === 'C') out.set(fitBytes(String(v), f.length), o)
        else if (f.type === 'L') out[o] = v ? 0x54 : 0x46
        else {
          const text = f.decimals ? (v as number).toFixed(f.decimals) : String(v)
          out.set(utf8.encode(text.slice(0, f.length)), o + f.length - Math.min(text.length, f.length))
        }
      }
      o += f.length
    }
    at += recordBytes
  }
  out[out.length - 1] = 0x1a
  return out
}

/** The zip of a Shapefile named `name` (with its field mapping and provenance). */
export function writeShapefileZip(
  fc: GeoJSON.FeatureCollection,
  options: { name: string; prj: string; provenance: string },
): Uint8Array {
  const kind = geometryKind(fc)
  const { shp, shx } = writeShpShx(fc, kind)
  const fields = dbfFields(fc)
  const mapping = `shapefile_field,full_name,type\r\n${fields.map((f) => `${f.name},${f.full},${f.type}`).join('\r\n')}\r\n`
  const n = options.name
  return zipSync({
    [`${n}.shp`]: shp,
    [`${n}.shx`]: shx,
    [`${n}.dbf`]: writeDbf(fc, fields),
    [`${n}.prj`]: utf8.encode(options.prj),
    [`${n}.cpg`]: utf8.encode('UTF-8'),
    [`${n}_fields.csv`]: utf8.encode(mapping),
    [`${n}_provenance.txt`]: utf8.encode(options.provenance),
  })
}
