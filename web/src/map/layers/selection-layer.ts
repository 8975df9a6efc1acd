// The selected (or found) grid / community / street / unit outlined: a wide halo under a narrow
// dark line; a facility (a point) gets a ring.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { MapTheme } from '../map-theme'
import { LAYER_IDS } from './layer-ids'

export type OutlinedFeature = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point>

export interface SelectionLayerOptions {
  theme: MapTheme
  lineWidthPx?: number
}

const RING_RADIUS_PX = 11

export function createSelectionLayers(feature: OutlinedFeature | null, options: SelectionLayerOptions): Layer[] {
  const width = options.lineWidthPx ?? 2.5
  const data = feature ? [feature] : []
  const outline = (id: string, colour: MapTheme['selectionLine'], widthPx: number) =>
    new GeoJsonLayer({
      id,
      data,
      visible: feature !== null,
      filled: false,
      stroked: true,
      getLineColor: colour,
      lineWidthUnits: 'pixels',
      getLineWidth: widthPx,
      lineJointRounded: true,
      pointType: 'circle',
      pointRadiusUnits: 'pixels',
      getPointRadius: RING_RADIUS_PX,
      pickable: false,
    })
  return [
    outline(`${LAYER_IDS.selection}-halo`, options.theme.selectionHalo, width * 2.4),
    outline(LAYER_IDS.selection, options.theme.selectionLine, width),
  ]
}
