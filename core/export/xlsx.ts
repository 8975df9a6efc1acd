// XLSX of a FeatureCollection for Excel (`write-excel-file`): the first sheet is the table the CSV
// holds (properties, WKT, a point as two columns, the provenance columns) with numbers as numbers,
// the second sheet `provenance` says what, when, which revision and which CRS, one fact a row.
// Cells are typed, never formulas, so text such as `=1+1` stays text.
import writeXlsxFile from 'write-excel-file/universal'
import { featureTable, type TableOptions, type TableValue } from './csv'
import type { Provenance } from './provenance'

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ] */
export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'data'

export const cellOf = (v: TableValue) => {
  if (v === null) return null
  if (typeof v === 'number') return { value: v, type: Number }
  if (typeof v === 'boolean') return { value: v, type: Boolean }
  return { value: v, type: String }
}

/** The provenance as key/value rows (the second sheet). */
export function provenanceRows(p: Provenance): [string, string | number][] {
  return [
    ['what', p.what],
    ...Object.entries(p.filter).map(([k, v]): [string, string] => [`filter: ${k}`, v]),
    ['exported at', p.exportedAt],
    ['data revision', p.revision],
    ['CRS', p.crs],
    ...(p.crsNote ? [['CRS note', p.crsNote] as [string, string]] : []),
    ['features', p.features],
    ['source', p.source],
  ]
}

export async function writeXlsx(
  fc: GeoJSON.FeatureCollection,
  options: TableOptions & { provenance: Provenance },
): Promise<Uint8Array> {
  const { headers, rows } = featureTable(fc, options)
  const data = [
    headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
    ...rows.map((r) => r.map(cellOf)),
  ]
  const provenance = [
    [
      { value: 'key', type: String, fontWeight: 'bold' as const },
      { value: 'value', type: String, fontWeight: 'bold' as const },
    ],
    ...provenanceRows(options.provenance).map(([k, v]) => [{ value: k, type: String }, cellOf(v)]),
  ]
  const blob = await writeXlsxFile([
    { data: data as never, sheet: sheetName(options.provenance.what), stickyRowsCount: 1 },
    { data: provenance as never, sheet: 'provenance' },
  ]).toBlob()
  return new Uint8Array(await blob.arrayBuffer())
}
