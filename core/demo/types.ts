// The demo world as plain records: what core/demo/generate-demo-world.ts returns and what
// scripts/seed writes to the database. Coordinates are [lng, lat] in EPSG:4326.
import type { MultiPolygon } from 'geojson'
import type { WalkBarrier, WalkNetwork } from '../network/types'

export type StreetKind = 'subdistrict' | 'town' | 'zone' // 街道 | 镇 | 功能区
export type CommunityKind = 'urban' | 'rural' // 社区 | 村
export type UnitKind = 'compound' | 'courtyard' | 'village_group' // 住宅小区 | 楼院 | 村民小组
export type BuildingKind = 'highrise' | 'midrise' | 'lowrise' | 'farmhouse'
export type FacilityStatus = 'existing' | 'planned' | 'retired'

export interface DemoDistrict {
  code: string // 6 digits, 120116
  name: string
  geom: MultiPolygon
}

export type DemoRegion = 'binhai' | 'tianjin'
export const DEMO_REGIONS: readonly DemoRegion[] = ['binhai', 'tianjin']

export interface DemoStreet {
  code: string // 9-digit NBS code
  name: string
  kind: StreetKind
  geom: MultiPolygon
  districtCode?: string // the city world's: its district (Binhai's world: absent, all are `district`'s)
}

export interface DemoCommunity {
  code: string // 12-digit NBS code
  streetCode: string
  name: string
  kind: CommunityKind
  households: number // = sum of its units' households
  residents: number // = sum of its units' residents
  workers: number // 社区工作者
  geom: MultiPolygon
}

export interface DemoUnit {
  code: string // community code + 3-digit sequence (15 digits)
  communityCode: string
  streetCode: string
  name: string
  kind: UnitKind
  households: number // = sum of its buildings' households
  residents: number
  gridCode: string // the 15-digit code of the initial grid it belongs to
  geom: MultiPolygon
}

export interface DemoBuilding {
  unitCode: string
  kind: BuildingKind
  floors: number
  households: number
  residents: number
  lng: number
  lat: number
}

export interface DemoGrid {
  code: string // 15 digits: community code (12) + 3-digit sequence, west→east, north→south
  communityCode: string
  streetCode: string
  name: string
}

export interface DemoFacility {
  typeCode: string // a facility_types.code (migrations/0002_standards.sql)
  name: string
  streetCode: string
  communityCode: string | null
  status: FacilityStatus
  floorAreaM2: number | null
  activityAreaM2: number | null
  capacity: number | null
  radiusM: number | null // null = the type's default radius
  lng: number
  lat: number
}

export interface DemoWorld {
  seed: number
  scale: number
  /** Binhai's world: the district. The city world: the municipality's outline (120100 天津市), its 16 districts in `districts` */
  district: DemoDistrict
  districts?: DemoDistrict[]
  streets: DemoStreet[]
  communities: DemoCommunity[]
  units: DemoUnit[]
  buildings: DemoBuilding[]
  grids: DemoGrid[]
  facilities: DemoFacility[]
  /** the walk network (core/demo/walk-network.ts) and the barriers it crosses only at crossings */
  network: WalkNetwork
  barriers: WalkBarrier[]
}

export interface GenerateOptions {
  seed?: number // default 20230101
  scale?: number // share of the full-scale households (Binhai 800k, Tianjin ≈5.78M), (0, 1]; default 1
  region?: DemoRegion // default 'binhai'; 'tianjin': all 16 districts (core/demo/city-layout.ts)
  onProgress?: (step: string, done: number, total: number) => void
}
