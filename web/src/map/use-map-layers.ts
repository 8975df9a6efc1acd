// Memoises the label data and the layer stack so deck.gl only sees new objects when inputs change.
import { useMemo } from 'react'
import type { FacilityType, GridSummary } from '../../../core/api'
import { useI18n } from '../i18n/i18n-provider'
import { buildLayers, type LayerToggles, type MapLayersInput } from './layers/build-layers'
import { type FacilityFeature, filterFacilitiesByType } from './layers/facility-layers'
import { gridLabels } from './layers/grid-labels'
import { labelsFromFeatures } from './layers/label-layer'
import type { OutlinedFeature } from './layers/selection-layer'
import type { TileRevision } from './layers/tile-layer'
import type { ThemeName } from './map-theme'

/** What the base map draws besides its tiles (the district page's data has these members). */
export interface MapLayerData {
  streets: MapLayersInput['streets']
  /** community rows with a name, households and a label point (for the labels) */
  communities: Parameters<typeof labelsFromFeatures>[0]
  grids: { properties: Pick<GridSummary, 'code' | 'name' | 'labelPoint'> }[]
  index: { facilityTypes: ReadonlyMap<string, FacilityType> }
  band: { tolerance: number }
}

export interface MapLayerOptions {
  toggles: LayerToggles
  visibleTypes: ReadonlySet<string> | null
  zoom: number
  selected: OutlinedFeature | null
  theme: ThemeName
  revision: TileRevision
  /** whole facilities, for the service radius only (empty while it is off) */
  facilities: FacilityFeature[]
}

export function useMapLayers(data: MapLayerData, options: MapLayerOptions) {
  const { toggles, zoom, selected, theme, revision, visibleTypes } = options
  const { tolerance } = data.band
  const facilityTypes = data.index.facilityTypes
  const streetLabels = useMemo(() => labelsFromFeatures(data.streets), [data.streets])
  const communityLabels = useMemo(() => labelsFromFeatures(data.communities), [data.communities])
  const { t } = useI18n()
  const gridLabelData = useMemo(() => gridLabels(data.grids, (n) => t('map.gridLabel', { n })), [data.grids, t])
  const facilities = useMemo(
    () => filterFacilitiesByType(options.facilities, visibleTypes),
    [options.facilities, visibleTypes],
  )
  return useMemo(
    () =>
      buildLayers({
        streets: data.streets,
        facilities,
        facilityTypes,
        visibleTypes,
        revision,
        streetLabels,
        communityLabels,
        gridLabels: gridLabelData,
        selected,
        toggles,
        zoom,
        tolerance,
        theme,
      }),
    [
      data.streets,
      facilities,
      facilityTypes,
      visibleTypes,
      revision,
      streetLabels,
      communityLabels,
      gridLabelData,
      selected,
      toggles,
      zoom,
      tolerance,
      theme,
    ],
  )
}
