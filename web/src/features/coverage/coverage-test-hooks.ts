// Coverage-mode test hooks on `window.__wangge.coverage` (beside the map's, see map/test-hooks.ts):
//   getState()                  {typeCode, scenario, districtShare, unserved, gapAggregate, gapPoints,
//                                gapHexagons, gapUnservedHouseholds, facilities, revision}
//   getCommunityShare(code)     the share shown for a community (0..1), or null
//   getFacilityScreenPoint(id)  {x, y} page pixels of a facility of the chosen type, or null
import type { CoverageModeState } from './use-coverage'

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
}

declare module '../../map/test-hooks' {
  interface WanggeTestHooks {
    coverage?: CoverageTestHooks
  }
}

/** Points the hooks at the current coverage state (call on every render of the mode). */
export function updateCoverageTestHooks(
  state: CoverageModeState,
  project: (lngLat: [number, number]) => { x: number; y: number } | null,
): void {
  const hooks = window.__wangge
  if (!hooks) return
  hooks.coverage = {
    getState: () => ({
      typeCode: state.typeCode,
      scenario: state.scenario,
      districtShare: state.summary?.totals.share ?? null,
      unserved: state.summary?.totals.unserved ?? null,
      gapAggregate: state.gaps?.aggregate ?? null,
      gapPoints: state.gaps?.points.buildingId.length ?? 0,
      gapHexagons: state.gaps?.hexagons.length ?? 0,
      gapUnservedHouseholds: state.gaps?.unservedHouseholds ?? null,
      facilities: state.facilities.length,
      loading: state.loading,
    }),
    getCommunityShare: (code) => state.communityShares.get(code)?.share ?? null,
    getFacilityScreenPoint: (id) => {
      const f = state.facilityById.get(id)
      return f ? project(f.geometry.coordinates as [number, number]) : null
    },
  }
}
