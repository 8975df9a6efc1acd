// What the district map page keeps whole, loaded once, with lookup tables: the 26 streets, and the
// figures of every grid and community without their geometry (small JSON: lists, panels, labels).
// The shapes of grids, communities, units and facilities are drawn from vector tiles (ADR 27).
// Each resource keeps its own loading/error state so one failure does not blank the others.
import { useMemo } from 'react'
import type { CommunitySummary, FacilityType, GridSummary, StreetProps } from '../../../../core/api'
import { useCommunitySummaries } from '../communities/use-communities'
import { useFacilityTypes } from '../facilities/use-facilities'
import { useGridSummaries } from '../grids/use-grids'
import { useNorms } from '../settings/use-norms'
import { useStreets } from '../streets/use-streets'
import { indexFeatures } from './feature-index'

/** A row of a summary list in the shape of a feature without geometry (`properties` only). */
export interface Summarised<P> {
  properties: P
}

const asRows = <P>(list: P[] | undefined): Summarised<P>[] => (list ?? []).map((properties) => ({ properties }))

export function useDistrictData() {
  const streets = useStreets()
  const communities = useCommunitySummaries()
  const grids = useGridSummaries()
  const facilityTypes = useFacilityTypes()
  const { norms, band, settings } = useNorms()

  const streetList = useMemo(() => streets.data?.features ?? [], [streets.data])
  const communityList = useMemo(() => asRows(communities.data?.communities), [communities.data])
  const gridList = useMemo(() => asRows(grids.data?.grids), [grids.data])
  const typeList = useMemo(() => facilityTypes.data ?? [], [facilityTypes.data])

  const index = useMemo(
    () => ({
      streets: indexFeatures(streetList, (p: StreetProps) => p.code),
      communities: indexFeatures(communityList, (p: CommunitySummary) => p.code),
      grids: indexFeatures(gridList, (p: GridSummary) => p.id),
      facilityTypes: new Map<string, FacilityType>(typeList.map((ft) => [ft.code, ft])),
    }),
    [streetList, communityList, gridList, typeList],
  )

  return {
    resources: { streets, communities, grids, facilityTypes, settings },
    streets: streetList,
    communities: communityList,
    grids: gridList,
    facilityTypes: typeList,
    norms,
    band,
    index,
  }
}

export type DistrictData = ReturnType<typeof useDistrictData>
