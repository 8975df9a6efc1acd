// The row checks of a dry run that need no database: each source row becomes a record with typed
// values and WGS84 geometry, or problems saying what is wrong and what would be done.
//   - required fields present; codes in the NBS format (street 9, community 12, grid 15 digits) and
//     a community's code under its street's; keys unique (count files: rows per code are summed);
//   - counts non-negative integers, areas non-negative numbers, kinds from a known list;
//   - geometry of the layer's kind, converted from the source CRS, inside China (else the CRS is
//     wrong), rings closed with at least three corners; coordinates rounded to 1e-7° (~1 cm) so a
//     second import of the same file compares equal to what the first stored.
// Personal columns are never read: only the mapped fields are.
import type { ColumnMapping, ImportProblem } from '../api/import'
import { crsTransform } from '../geo/crs'
import type { ImportLayer } from './layers'
import { type NoticeItem, notice, type Params, problem } from './messages'
import type { Cell, SourceRow } from './read-file'
import { parseWktGeometry } from './wkt'

export type Value = string | number | null

export interface ImportRecord {
  /** 1-based source row; for summed count rows, the first */
  row: number
  /** the code the row is keyed by (see keyField) */
  key: string
  values: Record<string, Value>
  /** WGS84, MultiPolygon for polygon layers, Point for point layers, MultiLineString for lines, null for tables */
  geometry: GeoJSON.MultiPolygon | GeoJSON.Point | GeoJSON.MultiLineString | null
}

/** A row a check refused, with where it would have landed (when its geometry could be read). */
export interface RejectedRow {
  row: number
  key: string | null
  geometry: ImportRecord['geometry']
  /** the first error's code and message: the reason shown on the preview */
  code: string
  reason: string
}

export interface Validation {
  records: ImportRecord[]
  problems: ImportProblem[]
  notices: NoticeItem[]
  /** rows refused by an error */
  rejected: number
  /** the refused rows, for the preview */
  rejectedRows: RejectedRow[]
}

/** The field a layer's rows are keyed by. */
export function keyField(layer: ImportLayer): string {
  if (layer.id === 'workers') return 'communityCode'
  if (layer.id === 'facilities') return 'name'
  return 'code'
}

const CODE_PATTERNS: Record<string, { re: RegExp; what: { digits: number; noun: string } }> = {
  'streets.code': { re: /^\d{9}$/, what: { digits: 9, noun: 'street' } },
  'communities.code': { re: /^\d{12}$/, what: { digits: 12, noun: 'community' } },
  'grids.code': { re: /^\d{15}$/, what: { digits: 15, noun: 'grid' } },
  streetCode: { re: /^\d{9}$/, what: { digits: 9, noun: 'street' } },
  communityCode: { re: /^\d{12}$/, what: { digits: 12, noun: 'community' } },
}

const ENUM_SYNONYMS: Record<string, string> = {
  社区: 'urban',
  城镇: 'urban',
  城市: 'urban',
  居委会: 'urban',
  村: 'rural',
  农村: 'rural',
  乡村: 'rural',
  村委会: 'rural',
  小区: 'compound',
  住宅小区: 'compound',
  楼院: 'courtyard',
  村民小组: 'village_group',
  小组: 'village_group',
  villagegroup: 'village_group',
  街道: 'subdistrict',
  镇: 'town',
  乡: 'town',
  功能区: 'zone',
  现状: 'existing',
  已建: 'existing',
  现有: 'existing',
  规划: 'planned',
  拟建: 'planned',
  人行道: 'footway',
  步行道: 'footway',
  步道: 'footway',
  支路: 'residential',
  街巷: 'residential',
  小区路: 'residential',
  主干路: 'arterial',
  次干路: 'arterial',
  干道: 'arterial',
  桥: 'bridge',
  桥梁: 'bridge',
  平交道口: 'level_crossing',
  道口: 'level_crossing',
  levelcrossing: 'level_crossing',
  地道: 'underpass',
  下穿: 'underpass',
  地下通道: 'underpass',
  高速: 'expressway',
  高速公路: 'expressway',
  快速路: 'expressway',
}

/** China with a margin: coordinates outside it mean the CRS was wrong. */
const CHINA = [73, 3, 136, 54] as const
const round7 = (n: number) => Math.round(n * 1e7) / 1e7

function textOf(v: Cell | undefined): string | null {
  if (v === undefined || v === null) return null
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  const t = String(v).trim()
  return t === '' ? null : t
}

/** Rows checked between two reports of progress (and, in validateRowsInBatches, two yields). */
export const VALIDATE_BATCH = 2000

export function validateRows(
  layer: ImportLayer,
  rows: readonly SourceRow[],
  mapping: ColumnMapping,
  crsCode: string,
): Validation {
  const v = rowValidator(layer, mapping, crsCode)
  for (let i = 0; i < rows.length; i++) v.add(rows[i], i)
  return v.finish()
}

/**
 * The same checks in batches of VALIDATE_BATCH rows, reporting the rows done after each batch and
 * letting the event loop run between them (a server answers progress polls meanwhile).
 */
export async function validateRowsInBatches(
  layer: ImportLayer,
  rows: readonly SourceRow[],
  mapping: ColumnMapping,
  crsCode: string,
  onProgress: (done: number, total: number) => void,
): Promise<Validation> {
  const v = rowValidator(layer, mapping, crsCode)
  for (let start = 0; start < rows.length; start += VALIDATE_BATCH) {
    const end = Math.min(rows.length, start + VALIDATE_BATCH)
    for (let i = start; i < end; i++) v.add(rows[i], i)
    onProgress(end, rows.length)
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return v.finish()
}

function rowValidator(
  layer: ImportLayer,
  mapping: ColumnMapping,
  crsCode: string,
): { add: (source: SourceRow, i: number) => void; finish: () => Validation } {
  const problems: ImportProblem[] = []
  const notices: NoticeItem[] = []
  const transform = crsTransform(crsCode)
  const keyId = keyField(layer)
  const byKey = new Map<string, ImportRecord>()
  const records: ImportRecord[] = []
  const rejectedRows: RejectedRow[] = []
  let rejected = 0
  const summing = layer.id === 'counts'
  let summed = 0

  const add = (source: SourceRow, i: number) => {
    const row = i + 1
    const rowProblems: ImportProblem[] = []
    const error = (code: string, params: Params, key: string | null = null) =>
      rowProblems.push(problem({ row, key, severity: 'error' }, code, params, 'ROW_SKIPPED'))
    const values: Record<string, Value> = {}
    for (const field of layer.fields) {
      const header = mapping.fields[field.id]
      const raw = header ? textOf(source.attrs[header]) : null
      if (raw === null) {
        if (field.required)
          error('MISSING_VALUE', { field: field.nameEn, fieldZh: field.nameZh, ...(header ? { header } : {}) })
        values[field.id] = null
        continue
      }
      if (field.type === 'integer' || field.type === 'number') {
        const n = Number(raw.replace(/,/g, ''))
        const named = { field: field.nameEn, fieldZh: field.nameZh }
        if (!Number.isFinite(n)) error('NOT_A_NUMBER', { ...named, value: raw })
        else if (n < 0) error('NEGATIVE_COUNT', { ...named, value: n })
        else if (field.type === 'integer' && !Number.isInteger(n)) error('NOT_AN_INTEGER', { ...named, value: n })
        values[field.id] = n
      } else if (field.type === 'enum') {
        const norm = raw.toLowerCase().replace(/[\s-]/g, '')
        const v = field.values?.includes(norm) ? norm : ENUM_SYNONYMS[norm]
        if (!v || !field.values?.includes(v))
          error('BAD_VALUE', {
            field: field.nameEn,
            fieldZh: field.nameZh,
            value: raw,
            allowed: field.values?.join(', ') ?? '',
          })
        values[field.id] = v ?? raw
      } else if (field.type === 'code') {
        const pattern = CODE_PATTERNS[`${layer.id}.${field.id}`] ?? CODE_PATTERNS[field.id]
        if (pattern && !pattern.re.test(raw))
          error('BAD_CODE', { field: field.nameEn, fieldZh: field.nameZh, value: raw, ...pattern.what })
        values[field.id] = raw
      } else values[field.id] = raw
    }
    // a building without a code is keyed by its unit and row: the same file finds it again
    if (layer.id === 'buildings' && values.code === null && values.unitCode !== null)
      values.code = `${values.unitCode}-${row}`
    const key = values[keyId] === null ? null : String(values[keyId])
    for (const p of rowProblems) p.key = key
    if (
      layer.id === 'communities' &&
      typeof values.code === 'string' &&
      typeof values.streetCode === 'string' &&
      !values.code.startsWith(values.streetCode)
    )
      error('CODE_MISMATCH', { code: values.code, street: values.streetCode }, key)

    let geometry: ImportRecord['geometry'] = null
    if (layer.geometry !== 'none') {
      try {
        geometry = geometryOf(layer, source, mapping, transform)
        if (!geometry) error('MISSING_GEOMETRY', {}, key)
      } catch (err) {
        error('BAD_GEOMETRY', { detail: (err as Error).message }, key)
      }
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems)
      rejected++
      rejectedRows.push({ row, key, geometry, code: rowProblems[0].code, reason: rowProblems[0].message })
      return
    }
    const k = key ?? String(row)
    const seen = byKey.get(k)
    if (seen && summing) {
      for (const f of ['households', 'residents'])
        if (values[f] !== null) seen.values[f] = ((seen.values[f] as number | null) ?? 0) + (values[f] as number)
      seen.values.rows = (seen.values.rows as number) + 1
      summed++
      return
    }
    if (seen) {
      const p = problem(
        { row, key: k, severity: 'error' },
        'DUPLICATE_CODE',
        { field: keyId, key: k, first: seen.row },
        'FIRST_KEPT',
      )
      problems.push(p)
      rejected++
      rejectedRows.push({ row, key: k, geometry, code: 'DUPLICATE_CODE', reason: p.message })
      return
    }
    const record: ImportRecord = { row, key: k, values, geometry }
    if (summing) record.values.rows = 1
    byKey.set(k, record)
    records.push(record)
  }

  const finish = (): Validation => {
    if (summing && summed > 0) {
      notices.push(notice('REGISTER_SUMMED', { rows: summed + records.length, codes: records.length }))
      // a register with one row per household and no household column: each row is a household
      if (!mapping.fields.households) for (const r of records) r.values.households = r.values.rows as number
    }
    if (summing) for (const r of records) delete r.values.rows
    return { records, problems, notices, rejected, rejectedRows }
  }
  return { add, finish }
}

function geometryOf(
  layer: ImportLayer,
  source: SourceRow,
  mapping: ColumnMapping,
  transform: ReturnType<typeof crsTransform>,
): ImportRecord['geometry'] {
  let g: GeoJSON.Geometry | null = source.geometry
  const c = mapping.coordinates
  if (c?.kind === 'lnglat') {
    const x = textOf(source.attrs[c.x])
    const y = textOf(source.attrs[c.y])
    if (x === null || y === null) return null
    const pt = [Number(x), Number(y)]
    if (!pt.every(Number.isFinite)) throw new Error(`coordinates "${x}", "${y}" are not numbers`)
    g = { type: 'Point', coordinates: pt }
  } else if (c?.kind === 'wkt') {
    const text = textOf(source.attrs[c.column])
    if (text === null) return null
    g = parseWktGeometry(text)
  }
  if (!g) return null
  const pos = (p: number[]): number[] => {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error(`coordinate ${p.join(' ')} is not a number`)
    const [lng, lat] = transform.toWgs84([p[0], p[1]])
    if (!(lng >= CHINA[0] && lng <= CHINA[2] && lat >= CHINA[1] && lat <= CHINA[3]))
      throw new Error(
        `coordinate ${p.join(', ')} lands at ${lng.toFixed(4)}, ${lat.toFixed(4)}, outside China: is the CRS right?`,
      )
    return [round7(lng), round7(lat)]
  }
  const ring = (r: number[][]): number[][] => {
    const out: number[][] = []
    for (const p of r.map(pos)) {
      const last = out[out.length - 1]
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
    }
    if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]))
      out.push(out[0])
    if (out.length < 4) throw new Error('a ring has fewer than three distinct corners')
    return out
  }
  if (layer.geometry === 'line') {
    const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : null
    if (!parts) throw new Error(`a ${g.type} where ${layer.nameEn.toLowerCase()} needs lines`)
    const lines = parts.map((part) => {
      const out: number[][] = []
      for (const p of part.map(pos)) {
        const last = out[out.length - 1]
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
      }
      return out
    })
    if (lines.some((l) => l.length < 2)) throw new Error('a line has fewer than two distinct points')
    return { type: 'MultiLineString', coordinates: lines }
  }
  const wantsPolygon = layer.geometry === 'polygon'
  const wantsPoint = layer.geometry === 'point'
  if (g.type === 'MultiPoint' && g.coordinates.length === 1) g = { type: 'Point', coordinates: g.coordinates[0] }
  if (g.type === 'Polygon' && !wantsPoint) return { type: 'MultiPolygon', coordinates: [g.coordinates.map(ring)] }
  if (g.type === 'MultiPolygon' && !wantsPoint)
    return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) }
  if (g.type === 'Point' && !wantsPolygon) return { type: 'Point', coordinates: pos(g.coordinates) }
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && wantsPoint) {
    const outer = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]
    return { type: 'Point', coordinates: ringCentroid(ring(outer)) }
  }
  throw new Error(`a ${g.type} where ${layer.nameEn.toLowerCase()} need ${wantsPolygon ? 'polygons' : 'points'}`)
}

function ringCentroid(r: number[][]): number[] {
  // relative to the first corner: lng/lat products would lose the digits that matter
  const [x0, y0] = r[0]
  let a = 0
  let x = 0
  let y = 0
  for (let i = 0; i < r.length - 1; i++) {
    const [ax, ay] = [r[i][0] - x0, r[i][1] - y0]
    const [bx, by] = [r[i + 1][0] - x0, r[i + 1][1] - y0]
    const cross = ax * by - bx * ay
    a += cross
    x += (ax + bx) * cross
    y += (ay + by) * cross
  }
  if (a === 0) return r[0]
  return [round7(x0 + x / (3 * a)), round7(y0 + y / (3 * a))]
}

/** A record's geometry as canonical text, to compare with what is stored. */
export function geometryKey(g: ImportRecord['geometry'] | null): string {
  return g ? JSON.stringify(g.coordinates) : ''
}
