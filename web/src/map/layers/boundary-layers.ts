// Street and community boundaries: a near-transparent pickable fill (so a click selects the area
// when the layers above are hidden) and an outline. The 26 streets are held whole; communities
// and units come from their tiles.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { CommunityProps, Feature, StreetProps } from '../../../../core/api'
import type { MapTheme } from '../map-theme'
import { LAYER_IDS } from './layer-ids'
import { createTileLayer, type TileRevision } from './tile-layer'

type Area<P> = Feature<P, GeoJSON.MultiPolygon>

export interface BoundaryLayerOptions {
  theme: MapTheme
  visible: boolean
  /** whether clicks and hovers reach this layer */
  pickable: boolean
  lineWidthPx?: number
}

/** Drawn apart so the fills sit under the grids and the lines above them. */
export interface BoundaryLayers {
  fill: Layer
  line: Layer
}

// alpha 1/255: invisible, but drawn, so picking sees it
const PICK_FILL: [number, number, number, number] = [0, 0, 0, 1]

function boundaryLayers<P extends GeoJSON.GeoJsonProperties>(
  ids: { fill: string; line: string },
  features: Area<P>[],
  lineColour: MapTheme['streetLine'],
  options: BoundaryLayerOptions,
): BoundaryLayers {
  return {
    fill: new GeoJsonLayer<P>({
      id: ids.fill,
      data: features,
      visible: options.visible && options.pickable,
      filled: true,
      stroked: false,
      getFillColor: PICK_FILL,
      pickable: options.pickable,
    }),
    line: new GeoJsonLayer<P>({
      id: ids.line,
      data: features,
      visible: options.visible,
      filled: false,
      stroked: true,
      getLineColor: lineColour,
      lineWidthUnits: 'pixels',
      getLineWidth: options.lineWidthPx ?? 1,
      pickable: false,
    }),
  }
}

/** Pickable fill and outline for the streets (街道/镇/功能区). */
export function createStreetLayers(streets: Area<StreetProps>[], options: BoundaryLayerOptions): BoundaryLayers {
  return boundaryLayers(
    { fill: LAYER_IDS.streetsFill, line: LAYER_IDS.streetsLine },
    streets,
    options.theme.streetLine,
    { lineWidthPx: 2, ...options },
  )
}

/** Pickable fill and outline for whole communities (社区/村) in memory (the wall, equity and import pages). */
export function createCommunityLayers(
  communities: Area<CommunityProps>[],
  options: BoundaryLayerOptions,
): BoundaryLayers {
  return boundaryLayers(
    { fill: LAYER_IDS.communitiesFill, line: LAYER_IDS.communitiesLine },
    communities,
    options.theme.communityLine,
    { lineWidthPx: 1, ...options },
  )
}

/** The same from the community tiles (the district map); null for a layer not drawn. */
export function createCommunityTileLayers(options: BoundaryLayerOptions & { revision: TileRevision }): {
  fill: Layer | null
  line: Layer | null
} {
  const common = { layer: 'communities' as const, revision: options.revision }
  return {
    // the invisible pick fill is only made when it can be picked (a tile layer still fetches when hidden)
    fill:
      options.visible && options.pickable
        ? createTileLayer({
            ...common,
            id: LAYER_IDS.communitiesFill,
            filled: true,
            stroked: false,
            getFillColor: PICK_FILL,
            pickable: true,
          })
        : null,
    line: options.visible
      ? createTileLayer({
          ...common,
          id: LAYER_IDS.communitiesLine,
          filled: false,
          stroked: true,
          getLineColor: options.theme.communityLine,
          lineWidthUnits: 'pixels',
          getLineWidth: options.lineWidthPx ?? 1,
          pickable: false,
        })
      : null,
  }
}

/** Unit (小区/楼院/村民小组) outlines at street zoom, from the unit tiles: thin, under the grid edges, not pickable. */
export function createUnitLayer(options: { theme: MapTheme; visible: boolean; revision: TileRevision }): Layer | null {
  if (!options.visible) return null
  return createTileLayer({
    layer: 'units',
    revision: options.revision,
    id: LAYER_IDS.units,
    filled: false,
    stroked: true,
    getLineColor: options.theme.unitLine,
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: false,
  })
}
