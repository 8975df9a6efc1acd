// Memoises the label data and the layer stack so deck.gl only sees new objects when inputs change.
import { useMemo } from 'react'
import { useI18n } from '../i18n/i18n-provider'
import { buildLayers, type LayerToggles, type MapLayersInput } from './layers/build-layers'
import { filterFacilitiesByType } from './layers/facility-layers'
import { gridLabels } from './layers/grid-labels'
import { labelsFromFeatures } from './layers/label-layer'
import type { OutlinedFeature } from './layers/selection-layer'
import type { ThemeName } from './map-theme'

/** What the base map draws (the district page's data has these members). */
export interface MapLayerData {
  streets: MapLayersInput['streets']
  communities: MapLayersInput['communities']
  grids: MapLayersInput['grids']
  facilities: MapLayersInput['facilities']
  index: { facilityTypes: MapLayersInput['facilityTypes'] }
  band: { tolerance: number }
}

export interface MapLayerOptions {
  toggles: LayerToggles
  visibleTypes: ReadonlySet<string> | null
  zoom: number
  selected: OutlinedFeature | null
  theme: ThemeName
}

export function useMapLayers(data: MapLayerData, options: MapLayerOptions) {
  const { toggles, zoom, selected, theme } = options
  const { tolerance } = data.band
  const facilityTypes = data.index.facilityTypes
  const streetLabels = useMemo(() => labelsFromFeatures(data.streets), [data.streets])
  const communityLabels = useMemo(() => labelsFromFeatures(data.communities), [data.communities])
  const { t } = useI18n()
  const gridLabelData = useMemo(() => gridLabels(data.grids, (n) => t('map.gridLabel', { n })), [data.grids, t])
  const facilities = useMemo(
    () => filterFacilitiesByType(data.facilities, options.visibleTypes),
    [data.facilities, options.visibleTypes],
  )
  return useMemo(
    () =>
      buildLayers({
        streets: data.streets,
        communities: data.communities,
        grids: data.grids,
        facilities,
        facilityTypes,
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
      data.communities,
      data.grids,
      facilities,
      facilityTypes,
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
