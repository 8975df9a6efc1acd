// The heavy layers (grids, communities, units, facilities, coverage gaps) are drawn from the
// server's vector tiles by deck.gl's MVTLayer (ADR 27): the same GeoJsonLayer styling, picking and
// hover as whole GeoJSON, but only the tiles in view are fetched, at the detail of the zoom.
import { MVTLayer, type MVTLayerProps } from '@deck.gl/geo-layers'
import { MVTLoader } from '@loaders.gl/mvt'
import { type GapTileQuery, type TileLayerName, tileUrlTemplate } from '../../../../core/api'
import { DISTRICT_BOUNDS } from '../district-view'

/** The deepest tiles fetched; closer zooms draw these over-zoomed (grids and units are simple polygons). */
export const TILE_MAX_ZOOM = 16

/**
 * The data revision the map has seen (a counter bumped by change events). A new value makes
 * the layer fetch its tiles again; the browser revalidates each by its ETag, so the tiles an
 * edit did not touch come back as 304 (no body) and only the touched ones are transferred.
 */
export type TileRevision = number

/** The tile URL template of a layer on this origin (the coverage gaps take their subject). */
export function tileUrl(layer: TileLayerName, gaps?: GapTileQuery): string {
  const origin = typeof window === 'undefined' ? '' : window.location.origin
  return `${origin}${tileUrlTemplate(layer, gaps)}`
}

/** A picked or drawn tile feature: its properties, with the MVT feature id as `id` where the tile keeps it apart. */
export function tileFeatureProperties<P>(object: unknown): (P & { id: number }) | null {
  const feature = object as { id?: number | string; properties?: Record<string, unknown> } | null
  if (!feature?.properties) return null
  const id = feature.properties.id ?? feature.id
  return { ...feature.properties, id: typeof id === 'string' ? Number(id) : id } as P & { id: number }
}

// one object each, so a layer made anew (every zoom band, selection or theme change) compares equal
const MVT_LOADERS = [MVTLoader]
const LOAD_OPTIONS = { core: { worker: false } }

type TileLayerOptions<P> = Omit<MVTLayerProps<P>, 'data'> & {
  /** props of layer extensions (e.g. DataFilterExtension's getFilterValue, filterRange) */
  [extensionProp: `${'getFilter' | 'filter'}${string}`]: unknown
  layer: TileLayerName
  gaps?: GapTileQuery
  revision: TileRevision
}

/** An MVTLayer over one of our tiled layers: tiles inside the district only, parsed on the main thread (no worker fetched from a CDN). */
export function createTileLayer<P = Record<string, unknown>>({
  layer,
  gaps,
  revision,
  updateTriggers,
  ...props
}: TileLayerOptions<P>) {
  return new MVTLayer<P>({
    data: tileUrl(layer, gaps),
    minZoom: 0,
    maxZoom: TILE_MAX_ZOOM,
    extent: DISTRICT_BOUNDS,
    binary: true,
    // MVTLayer's default loader parses in a worker only; this one parses here
    loaders: MVT_LOADERS,
    loadOptions: LOAD_OPTIONS,
    // keep the tiles of the previous zoom on screen until the new ones arrive (no blank frame)
    refinementStrategy: 'best-available',
    ...props,
    updateTriggers: { ...updateTriggers, getTileData: revision },
  })
}
