// Label points and texts for grids (grids carry no labelPoint): an interior point of each polygon,
// and a short text — the grid's sequence in its community (the code's last 3 digits) — since the
// community's own label already names the community. Short labels also keep the font atlas small.
import { interiorPoint } from '../../../../core/geo/interior-point'
import type { GridFeature } from './grid-layer'
import type { LabelDatum } from './label-layer'

/** 120116001001007 → 7; null when the code is not the 15-digit pattern. */
export function gridSequence(code: string): number | null {
  return /^[0-9]{15}$/.test(code) ? Number(code.slice(12)) : null
}

export function gridLabels(grids: GridFeature[], textOf: (sequence: number) => string): LabelDatum[] {
  const labels: LabelDatum[] = []
  for (const grid of grids) {
    if (!grid.geometry) continue
    const sequence = gridSequence(grid.properties.code)
    labels.push({
      position: interiorPoint(grid.geometry),
      text: sequence === null ? grid.properties.name : textOf(sequence),
    })
  }
  return labels
}
