// Test builds only: the coverage mode's hooks on `window.__wangge.coverage` (beside the map's, see
// map-hooks.ts), from the state the mode last recorded in probe.ts:
//   getState()                  {typeCode, scenario, districtShare, unserved, gapAggregate, gapPoints,
//                                gapHexagons, gapUnservedHouseholds, facilities, loading}
//   getCommunityShare(code)     the share shown for a community (0..1), or null
//   getFacilityScreenPoint(id)  {x, y} page pixels of a facility of the chosen type, or null
//   getWalk()                   {method, isochrones: [{minutes, areaM2, origin}], barrierHouseholds}
import type { CoverageSources } from './probe'

export interface CoverageTestHooks {
  getState: () => {
    typeCode: string
    scenario: string
    districtShare: number | null
    unserved: number | null
    gapAggregate: string | null
    gapPoints: number
    gapHexagons: number
    gapUnservedHouseholds: number | null
    facilities: number
    loading: boolean
  }
  getCommunityShare: (code: string) => number | null
  getFacilityScreenPoint: (id: number) => { x: number; y: number } | null
  getWalk: () => {
    method: string | null
    isochrones: { minutes: number; areaM2: number }[]
    isochroneOrigin: [number, number] | null
    barrierHouseholds: number | null
  }
}

export function coverageHooks({ state, project, walk }: CoverageSources): CoverageTestHooks {
  const { figures } = state
  return {
    getState: () => ({
      typeCode: state.typeCode,
      scenario: state.scenario,
      districtShare: figures.summary?.totals.share ?? null,
      unserved: figures.summary?.totals.unserved ?? null,
      gapAggregate: figures.gaps?.aggregate ?? null,
      gapPoints: figures.gaps?.points.buildingId.length ?? 0,
      gapHexagons: figures.gaps?.hexagons.length ?? 0,
      gapUnservedHouseholds: figures.gaps?.unservedHouseholds ?? null,
      facilities: figures.facilities.length,
      loading: figures.loading,
    }),
    getCommunityShare: (code) => figures.communityShares.get(code)?.share ?? null,
    getWalk: () => ({
      method: figures.summary?.method ?? null,
      isochrones: (walk?.isochrones?.features ?? []).map((f) => ({
        minutes: f.properties.minutes,
        areaM2: f.properties.areaM2,
      })),
      isochroneOrigin: walk?.isochrones?.origin.lngLat ?? null,
      barrierHouseholds: walk?.barrier?.totals.barrierHouseholds ?? null,
    }),
    getFacilityScreenPoint: (id) => {
      const f = figures.facilityById.get(id)
      return f ? project(f.geometry.coordinates as [number, number]) : null
    },
  }
}
