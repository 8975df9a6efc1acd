// The MapLibre style: a background colour and nothing from outside. No glyphs, no sprite
// (labels are drawn by deck.gl). A raster basemap is added only when a URL is configured.
import type { StyleSpecification } from 'maplibre-gl'
import { MAP_THEMES, type ThemeName } from './map-theme'
import { BUILDINGS_MIN_ZOOM } from './zoom-bands'

export const BASEMAP_SOURCE_ID = 'basemap'
export const BASEMAP_LAYER_ID = 'basemap'
export const BUILDINGS_SOURCE_ID = 'wangge-buildings'
export const BUILDINGS_LAYER_ID = 'buildings'
const BUILDING_FILL = { light: '#6c757d', dark: '#475569' } as const

export interface MapStyleOptions {
  theme?: ThemeName
  /** raster tile URL template with {z}/{x}/{y}; null = no basemap, no outside requests */
  basemapUrl?: string | null
  basemapAttribution?: string
  /** raster tile size in px (Tianditu and most XYZ services: 256) */
  basemapTileSizePx?: number
  /** our own origin (e.g. `http://host:8080`): the buildings are drawn from its vector tiles; absent = none */
  tileOrigin?: string
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
  if (options.tileOrigin) {
    style.sources[BUILDINGS_SOURCE_ID] = {
      type: 'vector',
      tiles: [`${options.tileOrigin}/api/tiles/buildings/{z}/{x}/{y}.mvt`],
      minzoom: BUILDINGS_MIN_ZOOM,
      maxzoom: 16,
    }
    style.layers.push({
      id: BUILDINGS_LAYER_ID,
      type: 'circle',
      source: BUILDINGS_SOURCE_ID,
      'source-layer': 'buildings',
      minzoom: BUILDINGS_MIN_ZOOM,
      // buildings are points (one per building): a dot growing with the zoom
      paint: {
        'circle-color': BUILDING_FILL[options.theme ?? 'light'],
        'circle-opacity': 0.9,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], BUILDINGS_MIN_ZOOM, 2, 18, 7],
      },
    })
  }
  return style
}
