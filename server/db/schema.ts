// Kysely table types, mirroring migrations/. Geometry columns are typed `unknown`: queries
// always go through ST_* functions (ST_AsGeoJSON out, ST_GeomFromGeoJSON in).
import type { ColumnType, Generated } from 'kysely'

type Geometry = unknown
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type DateText = ColumnType<string, string | undefined, string>

export interface SettingsTable {
  key: string
  value: unknown
  description: Generated<string>
}

export interface DistrictsTable {
  code: string
  name: string
  geom: Geometry
}

export interface StreetsTable {
  code: string
  district_code: string
  name: string
  kind: 'subdistrict' | 'town' | 'zone'
  geom: Geometry
}

export interface CommunitiesTable {
  code: string
  street_code: string
  name: string
  kind: 'urban' | 'rural'
  households: Generated<number>
  residents: Generated<number>
  workers: Generated<number>
  edit_version: Generated<number>
  geom: Geometry
}

export interface GridsTable {
  id: Generated<number>
  code: string
  community_code: string
  street_code: string
  name: string
  valid_from: DateText
  valid_to: string | null
  parent_ids: Generated<number[]>
  /** when the current version began (0003); null for grids never edited: valid_from */
  version_from: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  households: Generated<number>
  residents: Generated<number>
  unit_count: Generated<number>
  geom: Geometry | null
}

export interface UnitsTable {
  id: Generated<number>
  code: string
  community_code: string
  street_code: string
  name: string
  kind: 'compound' | 'courtyard' | 'village_group'
  households: Generated<number>
  residents: Generated<number>
  grid_id: number | null
  geom: Geometry
}

export interface BuildingsTable {
  id: Generated<number>
  /** from an import (0004); null for the demo world's buildings */
  code: ColumnType<string | null, string | null | undefined, string | null>
  unit_id: number
  community_code: string
  street_code: string
  kind: 'highrise' | 'midrise' | 'lowrise' | 'farmhouse'
  floors: Generated<number>
  households: number
  residents: number
  geom: Geometry
}

export interface FacilityTypesTable {
  code: string
  name_zh: string
  name_en: string
  service: string
  tier: '5min' | '10min' | '15min' | 'village'
  default_radius_m: number
  min_activity_share: number | null
  floor_area_m2_per_100_households: number | null
  colour: Generated<string>
  sort: Generated<number>
}

export interface FacilitiesTable {
  id: Generated<number>
  type_code: string
  name: string
  street_code: string
  community_code: string | null
  status: 'existing' | 'planned' | 'retired'
  floor_area_m2: number | null
  activity_area_m2: number | null
  capacity: number | null
  radius_m: number | null
  version: Generated<number>
  updated_at: Timestamp
  geom: Geometry
}

export interface RevisionsTable {
  id: Generated<number>
  entity: 'grid' | 'facility' | 'community'
  entity_id: string
  community_code: string | null
  action: string
  author: string
  reason: Generated<string>
  created_at: Timestamp
  before: unknown
  after: unknown
}

/** Past versions of grids (0003_grid_editing.sql): [valid_from, valid_to) timestamps. */
export interface GridVersionsTable {
  id: Generated<number>
  grid_id: number
  community_code: string
  code: string
  valid_from: Timestamp
  valid_to: Timestamp
  unit_ids: Generated<number[]>
  households: number
  residents: number
  unit_count: number
  geom: Geometry | null
  revision_id: number | null
}

/** The walk network (0006_walk_network.sql); cost/reverse_cost are generated from length_m and walkable. */
export interface WalkNodesTable {
  id: number
  geom: Geometry
}

export interface WalkEdgesTable {
  id: number
  source: number
  target: number
  length_m: number
  class: 'footway' | 'residential' | 'arterial' | 'bridge' | 'level_crossing' | 'underpass' | 'expressway'
  walkable: Generated<boolean>
  bridge: Generated<boolean>
  tunnel: Generated<boolean>
  name: string | null
  cost: Generated<number>
  reverse_cost: Generated<number>
  geom: Geometry
}

export interface WalkBarriersTable {
  id: Generated<number>
  kind: 'river' | 'canal' | 'railway' | 'expressway' | 'port'
  name: Generated<string>
  geom: Geometry
}

export interface BuildingAccessTable {
  building_id: number
  edge_id: number
  t: number
  access_m: number
}

export interface Database {
  settings: SettingsTable
  districts: DistrictsTable
  streets: StreetsTable
  communities: CommunitiesTable
  grids: GridsTable
  units: UnitsTable
  buildings: BuildingsTable
  facility_types: FacilityTypesTable
  facilities: FacilitiesTable
  revisions: RevisionsTable
  grid_versions: GridVersionsTable
  walk_nodes: WalkNodesTable
  walk_edges: WalkEdgesTable
  walk_barriers: WalkBarriersTable
  building_access: BuildingAccessTable
  users: UsersTable
  sessions: SessionsTable
  kiosk_links: KioskLinksTable
  audit_log: AuditLogTable
  indicator_snapshots: IndicatorSnapshotsTable
}

export interface IndicatorSnapshotsTable {
  day: DateText
  scope: string
  figures: ColumnType<Record<string, number>, string, string>
  taken_at: Generated<Date>
}

export interface UsersTable {
  id: Generated<number>
  username: string
  display_name: string
  role: string
  streets: ColumnType<string[], string[] | undefined, string[]>
  password_hash: string
  api_token_hash: string | null
  locked: Generated<boolean>
  failed_sign_ins: Generated<number>
  locked_until: Timestamp | null
  created_at: Generated<Date>
  password_changed_at: Generated<Date>
}

export interface SessionsTable {
  id_hash: string
  user_id: number | null
  kiosk_link_id: number | null
  csrf_token: string
  created_at: Generated<Date>
  expires_at: Timestamp
}

export interface KioskLinksTable {
  id: Generated<number>
  token_hash: string
  label: string
  street_code: Generated<string>
  created_by: number | null
  created_at: Generated<Date>
  revoked_at: Timestamp | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: Generated<Date>
  actor: string
  role: string | null
  ip: string | null
  action: string
  target: string | null
  status: number | null
  before: unknown
  after: unknown
  details: unknown
}
