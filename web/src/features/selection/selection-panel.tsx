// The side panel for whatever is selected, or nothing.
import { CommunityPanel } from '../communities/community-panel'
import type { DistrictData } from '../district/use-district-data'
import { FacilityPanel } from '../facilities/facility-panel'
import { GridPanel } from '../grids/grid-panel'
import { StreetPanel } from '../streets/street-panel'
import type { Selection } from './selection'

export interface SelectionPanelProps {
  selection: Selection
  index: DistrictData['index']
  onSelect: (selection: Selection) => void
}

export function SelectionPanel({ selection, index, onSelect }: SelectionPanelProps) {
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
      const facility = index.facilities.get(selection.id)
      if (!facility) return null
      const type = index.facilityTypes.get(facility.properties.typeCode) ?? null
      return <FacilityPanel facility={facility.properties} type={type} onClose={close} />
    }
  }
}

/** The polygon to outline for a selection (facilities are points: none). */
export function selectedOutline(
  selection: Selection,
  index: DistrictData['index'],
): GeoJSON.Feature<GeoJSON.MultiPolygon> | null {
  if (selection === null) return null
  const feature =
    selection.kind === 'grid'
      ? index.grids.get(selection.id)
      : selection.kind === 'community'
        ? index.communities.get(selection.code)
        : selection.kind === 'street'
          ? index.streets.get(selection.code)
          : undefined
  return feature ?? null
}
