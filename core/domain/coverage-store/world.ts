// The plain rows the coverage store is built from (one read of PostGIS, or the demo generator):
// buildings in community order (each community's buildings are one contiguous slice, so the
// per-community figures run on zero-copy views), the small tables, and the norms.
import type { WalkNetwork } from '../../network'
import type { CommunityKind, IndicatorSettings } from '../equity'

export interface StoreCommunity {
  code: string
  name: string
  streetCode: string
  streetName: string
  kind: CommunityKind
  households: number
  residents: number
  workers: number
  labelPoint: [number, number] | null
}

/** Buildings as columns, community by community (communities in `StoreWorld.communities` order). */
export interface StoreBuildings {
  id: Int32Array
  lng: Float64Array
  lat: Float64Array
  households: Float64Array
  residents: Float64Array
  unitId: Int32Array
  gridId: Int32Array // 0 when the unit has no grid
  community: Int32Array // index into communities
}

export interface StoreFacilityType {
  code: string
  nameZh: string
  nameEn: string
  service: string
  tier: string
  defaultRadiusM: number
  minActivityShare: number | null
  floorAreaM2Per100Households: number | null
}

export interface StoreFacility {
  id: number
  typeCode: string
  status: 'existing' | 'planned' | 'retired'
  lng: number
  lat: number
  radiusM: number | null
  floorAreaM2: number | null
  activityAreaM2: number | null
  capacity: number | null
  communityCode: string | null
}

export interface StoreGrid {
  id: number
  code: string
  name: string
  communityCode: string
  streetCode: string
  households: number
  labelPoint: [number, number] | null
}

export interface StoreWorld {
  district: { code: string; name: string }
  streets: { code: string; name: string }[]
  /** in code order */
  communities: StoreCommunity[]
  units: { id: number; name: string; communityCode: string }[]
  /** current grids in id order */
  grids: StoreGrid[]
  buildings: StoreBuildings
  /** in display order */
  types: StoreFacilityType[]
  /** every facility, retired ones too (they count in no scenario) */
  facilities: StoreFacility[]
  settings: IndicatorSettings
  /** settings 'facility.tier_radius_m' ({tier: [min, max]}) when a deployment sets it */
  tierRadiusRange?: Record<string, [number, number]>
  /** the walk network (步行网络), when the district has one: coverage is then also walked (ADR 22) */
  network?: WalkNetwork | null
}

/** Community start offsets into the building arrays (length communities + 1); checks the order. */
export function communityRanges(community: Int32Array, communityCount: number): Int32Array {
  const start = new Int32Array(communityCount + 1)
  for (let b = 0; b < community.length; b++) {
    const c = community[b]
    if (c < 0 || c >= communityCount) throw new RangeError(`building ${b} has community index ${c}`)
    if (b > 0 && c < community[b - 1]) throw new RangeError(`buildings are not in community order at ${b}`)
    start[c + 1]++
  }
  for (let c = 0; c < communityCount; c++) start[c + 1] += start[c]
  return start
}

/** Building indices sorted by building id (the order the API lists buildings in). */
export function idOrder(id: Int32Array): Int32Array {
  const order = Int32Array.from({ length: id.length }, (_, i) => i)
  order.sort((a, b) => id[a] - id[b])
  return order
}
