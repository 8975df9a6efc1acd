// CSV of a FeatureCollection: the properties, then the geometry as WKT and a representative
// point as two coordinate columns (lng/lat, or x/y in metres), then — when given — the export's
// provenance as four trailing columns repeated on every row (provenance_what, _revision,
// _exported_at, _crs: any CSV reader keeps them, a filtered copy still says where it came from).
// UTF-8 with a BOM (Excel opens it as UTF-8); text that a spreadsheet would run as a formula is
// neutralised with a leading quote.
import type { Provenance } from './provenance'
import { labelPoint, toWkt } from './wkt'

/** Cells a spreadsheet reads as a formula (OWASP CSV injection): = + - @ tab, carriage return. */
const FORMULA = /^[=+\-@\t\r]/

export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text
}

export function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text =
    typeof value === 'string'
      ? neutralise(value)
      : typeof value === 'object'
        ? neutralise(JSON.stringify(value))
        : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The property names of a collection in first-seen order. */
export function propertyNames(fc: GeoJSON.FeatureCollection): string[] {
  const names = new Set<string>()
  for (const f of fc.features) for (const k of Object.keys(f.properties ?? {})) names.add(k)
  return [...names]
}

export interface TableOptions {
  metric: boolean
  decimals: number
  provenance?: Provenance
}

export type TableValue = string | number | boolean | null

/** The trailing provenance columns of a table (CSV, the XLSX data sheet). */
export const PROVENANCE_COLUMNS = [
  'provenance_what',
  'provenance_revision',
  'provenance_exported_at',
  'provenance_crs',
] as const

/** A collection as a table: the properties, WKT, a point as two columns, the provenance columns. */
export function featureTable(
  fc: GeoJSON.FeatureCollection,
  options: TableOptions,
): { headers: string[]; rows: TableValue[][] } {
  const names = propertyNames(fc)
  const [xName, yName] = options.metric ? ['x', 'y'] : ['lng', 'lat']
  const p = options.provenance
  const trailing: TableValue[] = p ? [p.what, p.revision, p.exportedAt, p.crs] : []
  const headers = [...names, 'wkt', xName, yName, ...(p ? PROVENANCE_COLUMNS : [])]
  const round = (v: number) => Number(v.toFixed(options.decimals))
  const rows = fc.features.map((f) => {
    const props = f.properties ?? {}
    const point = f.geometry ? labelPoint(f.geometry) : undefined
    return [
      ...names.map((n): TableValue => {
        const v = props[n]
        if (v === undefined || v === null) return null
        return typeof v === 'object' ? JSON.stringify(v) : (v as TableValue)
      }),
      f.geometry ? toWkt(f.geometry) : null,
      point ? round(point[0]) : null,
      point ? round(point[1]) : null,
      ...trailing,
    ]
  })
  return { headers, rows }
}

export function writeCsv(fc: GeoJSON.FeatureCollection, options: TableOptions): string {
  const { headers, rows } = featureTable(fc, options)
  const lines = [headers.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
