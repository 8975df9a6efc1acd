// The whole deck.gl layer stack, bottom to top, from plain data and view options. Pure: React
// (use-map-layers) only memoises the inputs; tests call it directly.
import type { Layer } from '@deck.gl/core'
import type { CommunityProps, FacilityType, Feature, StreetProps } from '../../../../core/api'
import { MAP_THEMES, type ThemeName } from '../map-theme'
import { zoomVisibility } from '../zoom-bands'
import { createCommunityLayers, createStreetLayers } from './boundary-layers'
import { createFacilityLayer, createServiceRadiusLayer, type FacilityFeature } from './facility-layers'
import { createGridLayer, type GridFeature, SEE_THROUGH_GRID_ALPHA } from './grid-layer'
import { createLabelLayer, type LabelDatum } from './label-layer'
import { LAYER_IDS } from './layer-ids'
import { createSelectionLayers, type OutlinedFeature } from './selection-layer'

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
  communities: Feature<CommunityProps, GeoJSON.MultiPolygon>[]
  grids: GridFeature[]
  /** already filtered by the type filter */
  facilities: FacilityFeature[]
  facilityTypes: ReadonlyMap<string, FacilityType>
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
  const communities = createCommunityLayers(input.communities, {
    theme,
    visible: communitiesShown,
    pickable: !toggles.grids,
  })
  return [
    streets.fill,
    communities.fill,
    createGridLayer(input.grids, {
      theme,
      tolerance: input.tolerance,
      visible: toggles.grids,
      outlines: zoomed.gridOutlines,
      fillAlpha: zoomed.buildings ? SEE_THROUGH_GRID_ALPHA : undefined,
    }),
    communities.line,
    streets.line,
    ...createSelectionLayers(input.selected, { theme }),
    createServiceRadiusLayer(input.facilities, {
      types: input.facilityTypes,
      visible: toggles.facilities && toggles.serviceRadius,
    }),
    createFacilityLayer(input.facilities, { types: input.facilityTypes, visible: toggles.facilities }),
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
}
