// CSV of a FeatureCollection: the properties, then the geometry as WKT and a representative
// point as two coordinate columns (lng/lat, or x/y in metres). UTF-8 with a BOM (Excel opens it
// as UTF-8); text that a spreadsheet would run as a formula is neutralised with a leading quote.
import { labelPoint, toWkt } from './wkt'

/** Cells a spreadsheet reads as a formula (OWASP CSV injection): = + - @ tab, carriage return. */
const FORMULA = /^[=+\-@\t\r]/

export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text
}

function cell(value: unknown): string {
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

export function writeCsv(fc: GeoJSON.FeatureCollection, options: { metric: boolean; decimals: number }): string {
  const names = propertyNames(fc)
  const [xName, yName] = options.metric ? ['x', 'y'] : ['lng', 'lat']
  const rows = [[...names, 'wkt', xName, yName].map(cell).join(',')]
  for (const f of fc.features) {
    const p = f.properties ?? {}
    const point = f.geometry ? labelPoint(f.geometry) : undefined
    const round = (v: number) => Number(v.toFixed(options.decimals))
    rows.push(
      [
        ...names.map((n) => cell(p[n])),
        cell(f.geometry ? toWkt(f.geometry) : ''),
        point ? String(round(point[0])) : '',
        point ? String(round(point[1])) : '',
      ].join(','),
    )
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`
}
