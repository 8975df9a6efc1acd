// Everything the district map shows, loaded once, with lookup tables. Each resource keeps its own
// loading/error state so one failure does not blank the others.
import { useMemo } from 'react'
import type { CommunityProps, FacilityProps, FacilityType, GridProps, StreetProps } from '../../../../core/api'
import { useCommunities } from '../communities/use-communities'
import { useFacilities, useFacilityTypes } from '../facilities/use-facilities'
import { useGrids } from '../grids/use-grids'
import { useNorms } from '../settings/use-norms'
import { useStreets } from '../streets/use-streets'
import { indexFeatures } from './feature-index'

export function useDistrictData() {
  const streets = useStreets()
  const communities = useCommunities()
  const grids = useGrids()
  const facilities = useFacilities()
  const facilityTypes = useFacilityTypes()
  const { norms, band, settings } = useNorms()

  const streetList = useMemo(() => streets.data?.features ?? [], [streets.data])
  const communityList = useMemo(() => communities.data?.features ?? [], [communities.data])
  const gridList = useMemo(() => grids.data?.features ?? [], [grids.data])
  const facilityList = useMemo(() => facilities.data?.features ?? [], [facilities.data])
  const typeList = useMemo(() => facilityTypes.data ?? [], [facilityTypes.data])

  const index = useMemo(
    () => ({
      streets: indexFeatures(streetList, (p: StreetProps) => p.code),
      communities: indexFeatures(communityList, (p: CommunityProps) => p.code),
      grids: indexFeatures(gridList, (p: GridProps) => p.id),
      facilities: indexFeatures(facilityList, (p: FacilityProps) => p.id),
      facilityTypes: new Map<string, FacilityType>(typeList.map((ft) => [ft.code, ft])),
    }),
    [streetList, communityList, gridList, facilityList, typeList],
  )

  return {
    resources: { streets, communities, grids, facilities, facilityTypes, settings },
    streets: streetList,
    communities: communityList,
    grids: gridList,
    facilities: facilityList,
    facilityTypes: typeList,
    norms,
    band,
    index,
  }
}

export type DistrictData = ReturnType<typeof useDistrictData>
