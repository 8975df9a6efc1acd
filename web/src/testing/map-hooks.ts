// Test builds only (loaded by install.ts): hooks for browser tests on `window.__wangge`, on the
// district map page; they read what the app records in probe.ts.
//   map                     the MapLibre map (null until created)
//   overlay                 the deck.gl MapboxOverlay (null until created)
//   ready                   Promise<void>: resolves once the grid figures are loaded AND deck.gl has drawn a
//                           frame; rejects with the readable error if they cannot be loaded (the grid
//                           tiles may still be arriving: wait for getRenderedGridCount())
//   getRenderedGridCount()  distinct grids drawn in the viewport (deck.gl pickObjects over the canvas:
//                           only grids with at least one visible pixel; 0 when the grid layer is hidden)
//   getGridsInViewCount()   grids whose bbox intersects the map bounds (cheap, ignores visibility)
//   getGridScreenPoint(id)  {x, y} page pixels of grid `id`'s label point, inside it (for page.mouse.click), or null
//   pickGridAt(x, y)        properties of the grid drawn at page pixel (x, y) (the tile's, with its id), or null
//   tilesLoaded()           true once every tile layer on the map has its tiles in view loaded
//   getSelection()          the side panel's selection: {kind:'grid', id} | {kind:'community', code} | … | null
//   select(selection)       set the selection programmatically
//   getOutlined()           the feature the selection layer outlines: {type, name} (name: a found one's), or null
//   getLanguage()           'zh' | 'en'
//   projectLngLat(lng, lat) {x, y} page pixels of a map position (to draw a line across a grid), or null
//   editor                  the grid editor while edit mode is open (features/grid-editing), else null
//   coverage                the coverage mode's hooks once the mode was opened (coverage-hooks.ts)
import type { MapboxOverlay } from '@deck.gl/mapbox'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { GridProps } from '../../../core/api'
import type { EditorTestHooks } from '../features/grid-editing/editor-test-hooks'
import type { Selection } from '../features/selection/selection'
import type { Language } from '../i18n/dictionaries'
import { bboxesIntersect } from '../map/geometry/bbox'
import { LAYER_IDS } from '../map/layers/layer-ids'
import { tileFeatureProperties } from '../map/layers/tile-layer'
import { type CoverageTestHooks, coverageHooks } from './coverage-hooks'
import { probe } from './probe'

export interface WanggeTestHooks {
  map: MapLibreMap | null
  overlay: MapboxOverlay | null
  ready: Promise<void>
  getRenderedGridCount: () => number
  getGridsInViewCount: () => number
  getGridScreenPoint: (id: number) => { x: number; y: number } | null
  pickGridAt: (x: number, y: number) => (Partial<GridProps> & { id: number }) | null
  tilesLoaded: () => boolean
  getSelection: () => Selection
  select: (selection: Selection) => void
  getOutlined: () => { type: string; name: string | null } | null
  getLanguage: () => Language
  projectLngLat: (lng: number, lat: number) => { x: number; y: number } | null
  readonly editor: EditorTestHooks | null
  readonly coverage?: CoverageTestHooks
}

declare global {
  interface Window {
    __wangge?: WanggeTestHooks
  }
}

function containerOffset(map: MapLibreMap): { left: number; top: number } {
  const rect = map.getContainer().getBoundingClientRect()
  return { left: rect.left, top: rect.top }
}

/** Distinct grids with at least one visible pixel: deck.gl picking over the whole canvas. */
export function countRenderedGrids(map: MapLibreMap | null, overlay: MapboxOverlay | null): number {
  if (!map || !overlay) return 0
  const canvas = map.getCanvas()
  const picked = overlay.pickObjects({
    x: 0,
    y: 0,
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    layerIds: [LAYER_IDS.grids],
  })
  return new Set(picked.map((info) => tileFeatureProperties(info.object)?.id)).size
}

/** The hooks object for window.__wangge: always the app's current objects (probe.ts). */
export function mapHooks(): WanggeTestHooks {
  return {
    get map() {
      return probe.map.map
    },
    get overlay() {
      return probe.map.overlay
    },
    ready: probe.mapReady.promise,
    getRenderedGridCount: () => countRenderedGrids(probe.map.map, probe.map.overlay),
    getGridsInViewCount() {
      const { map, grids } = probe.map
      if (!map) return 0
      const bounds = map.getBounds()
      const view: [number, number, number, number] = [
        bounds.getWest(),
        bounds.getSouth(),
        bounds.getEast(),
        bounds.getNorth(),
      ]
      return grids.filter((g) => bboxesIntersect(g.properties.bbox, view)).length
    },
    getGridScreenPoint(id) {
      const { map, grids } = probe.map
      const grid = grids.find((g) => g.properties.id === id)
      if (!map || !grid) return null
      const point = map.project(grid.properties.labelPoint)
      const offset = containerOffset(map)
      return { x: point.x + offset.left, y: point.y + offset.top }
    },
    pickGridAt(x, y) {
      const { map, overlay } = probe.map
      if (!map || !overlay) return null
      const offset = containerOffset(map)
      const info = overlay.pickObject({ x: x - offset.left, y: y - offset.top, layerIds: [LAYER_IDS.grids] })
      return tileFeatureProperties<Partial<GridProps>>(info?.object)
    },
    tilesLoaded() {
      const { overlay } = probe.map
      // biome-ignore lint/suspicious/noExplicitAny: deck's layer manager is not in the overlay's public types
      const deck = (overlay as any)?._deck
      const layers: { id: string; isLoaded: boolean; props: { data: unknown } }[] = deck?.props?.layers ?? []
      return deck !== undefined && layers.every((layer) => layer.isLoaded)
    },
    getSelection: () => probe.map.selection,
    select: (selection) => probe.map.select(selection),
    getOutlined() {
      const f = probe.map.outlined
      if (!f) return null
      return { type: f.geometry.type, name: (f.properties as { name?: string } | null)?.name ?? null }
    },
    getLanguage: () => probe.map.language,
    projectLngLat(lng, lat) {
      const { map } = probe.map
      if (!map) return null
      const point = map.project([lng, lat])
      const offset = containerOffset(map)
      return { x: point.x + offset.left, y: point.y + offset.top }
    },
    get editor() {
      return probe.map.editor ?? null
    },
    get coverage() {
      return probe.coverage ? coverageHooks(probe.coverage) : undefined
    },
  }
}
