// Grids filled by their deviation from the household target (diverging scale), hover-highlighted,
// drawn from the grid tiles (the tiles carry each grid's `deviation` under the current norms).
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, GridProps } from '../../../../core/api'
import { deviationColour } from '../deviation-colour'
import type { MapTheme } from '../map-theme'
import { LAYER_IDS } from './layer-ids'
import { createTileLayer, type TileRevision } from './tile-layer'

/** A whole grid as the API serves it (the grid editor, the wall and the as-of map still load these). */
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

export function createGridLayer(options: GridLayerOptions & { revision: TileRevision }) {
  const { theme, tolerance } = options
  const alpha = options.fillAlpha ?? theme.gridFillAlpha
  // a hidden tile layer would still fetch its tiles: none is made
  if (!options.visible) return null
  return createTileLayer({
    layer: 'grids',
    revision: options.revision,
    id: LAYER_IDS.grids,
    visible: options.visible,
    filled: true,
    stroked: options.outlines,
    getFillColor: (f: { properties: Pick<GridProps, 'deviation'> }) =>
      deviationColour(f.properties.deviation, tolerance, alpha),
    getLineColor: theme.gridLine,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    autoHighlight: true,
    highlightColor: theme.hoverHighlight,
    updateTriggers: { getFillColor: [tolerance, alpha] },
  })
}

/** The same grid layer over whole grids in memory (the as-of map's past grids, the wall). */
export function createGridFeatureLayer(grids: GridFeature[], options: GridLayerOptions) {
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
