// Grids filled by their deviation from the household target (diverging scale), hover-highlighted.
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, GridProps } from '../../../../core/api'
import { deviationColour } from '../deviation-colour'
import type { MapTheme } from '../map-theme'
import { LAYER_IDS } from './layer-ids'

export type GridFeature = Feature<GridProps, GeoJSON.MultiPolygon>

export interface GridLayerOptions {
  theme: MapTheme
  /** the band half-width as a fraction of the target, e.g. 0.2 */
  tolerance: number
  visible: boolean
  /** draw cell edges (from GRID_OUTLINE_MIN_ZOOM; at district zoom they are a blur) */
  outlines: boolean
  /** fill alpha instead of the theme's (see-through where the buildings are drawn beneath) */
  fillAlpha?: number
}

/** The grids' fill alpha where the buildings show beneath them (BUILDINGS_MIN_ZOOM). */
export const SEE_THROUGH_GRID_ALPHA = 90

export function createGridLayer(grids: GridFeature[], options: GridLayerOptions) {
  const { theme, tolerance } = options
  const alpha = options.fillAlpha ?? theme.gridFillAlpha
  return new GeoJsonLayer<GridProps>({
    id: LAYER_IDS.grids,
    data: grids,
    visible: options.visible,
    filled: true,
    stroked: options.outlines,
    getFillColor: (f) => deviationColour(f.properties.deviation, tolerance, alpha),
    getLineColor: theme.gridLine,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    autoHighlight: true,
    highlightColor: theme.hoverHighlight,
    updateTriggers: { getFillColor: [tolerance, alpha] },
  })
}
