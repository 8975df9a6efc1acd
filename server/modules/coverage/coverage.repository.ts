// All SQL the in-memory coverage needs: one snapshot of the demand (buildings with households
// and their grid / community / street / urban-rural keys), the facilities and their types.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

export interface BuildingRows {
  id: Int32Array
  lng: Float64Array
  lat: Float64Array
  households: Float64Array
  residents: Float64Array
  unitId: Int32Array
  gridId: Int32Array // 0 when the unit has no grid
  communityCode: string[]
  streetCode: string[]
}

export interface CoverageSnapshot {
  buildings: BuildingRows
  grids: { id: number; code: string; name: string; communityCode: string }[]
  units: { id: number; name: string; communityCode: string }[]
  communities: { code: string; name: string; streetCode: string; kind: 'urban' | 'rural' }[]
  streets: { code: string; name: string }[]
  district: { code: string; name: string }
  types: FacilityTypeRow[]
  facilities: FacilityRow[]
  /** settings 'facility.tier_radius_m' ({tier: [min, max]}) when a deployment sets it */
  tierRadiusRange?: Record<string, [number, number]>
}

export interface FacilityTypeRow {
  code: string
  tier: string
  defaultRadiusM: number
  minActivityShare: number | null
  floorAreaM2Per100Households: number | null
}

export interface FacilityRow {
  id: number
  typeCode: string
  status: 'existing' | 'planned' | 'retired'
  lng: number
  lat: number
  radiusM: number | null
  floorAreaM2: number | null
  activityAreaM2: number | null
  communityCode: string | null
}

/** Reads everything coverage holds in memory; buildings as columns (one row per building). */
export async function readCoverageSnapshot(db: Kysely<Database>): Promise<CoverageSnapshot> {
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
    street: string[]
  }>`SELECT array_agg(b.id ORDER BY b.id) AS id,
      array_agg(ST_X(b.geom) ORDER BY b.id) AS lng, array_agg(ST_Y(b.geom) ORDER BY b.id) AS lat,
      array_agg(b.households ORDER BY b.id) AS hh, array_agg(b.residents ORDER BY b.id) AS res,
      array_agg(b.unit_id ORDER BY b.id) AS unit, array_agg(coalesce(u.grid_id, 0) ORDER BY b.id) AS grid,
      array_agg(b.community_code::text ORDER BY b.id) AS community, array_agg(b.street_code::text ORDER BY b.id) AS street
    FROM buildings b JOIN units u ON u.id = b.unit_id`.execute(db)
  const r = rows[0]
  const buildings: BuildingRows = {
    id: Int32Array.from(r.id ?? []),
    lng: Float64Array.from(r.lng ?? []),
    lat: Float64Array.from(r.lat ?? []),
    households: Float64Array.from(r.hh ?? []),
    residents: Float64Array.from(r.res ?? []),
    unitId: Int32Array.from(r.unit ?? []),
    gridId: Int32Array.from(r.grid ?? []),
    communityCode: r.community ?? [],
    streetCode: r.street ?? [],
  }
  const [grids, units, communities, streets, district, types, facilities, tierSetting] = await Promise.all([
    db
      .selectFrom('grids')
      .select(['id', 'code', 'name', 'community_code'])
      .where('valid_to', 'is', null)
      .orderBy('id')
      .execute(),
    db.selectFrom('units').select(['id', 'name', 'community_code']).orderBy('id').execute(),
    db.selectFrom('communities').select(['code', 'name', 'street_code', 'kind']).orderBy('code').execute(),
    db.selectFrom('streets').select(['code', 'name']).orderBy('code').execute(),
    db.selectFrom('districts').select(['code', 'name']).executeTakeFirst(),
    readFacilityTypes(db),
    readFacilities(db),
    db.selectFrom('settings').select('value').where('key', '=', 'facility.tier_radius_m').executeTakeFirst(),
  ])
  return {
    buildings,
    grids: grids.map((g) => ({ id: g.id, code: g.code, name: g.name, communityCode: g.community_code })),
    units: units.map((u) => ({ id: u.id, name: u.name, communityCode: u.community_code })),
    communities: communities.map((c) => ({ code: c.code, name: c.name, streetCode: c.street_code, kind: c.kind })),
    streets,
    district: district ?? { code: '000000', name: '' },
    types,
    facilities,
    tierRadiusRange: (tierSetting?.value as Record<string, [number, number]> | undefined) ?? undefined,
  }
}

export async function readFacilityTypes(db: Kysely<Database>): Promise<FacilityTypeRow[]> {
  const rows = await db.selectFrom('facility_types').selectAll().orderBy('sort').execute()
  return rows.map((t) => ({
    code: t.code,
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
