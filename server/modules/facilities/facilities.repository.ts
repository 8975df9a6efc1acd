// All SQL for facilities and the facility types (standards) table.
import { type Kysely, sql } from 'kysely'
import type { Bbox, FacilityType } from '../../../core/api'
import type { Database } from '../../db/schema'
import { bboxFilter, eqFilter, featurePageSql, servedGeoJson } from '../../db/sql-fragments'

export interface FacilityFilter {
  bbox?: Bbox
  type?: string
  status?: 'existing' | 'planned' | 'retired'
  street?: string
  limit: number
  offset: number
}

/** A facility as a GeoJSON Feature, over alias `p` of `facilityRows`. */
export const facilityFeature = sql`json_build_object(
  'type', 'Feature', 'id', p.id, 'geometry', ${servedGeoJson('p.geom')},
  'properties', json_build_object(
    'id', p.id, 'typeCode', p.type_code, 'name', p.name, 'status', p.status,
    'streetCode', p.street_code, 'communityCode', p.community_code,
    'floorAreaM2', p.floor_area_m2, 'activityAreaM2', p.activity_area_m2, 'capacity', p.capacity,
    'radiusM', coalesce(p.radius_m, p.default_radius_m), 'radiusOverridden', p.radius_m IS NOT NULL,
    'version', p.version))`

export const facilityRows = sql`SELECT f0.*, t.default_radius_m FROM facilities f0 JOIN facility_types t ON t.code = f0.type_code`

export async function listFacilities(db: Kysely<Database>, filter: FacilityFilter): Promise<string> {
  const { rows } = await featurePageSql({
    ids: sql`SELECT f0.id FROM facilities f0 WHERE ${bboxFilter('geom', filter.bbox)}
      AND ${eqFilter('f0.type_code', filter.type)} AND ${eqFilter('f0.street_code', filter.street)}
      AND ${filter.status ? eqFilter('f0.status', filter.status) : sql`f0.status <> 'retired'`}`,
    rows: sql`${facilityRows} JOIN f ON f.id = f0.id`,
    orderBy: sql`p.id`,
    feature: facilityFeature,
    limit: filter.limit,
    offset: filter.offset,
  }).execute(db)
  return rows[0].fc
}

export async function getFacility(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const { rows } = await sql<{ feature: string }>`WITH p AS (${facilityRows} WHERE f0.id = ${id})
    SELECT (${facilityFeature})::text AS feature FROM p`.execute(db)
  return rows[0]?.feature
}

export async function facilityTypeExists(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db.selectFrom('facility_types').select('code').where('code', '=', code).executeTakeFirst()
  return row !== undefined
}

export async function listFacilityTypes(db: Kysely<Database>): Promise<FacilityType[]> {
  const rows = await db.selectFrom('facility_types').selectAll().orderBy('sort').execute()
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    service: r.service,
    tier: r.tier,
    defaultRadiusM: r.default_radius_m,
    minActivityShare: r.min_activity_share,
    floorAreaM2Per100Households: r.floor_area_m2_per_100_households,
    colour: r.colour,
  }))
}
