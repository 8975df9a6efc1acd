// Reads an uploaded file into source tables: rows of attributes (text decoded) and geometry in
// the file's own coordinates, with what the file says about its CRS and encoding. Pure: bytes in.
//   .zip      → fflate, with the declared sizes checked before inflating (zip bombs) and again after;
//               each .shp in it needs its .shx and .dbf; .prj and .cpg are read when present
//   .shp set  → `shapefile` (Mike Bostock's reader) with the guessed or declared text encoding
//   .geojson / .json → JSON.parse; a `crs` member is honoured
//   .csv      → papaparse, after decoding the bytes (UTF-8 or GB18030)
//   .xlsx     → read-excel-file, every sheet
//   .fgb      → flatgeobuf; the header's CRS is honoured
//   .gpkg     → sql.js (read-geopackage.ts): every feature table; its srs honoured when an EPSG code
//   .osm.pbf  → the reader passed in (server/modules/import/read-osm-pbf.ts): highway=* ways, for a walk network
// Spreadsheet formulas in text cells (=, +, -, @) are neutralised: kept as text behind a quote.
import { unzipSync } from 'fflate'
import { deserialize as deserializeFgb } from 'flatgeobuf/lib/mjs/geojson.js'
import Papa from 'papaparse'
import readXlsxFile from 'read-excel-file/universal'
import { openShp } from 'shapefile'
import { crsInfo, parseCrs } from '../geo/crs'
import { crsFromPrj } from '../geo/prj'
import { readDbf } from './dbf'
import { type NoticeItem, notice } from './messages'
import { readGeoPackageLayers } from './read-geopackage'
import { decodeText, type EncodingGuess, guessEncoding, looksGarbled, type TextEncodingId } from './text-encoding'

export type ImportFormat = 'shapefile' | 'geojson' | 'csv' | 'xlsx' | 'flatgeobuf' | 'geopackage' | 'osm'
export type Cell = string | number | boolean | null

export interface SourceRow {
  attrs: Record<string, Cell>
  /** in the file's coordinates; null for tables (their geometry comes from mapped columns) */
  geometry: GeoJSON.Geometry | null
}

export interface SourceCrs {
  code: string | null
  source: 'prj' | 'file' | 'content' | 'none'
  reason: string
}

export interface SourceTable {
  name: string
  headers: string[]
  rows: SourceRow[]
  crs: SourceCrs
  encoding: EncodingGuess & { garbled: boolean }
}

export interface SourceFile {
  format: ImportFormat
  tables: SourceTable[]
  notices: NoticeItem[]
}

/** A file that cannot be read: its message says why, for a 4xx. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface ReadOptions {
  /** the declared text encoding; guessed when absent */
  encoding?: TextEncodingId
  /** the most a zip may unpack to */
  maxUnzippedBytes: number
  /** the .osm.pbf reader (server/modules/import/read-osm-pbf.ts: it needs node streams) */
  readOsm?: (filename: string, bytes: Uint8Array) => Promise<SourceTable>
}

export function formatOf(filename: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase()
  if (ext === 'pbf') return 'osm'
  if (ext === 'zip' || ext === 'shz') return 'shapefile'
  if (ext === 'geojson' || ext === 'json') return 'geojson'
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'fgb') return 'flatgeobuf'
  if (ext === 'gpkg') return 'geopackage'
  throw new ImportFileError(
    'UNSUPPORTED_FORMAT',
    `"${filename}" is not a file Wangge reads: upload a zipped shapefile (.zip), GeoJSON, FlatGeobuf (.fgb), GeoPackage (.gpkg), CSV, XLSX or an OpenStreetMap extract (.osm.pbf)`,
  )
}

export async function readImportFile(filename: string, bytes: Uint8Array, options: ReadOptions): Promise<SourceFile> {
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', `"${filename}" is empty`)
  const format = formatOf(filename)
  const notices: NoticeItem[] = []
  let tables: SourceTable[]
  if (format === 'shapefile') tables = await readZippedShapefiles(bytes, options, notices)
  else if (format === 'geojson') tables = [readGeoJson(filename, bytes, options)]
  else if (format === 'csv') tables = [readCsv(filename, bytes, options)]
  else if (format === 'flatgeobuf') tables = [await readFlatGeobuf(filename, bytes)]
  else if (format === 'geopackage') tables = await readGeoPackage(filename, bytes)
  else if (format === 'osm') {
    if (!options.readOsm)
      throw new ImportFileError('UNSUPPORTED_FORMAT', `"${filename}": .osm.pbf is read on the server only`)
    tables = [await options.readOsm(filename, bytes)]
  } else tables = await readXlsx(bytes)
  const neutralised = tables.reduce((n, t) => n + neutraliseFormulas(t), 0)
  if (neutralised > 0) notices.push(notice('FORMULAS_KEPT_AS_TEXT', { count: neutralised }))
  return { format, tables, notices }
}

// ── zip and shapefile ──────────────────────────────────────────────────

function unzip(bytes: Uint8Array, maxUnzippedBytes: number): Record<string, Uint8Array> {
  const wanted = (name: string) => !name.endsWith('/') && !/(^|\/)__MACOSX\//.test(name)
  let files: Record<string, Uint8Array>
  try {
    // first the central directory alone: the sizes it declares, before anything is inflated
    let declared = 0
    unzipSync(bytes, {
      filter: (file) => {
        if (wanted(file.name)) declared += file.originalSize
        return false
      },
    })
    if (declared > maxUnzippedBytes)
      throw new ImportFileError(
        'ZIP_TOO_LARGE',
        `the zip unpacks to ${Math.round(declared / 2 ** 20)} MB, more than ${Math.round(maxUnzippedBytes / 2 ** 20)} MB: refused (a zip bomb, or a file too large to import at once)`,
      )
    files = unzipSync(bytes, { filter: (file) => wanted(file.name) })
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    throw new ImportFileError(
      'BAD_ZIP',
      `the zip cannot be read (${(err as Error).message}): it may be truncated or damaged; upload it again`,
    )
  }
  const total = Object.values(files).reduce((s, f) => s + f.length, 0)
  if (total > maxUnzippedBytes) throw new ImportFileError('ZIP_TOO_LARGE', 'the zip unpacks to more than it declares')
  return files
}

async function readZippedShapefiles(bytes: Uint8Array, options: ReadOptions, notices: NoticeItem[]) {
  const files = unzip(bytes, options.maxUnzippedBytes)
  const byLower = new Map(Object.entries(files).map(([name, data]) => [name.toLowerCase(), { name, data }]))
  const shps = [...byLower.keys()].filter((n) => n.endsWith('.shp'))
  if (shps.length === 0)
    throw new ImportFileError('NO_SHAPEFILE', 'the zip holds no .shp: zip the .shp, .shx, .dbf and .prj together')
  const tables: SourceTable[] = []
  for (const shp of shps.sort()) {
    const base = shp.slice(0, -4)
    const display = byLower.get(shp)!.name.slice(0, -4).split('/').pop()!
    const part = (ext: string) => byLower.get(`${base}.${ext}`)?.data
    if (!part('shx'))
      throw new ImportFileError(
        'SHAPEFILE_INCOMPLETE',
        `${display}.shp has no ${display}.shx beside it in the zip: a shapefile is .shp + .shx + .dbf (+ .prj); zip them together`,
      )
    const dbf = part('dbf')
    if (!dbf)
      throw new ImportFileError('SHAPEFILE_INCOMPLETE', `${display}.shp has no ${display}.dbf beside it in the zip`)
    const cpg = part('cpg')
    const prj = part('prj')
    tables.push(await readShapefile(display, part('shp')!, dbf, cpg, prj, options))
  }
  const others = [...byLower.keys()].filter((n) => !/\.(shp|shx|dbf|prj|cpg|qix|sbn|sbx|xml|qmd)$/.test(n))
  if (others.length) notices.push(notice('ZIP_IGNORED', { names: others.join(', ') }))
  return tables
}

/** The bytes of a DBF's text fields, for the encoding guess (header skipped). */
/** The DBF's text to guess its encoding from: the field names (their 11 bytes in each 32-byte
 * descriptor, not the binary lengths beside them) and the first 256 KiB of records. */
function dbfSampleBytes(dbf: Uint8Array): Uint8Array {
  const headerLength = dbf[8] | (dbf[9] << 8)
  const parts: Uint8Array[] = []
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const name = dbf.subarray(at, at + 11)
    const end = name.indexOf(0)
    parts.push(name.subarray(0, end < 0 ? 11 : end), Uint8Array.of(0x20))
  }
  parts.push(dbf.subarray(headerLength, Math.min(dbf.length, headerLength + 256 * 1024)))
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

async function readShapefile(
  name: string,
  shp: Uint8Array,
  dbf: Uint8Array,
  cpg: Uint8Array | undefined,
  prj: Uint8Array | undefined,
  options: ReadOptions,
): Promise<SourceTable> {
  const guess: EncodingGuess = options.encoding
    ? { encoding: options.encoding, source: 'declared' }
    : guessEncoding(dbfSampleBytes(dbf), {
        cpg: cpg ? new TextDecoder().decode(cpg) : undefined,
        dbfLanguageDriver: dbf[29],
      })
  const rows: SourceRow[] = []
  try {
    // geometry from the .shp by the `shapefile` package, attributes by our DBF reader (dbf.ts)
    const attrs = readDbf(dbf, guess.encoding)
    const source = await openShp(shp)
    for (let r = await source.read(); !r.done; r = await source.read()) {
      const props = (attrs[rows.length] ?? {}) as Record<string, Cell>
      for (const k of Object.keys(props)) if (typeof props[k] === 'string') props[k] = (props[k] as string).trim()
      rows.push({ attrs: props, geometry: r.value })
    }
  } catch (err) {
    throw new ImportFileError('BAD_SHAPEFILE', `${name}.shp cannot be read: ${(err as Error).message}`)
  }
  let crs: SourceCrs = { code: null, source: 'none', reason: `${name} has no .prj: declare the CRS` }
  if (prj) {
    const reading = crsFromPrj(new TextDecoder().decode(prj))
    crs = { code: reading.crs?.code ?? null, source: reading.crs ? 'prj' : 'none', reason: reading.reason }
  }
  return table(name, rows, guessCrsFromContent(crs, rows), guess)
}

function table(name: string, rows: SourceRow[], crs: SourceCrs, encoding: EncodingGuess): SourceTable {
  const headers: string[] = []
  const seen = new Set<string>()
  for (const row of rows.slice(0, 1000))
    for (const k of Object.keys(row.attrs))
      if (!seen.has(k)) {
        seen.add(k)
        headers.push(k)
      }
  const garbled = rows
    .slice(0, 200)
    .some((r) => Object.values(r.attrs).some((v) => typeof v === 'string' && looksGarbled(v)))
  return { name, headers, rows, crs, encoding: { ...encoding, garbled } }
}

// ── GeoJSON ────────────────────────────────────────────────────────────

function readGeoJson(filename: string, bytes: Uint8Array, options: ReadOptions): SourceTable {
  const encoding: EncodingGuess = options.encoding
    ? { encoding: options.encoding, source: 'declared' }
    : guessEncoding(bytes.subarray(0, 256 * 1024))
  let json: { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } }
  try {
    json = JSON.parse(decodeText(bytes, encoding.encoding).replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new ImportFileError('BAD_GEOJSON', `${filename} is not valid JSON: ${(err as Error).message}`)
  }
  const features =
    json.type === 'FeatureCollection' && Array.isArray(json.features)
      ? json.features
      : json.type === 'Feature'
        ? [json]
        : null
  if (!features) throw new ImportFileError('BAD_GEOJSON', `${filename} is not a GeoJSON Feature or FeatureCollection`)
  const rows: SourceRow[] = features.map((f) => {
    const feature = f as { properties?: Record<string, Cell> | null; geometry?: GeoJSON.Geometry | null }
    return { attrs: { ...(feature.properties ?? {}) }, geometry: feature.geometry ?? null }
  })
  let crs: SourceCrs = { code: null, source: 'none', reason: 'no CRS declared' }
  const declared = json.crs?.properties?.name
  if (declared) {
    try {
      crs = { code: parseCrs(declared).code, source: 'file', reason: `"crs" member: ${declared}` }
    } catch {
      crs = { code: null, source: 'none', reason: `"crs" member ${declared} is not one Wangge converts` }
    }
  }
  return table(stem(filename), rows, guessCrsFromContent(crs, rows), encoding)
}

// ── FlatGeobuf ─────────────────────────────────────────────────────────

async function readFlatGeobuf(filename: string, bytes: Uint8Array): Promise<SourceTable> {
  let header: { crs: { org: string | null; code: number } | null } | null = null
  const rows: SourceRow[] = []
  try {
    for await (const f of deserializeFgb(bytes, {
      headerMetaFn: (h) => {
        header = h
      },
    })) {
      const feature = f as unknown as { properties?: Record<string, Cell>; geometry: GeoJSON.Geometry | null }
      rows.push({ attrs: { ...(feature.properties ?? {}) }, geometry: feature.geometry ?? null })
    }
  } catch (err) {
    throw new ImportFileError('BAD_FLATGEOBUF', `${filename} cannot be read as FlatGeobuf: ${(err as Error).message}`)
  }
  const stated = (header as { crs: { org: string | null; code: number } | null } | null)?.crs
  let crs: SourceCrs = { code: null, source: 'none', reason: 'the file states no CRS' }
  if (stated && (stated.org ?? 'EPSG').toUpperCase() === 'EPSG' && stated.code > 0) {
    try {
      crs = { code: crsInfo(`EPSG:${stated.code}`).code, source: 'file', reason: `EPSG:${stated.code} in the header` }
    } catch {
      crs = { code: null, source: 'none', reason: `EPSG:${stated.code} in the header is not one Wangge converts` }
    }
  }
  // FlatGeobuf text is UTF-8 by its specification
  return table(stem(filename), rows, guessCrsFromContent(crs, rows), { encoding: 'utf-8', source: 'content' })
}

async function readGeoPackage(filename: string, bytes: Uint8Array): Promise<SourceTable[]> {
  let layers: Awaited<ReturnType<typeof readGeoPackageLayers>>
  try {
    layers = await readGeoPackageLayers(bytes)
  } catch (err) {
    throw new ImportFileError('BAD_GEOPACKAGE', `${filename} cannot be read as a GeoPackage: ${(err as Error).message}`)
  }
  if (layers.length === 0) throw new ImportFileError('BAD_GEOPACKAGE', `${filename} holds no feature table`)
  return layers.map((layer) => {
    let crs: SourceCrs = {
      code: null,
      source: 'none',
      reason: `the table's srs (${layer.srsName ?? 'none'}) is not an EPSG code`,
    }
    if (layer.epsg) {
      try {
        crs = { code: crsInfo(layer.epsg).code, source: 'file', reason: `${layer.epsg} in gpkg_spatial_ref_sys` }
      } catch {
        crs = { code: null, source: 'none', reason: `${layer.epsg} in the file is not one Wangge converts` }
      }
    }
    // GeoPackage text is UTF-8 by its specification (SQLite)
    return table(layer.name, layer.rows, guessCrsFromContent(crs, layer.rows), { encoding: 'utf-8', source: 'content' })
  })
}

// ── CSV and XLSX ───────────────────────────────────────────────────────

function readCsv(filename: string, bytes: Uint8Array, options: ReadOptions): SourceTable {
  const encoding: EncodingGuess = options.encoding
    ? { encoding: options.encoding, source: 'declared' }
    : guessEncoding(bytes.subarray(0, 256 * 1024))
  const text = decodeText(bytes, encoding.encoding).replace(/^\uFEFF/, '')
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  })
  const fatal = parsed.errors.find((e) => e.type === 'Delimiter' && parsed.data.length === 0)
  if (fatal) throw new ImportFileError('BAD_CSV', `${filename}: ${fatal.message}`)
  const rows = parsed.data.map((r) => ({ attrs: cellsOf(r), geometry: null }))
  return table(stem(filename), rows, { code: null, source: 'none', reason: 'a table: declare the CRS' }, encoding)
}

function cellsOf(record: Record<string, unknown>): Record<string, Cell> {
  const out: Record<string, Cell> = {}
  for (const [k, v] of Object.entries(record)) {
    if (k === '__parsed_extra') continue
    if (v === undefined || v === null || v === '') out[k] = null
    else if (typeof v === 'string') out[k] = v.trim()
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v
    else if (v instanceof Date) out[k] = v.toISOString()
    else out[k] = String(v)
  }
  return out
}

async function readXlsx(bytes: Uint8Array): Promise<SourceTable[]> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    sheets = await readXlsxFile(buffer)
  } catch (err) {
    throw new ImportFileError('BAD_XLSX', `the workbook cannot be read: ${(err as Error).message}`)
  }
  const encoding: EncodingGuess = { encoding: 'utf-8', source: 'content' }
  return sheets
    .filter((s) => s.data.length > 0)
    .map((s) => {
      const headers = s.data[0].map((h, i) => (h === null || h === '' ? `column${i + 1}` : String(h).trim()))
      const rows = s.data.slice(1).map((cells) => {
        const record: Record<string, unknown> = {}
        headers.forEach((h, i) => {
          record[h] = cells[i]
        })
        return { attrs: cellsOf(record), geometry: null }
      })
      return table(s.sheet, rows, { code: null, source: 'none', reason: 'a table: declare the CRS' }, encoding)
    })
}

// ── shared ─────────────────────────────────────────────────────────────

const stem = (filename: string) =>
  filename
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]+$/, '')

const FORMULA = /^[=+\-@\t\r]/

/** Text cells that a spreadsheet would run as a formula get a leading quote. Returns how many. */
function neutraliseFormulas(t: SourceTable): number {
  let n = 0
  for (const row of t.rows)
    for (const [k, v] of Object.entries(row.attrs))
      if (typeof v === 'string' && FORMULA.test(v) && !Number.isFinite(Number(v))) {
        row.attrs[k] = `'${v}`
        n++
      }
  return n
}

/** Without a declared CRS, coordinates in lng/lat range around China are read as WGS84 (or GCJ-02: the user checks). */
function guessCrsFromContent(crs: SourceCrs, rows: SourceRow[]): SourceCrs {
  if (crs.code) return crs
  const e = extentOf(rows.slice(0, 500))
  if (e && e[0] >= 70 && e[2] <= 140 && e[1] >= 0 && e[3] <= 60)
    return {
      code: 'EPSG:4326',
      source: 'content',
      reason: `${crs.reason}; coordinates look like longitude/latitude (WGS84 assumed: a file traced on AMap or Baidu is GCJ-02 or BD-09, ~500 m off — check the preview)`,
    }
  return crs
}

/** [minX, minY, maxX, maxY] of the rows' geometry as it is in the file. */
export function extentOf(rows: readonly SourceRow[]): [number, number, number, number] | null {
  const e = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number]
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') {
      if (c[0] < e[0]) e[0] = c[0]
      if (c[1] < e[1]) e[1] = c[1]
      if (c[0] > e[2]) e[2] = c[0]
      if (c[1] > e[3]) e[3] = c[1]
      return
    }
    for (const x of c) visit(x)
  }
  for (const r of rows) if (r.geometry && 'coordinates' in r.geometry) visit(r.geometry.coordinates)
  return Number.isFinite(e[0]) ? e : null
}
