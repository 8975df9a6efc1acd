// Label points and texts for grids: the label point of each grid's summary (a point on its
// surface, computed by the server), and a short text — the grid's sequence in its community (the code's last 3 digits) — since the
// community's own label already names the community. Short labels also keep the font atlas small.
import type { GridSummary } from '../../../../core/api'
import type { LabelDatum } from './label-layer'

/** 120116001001007 → 7; null when the code is not the 15-digit pattern. */
export function gridSequence(code: string): number | null {
  return /^[0-9]{15}$/.test(code) ? Number(code.slice(12)) : null
}

export function gridLabels(
  grids: { properties: Pick<GridSummary, 'code' | 'name' | 'labelPoint'> }[],
  textOf: (sequence: number) => string,
): LabelDatum[] {
  const labels: LabelDatum[] = []
  for (const grid of grids) {
    const sequence = gridSequence(grid.properties.code)
    labels.push({
      position: grid.properties.labelPoint,
      text: sequence === null ? grid.properties.name : textOf(sequence),
    })
  }
  return labels
}
