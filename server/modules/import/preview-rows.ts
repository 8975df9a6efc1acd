// The preview's rows: each where it would land, with what the commit would do to it and, for a
// row refused or no longer in the file, why.
import type { ImportPreviewProperties } from '../../../core/api'
import type { ImportRecord } from '../../../core/import/validate'

/** One feature of the preview: a row where it would land and what the commit would do to it. */
export interface PreviewRow extends ImportPreviewProperties {
  geometry: GeoJSON.Geometry | null
}

export function previewOf(
  r: { row: number; key: string | null; geometry: GeoJSON.Geometry | null; values?: ImportRecord['values'] },
  status: ImportPreviewProperties['status'],
  problem: { code: string; reason: string } | null = null,
): PreviewRow {
  return {
    row: r.row,
    code: r.key,
    name: (r.values?.name as string | null | undefined) ?? null,
    status,
    households: (r.values?.households as number | null | undefined) ?? null,
    problem: problem?.code ?? null,
    reason: problem?.reason ?? null,
    geometry: r.geometry,
  }
}
