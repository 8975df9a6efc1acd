// What every export says about itself: what, when, which revision, which CRS.
export interface Provenance {
  /** the layer or view exported, e.g. `grids`, with its filter */
  what: string
  filter: Record<string, string>
  /** ISO time of the export */
  exportedAt: string
  /** the newest revision of the data at the time of the export */
  revision: number
  crs: string
  crsNote?: string
  features: number
  source: string
}

export function provenanceText(p: Provenance): string {
  const lines = [
    `Wangge 网格 export`,
    `what: ${p.what}${
      Object.keys(p.filter).length
        ? ` (${Object.entries(p.filter)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : ''
    }`,
    `exported at: ${p.exportedAt}`,
    `data revision: ${p.revision}`,
    `CRS: ${p.crs}`,
    ...(p.crsNote ? [`CRS note: ${p.crsNote}`] : []),
    `features: ${p.features}`,
    `source: ${p.source}`,
  ]
  return `${lines.join('\n')}\n`
}
