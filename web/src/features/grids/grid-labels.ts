// Label points for grids (grids carry no labelPoint): an interior point of each polygon.

import { interiorPoint } from '../../map/geometry/interior-point'
import type { GridFeature } from '../../map/layers/grid-layer'
import type { LabelDatum } from '../../map/layers/label-layer'

export function gridLabels(grids: GridFeature[]): LabelDatum[] {
  const labels: LabelDatum[] = []
  for (const grid of grids) {
    if (!grid.geometry) continue
    labels.push({ position: interiorPoint(grid.geometry), text: grid.properties.name })
  }
  return labels
}
