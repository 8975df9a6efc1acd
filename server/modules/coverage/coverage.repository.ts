// All SQL the coverage store needs: one read of the demand (buildings with households, in
// community order, with their unit and grid), the communities, grids, units, facilities, their
// types and the norms.
import { type Kysely, sql } from 'kysely'
import type {
  StoreCommunity,
  StoreFacility,
  StoreFacilityType,
  StoreGrid,
  StoreWorld,
} from '../../../core/domain/coverage-store'
import { indicatorSettingsFrom } from '../../../core/domain/equity'
import type { Database } from '../../db/schema'
import { readWalkNetwork } from '../network/network.repository'
import { readSettings } from '../settings/settings.repository'

export type FacilityTypeRow = StoreFacilityType
export type FacilityRow = StoreFacility

type LngLat = [number, number]
const pointOf = (lng: number | null, lat: number | null): LngLat | null =>
  lng === null || lat === null ? null : [Number(lng), Number(lat)]

/** Reads everything the coverage store holds: buildings as columns in community order, the small tables, the norms. */
export async function readStoreWorld(db: Kysely<Database>): Promise<StoreWorld> {
  // buildings as parallel arrays built in SQL: one row, no per-building JS objects
  const { rows } = await sql<{
    id: number[]
    lng: number[]
    lat: number[]
    hh: number[]
    res: number[]
    unit: number[]
    grid: number[]
    community: string[]
  }>`SELECT array_agg(b.id ORDER BY b.community_code, b.id) AS id,
      array_agg(ST_X(b.geom) ORDER BY b.community_code, b.id) AS lng,
      array_agg(ST_Y(b.geom) ORDER BY b.community_code, b.id) AS lat,
      array_agg(b.households ORDER BY b.community_code, b.id) AS hh,
      array_agg(b.residents ORDER BY b.community_code, b.id) AS res,
      array_agg(b.unit_id ORDER BY b.community_code, b.id) AS unit,
      array_agg(coalesce(u.grid_id, 0) ORDER BY b.community_code, b.id) AS grid,
      array_agg(b.community_code::text ORDER BY b.community_code, b.id) AS community
    FROM buildings b JOIN units u ON u.id = b.unit_id`.execute(db)
  const [communities, grids, units, streets, district, types, facilities, norms, network] = await Promise.all([
    readCommunities(db),
    readGrids(db),
    db.selectFrom('units').select(['id', 'name', 'community_code']).orderBy('id').execute(),
    db.selectFrom('streets').select(['code', 'name']).orderBy('code').execute(),
    db.selectFrom('districts').select(['code', 'name']).executeTakeFirst(),
    readFacilityTypes(db),
    readFacilities(db),
    readNorms(db),
    readWalkNetwork(db),
  ])
  const r = rows[0]
  const index = new Map(communities.map((c, i) => [c.code, i]))
  const community = Int32Array.from(r.community ?? [], (code) => {
    const c = index.get(code)
    if (c === undefined) throw new Error(`building of unknown community ${code}`)
    return c
  })
  return {
    district: district ?? { code: '000000', name: '' },
    streets,
    communities,
    units: units.map((u) => ({ id: u.id, name: u.name, communityCode: u.community_code })),
    grids,
    buildings: {
      id: Int32Array.from(r.id ?? []),
      lng: Float64Array.from(r.lng ?? []),
      lat: Float64Array.from(r.lat ?? []),
      households: Float64Array.from(r.hh ?? []),
      residents: Float64Array.from(r.res ?? []),
      unitId: Int32Array.from(r.unit ?? []),
      gridId: Int32Array.from(r.grid ?? []),
      community,
    },
    types,
    facilities,
    ...norms,
    network: network.edges.length > 0 ? network : null,
  }
}

/** The norms the store holds: the indicator settings and the tier radius ranges when set. */
export async function readNorms(db: Kysely<Database>): Promise<Pick<StoreWorld, 'settings' | 'tierRadiusRange'>> {
  const settings = await readSettings(db)
  return {
    settings: indicatorSettingsFrom(settings),
    tierRadiusRange: (settings['facility.tier_radius_m'] as Record<string, [number, number]> | undefined) ?? undefined,
  }
}

/** Communities in code order with their street name and a label point. */
async function readCommunities(db: Kysely<Database>): Promise<StoreCommunity[]> {
  const { rows } = await sql<{
    code: string
    name: string
    street_code: string
    street_name: string
    kind: 'urban' | 'rural'
    households: number
    residents: number
    workers: number
    lng: number | null
    lat: number | null
  }>`SELECT c.code, c.name, c.street_code, s.name AS street_name, c.kind, c.households, c.residents, c.workers,
      ST_X(ST_PointOnSurface(c.geom)) AS lng, ST_Y(ST_PointOnSurface(c.geom)) AS lat
    FROM communities c JOIN streets s ON s.code = c.street_code ORDER BY c.code`.execute(db)
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    streetCode: r.street_code,
    streetName: r.street_name,
    kind: r.kind,
    households: Number(r.households),
    residents: Number(r.residents),
    workers: Number(r.workers),
    labelPoint: pointOf(r.lng, r.lat),
  }))
}

/** Current grids in id order with their household totals and a label point. */
export async function readGrids(db: Kysely<Database>): Promise<StoreGrid[]> {
  const { rows } = await sql<{
    id: number
    code: string
    name: string
    community_code: string
    street_code: string
    households: number
    lng: number | null
    lat: number | null
  }>`SELECT id, code, name, community_code, street_code, households,
      ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM grids WHERE valid_to IS NULL ORDER BY id`.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    communityCode: r.community_code,
    streetCode: r.street_code,
    households: Number(r.households),
    labelPoint: pointOf(r.lng, r.lat),
  }))
}

/** The grid of each building of one community (0 when its unit has none), in building-id order. */
export async function readBuildingGridIds(db: Kysely<Database>, communityCode: string): Promise<Int32Array> {
  const { rows } = await sql<{ grid: number }>`SELECT coalesce(u.grid_id, 0) AS grid
    FROM buildings b JOIN units u ON u.id = b.unit_id
    WHERE b.community_code = ${communityCode} ORDER BY b.id`.execute(db)
  return Int32Array.from(rows, (r) => Number(r.grid))
}

export async function readFacilityTypes(db: Kysely<Database>): Promise<FacilityTypeRow[]> {
  const rows = await db.selectFrom('facility_types').selectAll().orderBy('sort').execute()
  return rows.map((t) => ({
    code: t.code,
    nameZh: t.name_zh,
    nameEn: t.name_en,
    service: t.service,
    tier: t.tier,
    defaultRadiusM: t.default_radius_m,
    minActivityShare: t.min_activity_share === null ? null : Number(t.min_activity_share),
    floorAreaM2Per100Households:
      t.floor_area_m2_per_100_households === null ? null : Number(t.floor_area_m2_per_100_households),
  }))
}

/** Facilities (all statuses, or the given ids) with their point as lng/lat. */
export async function readFacilities(db: Kysely<Database>, ids?: number[]): Promise<FacilityRow[]> {
  if (ids && ids.length === 0) return []
  let q = db
    .selectFrom('facilities')
    .select([
      'id',
      'type_code',
      'status',
      'radius_m',
      'floor_area_m2',
      'activity_area_m2',
      'capacity',
      'community_code',
      sql<number>`ST_X(geom)`.as('lng'),
      sql<number>`ST_Y(geom)`.as('lat'),
    ])
  if (ids) q = q.where('id', 'in', ids)
  const rows = await q.orderBy('id').execute()
  return rows.map((f) => ({
    id: f.id,
    typeCode: f.type_code,
    status: f.status,
    lng: f.lng,
    lat: f.lat,
    radiusM: f.radius_m,
    floorAreaM2: f.floor_area_m2 === null ? null : Number(f.floor_area_m2),
    activityAreaM2: f.activity_area_m2 === null ? null : Number(f.activity_area_m2),
    capacity: f.capacity === null ? null : Number(f.capacity),
    communityCode: f.community_code,
  }))
}

/** Whether every point lies in the district polygon (ST_Covers): the indices of those outside. */
export async function pointsOutsideDistrict(db: Kysely<Database>, points: [number, number][]): Promise<number[]> {
  if (points.length === 0) return []
  const lng = points.map((p) => p[0])
  const lat = points.map((p) => p[1])
  const { rows } = await sql<{ i: number }>`SELECT p.i - 1 AS i
    FROM unnest(${lng}::float8[], ${lat}::float8[]) WITH ORDINALITY AS p(lng, lat, i)
    WHERE NOT EXISTS (SELECT 1 FROM districts d WHERE ST_Covers(d.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)))
    ORDER BY p.i`.execute(db)
  return rows.map((r) => r.i)
}
