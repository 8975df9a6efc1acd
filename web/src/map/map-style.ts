// The MapLibre style: a background colour and nothing from outside. No glyphs, no sprite
// (labels are drawn by deck.gl). A raster basemap is added only when a URL is configured.
import type { StyleSpecification } from 'maplibre-gl'
import { MAP_THEMES, type ThemeName } from './map-theme'

export const BASEMAP_SOURCE_ID = 'basemap'
export const BASEMAP_LAYER_ID = 'basemap'

export interface MapStyleOptions {
  theme?: ThemeName
  /** raster tile URL template with {z}/{x}/{y}; null = no basemap, no outside requests */
  basemapUrl?: string | null
  basemapAttribution?: string
  /** raster tile size in px (Tianditu and most XYZ services: 256) */
  basemapTileSizePx?: number
}

export function createMapStyle(options: MapStyleOptions = {}): StyleSpecification {
  const theme = MAP_THEMES[options.theme ?? 'light']
  const style: StyleSpecification = {
    version: 8,
    name: 'wangge-empty',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': theme.background } }],
  }
  if (options.basemapUrl) {
    style.sources[BASEMAP_SOURCE_ID] = {
      type: 'raster',
      tiles: [options.basemapUrl],
      tileSize: options.basemapTileSizePx ?? 256,
      ...(options.basemapAttribution ? { attribution: options.basemapAttribution } : {}),
    }
    style.layers.push({
      id: BASEMAP_LAYER_ID,
      type: 'raster',
      source: BASEMAP_SOURCE_ID,
      paint: { 'raster-opacity': options.theme === 'dark' ? 0.55 : 0.85 },
    })
  }
  return style
}
