// The side panel for whatever is selected, or nothing.

import type { FacilityProps } from '../../../../core/api'
import type { OutlinedFeature } from '../../map/layers/selection-layer'
import { CommunityPanel } from '../communities/community-panel'
import type { DistrictData } from '../district/use-district-data'
import { FacilityPanel } from '../facilities/facility-panel'
import { GridPanel } from '../grids/grid-panel'
import { StreetPanel } from '../streets/street-panel'
import type { Selection } from './selection'

export interface SelectionPanelProps {
  selection: Selection
  index: DistrictData['index']
  /** the selected feature fetched whole (a facility's figures come from it) */
  feature: OutlinedFeature | null
  onSelect: (selection: Selection) => void
}

export function SelectionPanel({ selection, index, feature, onSelect }: SelectionPanelProps) {
  const close = () => onSelect(null)
  if (selection === null) return null
  switch (selection.kind) {
    case 'grid': {
      const grid = index.grids.get(selection.id)
      if (!grid) return null
      return (
        <GridPanel
          grid={grid.properties}
          community={index.communities.get(grid.properties.communityCode)?.properties ?? null}
          onOpenCommunity={(code) => onSelect({ kind: 'community', code })}
          onClose={close}
        />
      )
    }
    case 'community': {
      const community = index.communities.get(selection.code)
      return community ? <CommunityPanel community={community.properties} onClose={close} /> : null
    }
    case 'street': {
      const street = index.streets.get(selection.code)
      return street ? <StreetPanel street={street.properties} onClose={close} /> : null
    }
    case 'facility': {
      const facility = feature?.geometry.type === 'Point' ? (feature.properties as FacilityProps) : null
      if (!facility || facility.id !== selection.id) return null
      const type = index.facilityTypes.get(facility.typeCode) ?? null
      return <FacilityPanel facility={facility} type={type} onClose={close} />
    }
  }
}

/** The polygon to outline for a selection: the selected feature fetched whole (facilities are points: none). */
export function selectedOutline(selection: Selection, feature: OutlinedFeature | null): OutlinedFeature | null {
  if (selection === null || selection.kind === 'facility' || !feature) return null
  return feature.geometry.type === 'Point' ? null : feature
}
