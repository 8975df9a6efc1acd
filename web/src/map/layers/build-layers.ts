// The whole deck.gl layer stack, bottom to top, from plain data and view options. Pure: React
// (use-map-layers) only memoises the inputs; tests call it directly. Grids, communities, units
// and facilities are tile layers (their data is a URL); streets, labels and the outline are data.
import type { Layer } from '@deck.gl/core'
import type { FacilityType, Feature, StreetProps } from '../../../../core/api'
import { MAP_THEMES, type ThemeName } from '../map-theme'
import { zoomVisibility } from '../zoom-bands'
import { createCommunityTileLayers, createStreetLayers, createUnitLayer } from './boundary-layers'
import { createFacilityLayer, createServiceRadiusLayer, type FacilityFeature } from './facility-layers'
import { createGridLayer, SEE_THROUGH_GRID_ALPHA } from './grid-layer'
import { createLabelLayer, type LabelDatum } from './label-layer'
import { LAYER_IDS } from './layer-ids'
import { createSelectionLayers, type OutlinedFeature } from './selection-layer'
import type { TileRevision } from './tile-layer'

export interface LayerToggles {
  streets: boolean
  communities: boolean
  grids: boolean
  labels: boolean
  facilities: boolean
  serviceRadius: boolean
}

export const DEFAULT_LAYER_TOGGLES: LayerToggles = {
  streets: true,
  communities: true,
  grids: true,
  labels: true,
  facilities: false,
  serviceRadius: false,
}

export interface MapLayersInput {
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  /** whole facilities for their service radius (already filtered by type; empty unless the radius is shown) */
  facilities: FacilityFeature[]
  facilityTypes: ReadonlyMap<string, FacilityType>
  /** the facility types shown (null: all) */
  visibleTypes: ReadonlySet<string> | null
  /** the data revision the tiles are fetched at (bumped by change events) */
  revision: TileRevision
  streetLabels: LabelDatum[]
  communityLabels: LabelDatum[]
  gridLabels: LabelDatum[]
  selected: OutlinedFeature | null
  toggles: LayerToggles
  zoom: number
  tolerance: number
  theme: ThemeName
}

export function buildLayers(input: MapLayersInput): Layer[] {
  const theme = MAP_THEMES[input.theme]
  const { toggles } = input
  const zoomed = zoomVisibility(input.zoom)
  const communitiesShown = toggles.communities && zoomed.communityBoundaries
  // picking takes the topmost pickable object: grids, else communities, else streets
  const streets = createStreetLayers(input.streets, {
    theme,
    visible: toggles.streets,
    pickable: !toggles.grids && !communitiesShown,
  })
  const { revision } = input
  const communities = createCommunityTileLayers({
    theme,
    visible: communitiesShown,
    pickable: !toggles.grids,
    revision,
  })
  const layers: (Layer | null)[] = [
    streets.fill,
    communities.fill,
    createGridLayer({
      theme,
      tolerance: input.tolerance,
      visible: toggles.grids,
      outlines: zoomed.gridOutlines,
      fillAlpha: zoomed.buildings ? SEE_THROUGH_GRID_ALPHA : undefined,
      revision,
    }),
    createUnitLayer({ theme, visible: toggles.grids && zoomed.unitOutlines, revision }),
    communities.line,
    streets.line,
    ...createSelectionLayers(input.selected, { theme }),
    createServiceRadiusLayer(input.facilities, {
      types: input.facilityTypes,
      visible: toggles.facilities && toggles.serviceRadius,
    }),
    createFacilityLayer({
      types: input.facilityTypes,
      visible: toggles.facilities,
      visibleTypes: input.visibleTypes,
      revision,
    }),
    createLabelLayer(input.gridLabels, {
      id: LAYER_IDS.gridLabels,
      theme,
      visible: toggles.labels && toggles.grids && zoomed.gridLabels,
      sizePx: 12,
      fontWeight: 400,
    }),
    createLabelLayer(input.communityLabels, {
      id: LAYER_IDS.communityLabels,
      theme,
      visible: toggles.labels && zoomed.communityLabels,
      sizePx: 13,
      fontWeight: 500,
    }),
    createLabelLayer(input.streetLabels, {
      id: LAYER_IDS.streetLabels,
      theme,
      visible: toggles.labels && zoomed.streetLabels,
      sizePx: 15,
      fontWeight: 600,
    }),
  ]
  // a tile layer not drawn is left out altogether: hidden, it would still fetch its tiles
  return layers.filter((layer): layer is Layer => layer !== null)
}
