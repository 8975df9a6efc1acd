// Plain tables (no geometry) for download — the printable report's tables: CSV (UTF-8 with a
// BOM, formula-safe, the provenance as trailing columns) and XLSX (one sheet a table, then the
// provenance sheet), written the way the layer tables are (csv.ts, xlsx.ts).
import writeXlsxFile from 'write-excel-file/universal'
import { cell, PROVENANCE_COLUMNS, type TableValue } from './csv'
import type { Provenance } from './provenance'
import { cellOf, provenanceRows, sheetName } from './xlsx'

export interface PlainTable {
  /** the sheet's name and the CSV's `table` choice */
  id: string
  headers: string[]
  rows: TableValue[][]
}

export function writeTableCsv(table: PlainTable, provenance: Provenance): string {
  const trailing = [provenance.what, provenance.revision, provenance.exportedAt, provenance.crs]
  const lines = [
    [...table.headers, ...PROVENANCE_COLUMNS].map(cell).join(','),
    ...table.rows.map((r) => [...r, ...trailing].map(cell).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export async function writeTablesXlsx(tables: PlainTable[], provenance: Provenance): Promise<Uint8Array> {
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const })
  const sheets = tables.map((t) => ({
    data: [t.headers.map(bold), ...t.rows.map((r) => r.map(cellOf))] as never,
    sheet: sheetName(t.id),
    stickyRowsCount: 1,
  }))
  const facts = [[bold('key'), bold('value')], ...provenanceRows(provenance).map(([k, v]) => [bold(k), cellOf(v)])]
  const blob = await writeXlsxFile([...sheets, { data: facts as never, sheet: 'provenance' }]).toBlob()
  return new Uint8Array(await blob.arrayBuffer())
}
