// The selected grid / community / street outlined: a wide halo under a narrow dark line.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { MapTheme } from '../map-theme'
import { LAYER_IDS } from './layer-ids'

export interface SelectionLayerOptions {
  theme: MapTheme
  lineWidthPx?: number
}

export function createSelectionLayers(
  feature: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> | null,
  options: SelectionLayerOptions,
): Layer[] {
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
      pickable: false,
    })
  return [
    outline(`${LAYER_IDS.selection}-halo`, options.theme.selectionHalo, width * 2.4),
    outline(LAYER_IDS.selection, options.theme.selectionLine, width),
  ]
}
