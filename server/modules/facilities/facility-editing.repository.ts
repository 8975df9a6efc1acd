// All SQL for facility edits: create, update (optimistic lock on `version`), retire, each with
// its revision (who / when / why, before / after) in the caller's transaction.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { FacilityFeature, FacilityRevision } from '../../../core/api'
import type { Database } from '../../db/schema'
import { facilityRows, facilityFeature as featureSql, getFacility } from './facilities.repository'

type Db = Kysely<Database> | Transaction<Database>

export interface FacilityValues {
  typeCode: string
  name: string
  status: 'existing' | 'planned' | 'retired'
  lngLat: [number, number]
  floorAreaM2: number | null
  activityAreaM2: number | null
  capacity: number | null
  radiusM: number | null
}

export interface FacilityLock {
  id: number
  version: number
  /** the facility as a GeoJSON Feature before the edit */
  feature: Record<string, unknown>
  values: FacilityValues
  communityCode: string | null
  streetCode: string
}

export interface PointPlace {
  inDistrict: boolean
  streetCode: string | null
  communityCode: string | null
}

/** Where a point falls: inside the district (ST_Covers), its street and community (or the nearest). */
export async function placeOf(db: Db, [lng, lat]: [number, number]): Promise<PointPlace> {
  const { rows } = await sql<{ in_district: boolean; street: string | null; community: string | null }>`
    WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326) AS g)
    SELECT EXISTS (SELECT 1 FROM districts d, pt WHERE ST_Covers(d.geom, pt.g)) AS in_district,
      -- the covering polygon through the GiST index; the nearest only when none covers it (an edge)
      coalesce((SELECT s.code FROM streets s, pt WHERE ST_Covers(s.geom, pt.g) ORDER BY s.code LIMIT 1),
        (SELECT s.code FROM streets s, pt ORDER BY s.geom <-> pt.g, s.code LIMIT 1)) AS street,
      coalesce((SELECT c.code FROM communities c, pt WHERE ST_Covers(c.geom, pt.g) ORDER BY c.code LIMIT 1),
        (SELECT c.code FROM communities c, pt ORDER BY c.geom <-> pt.g, c.code LIMIT 1)) AS community`.execute(db)
  const r = rows[0]
  return { inDistrict: r.in_district, streetCode: r.street, communityCode: r.community }
}

export async function typeExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('facility_types').select('code').where('code', '=', code).executeTakeFirst()
  return row !== undefined
}

/** Reads and row-locks a facility for an edit, with its Feature (one round trip). */
export async function lockFacility(trx: Transaction<Database>, id: number): Promise<FacilityLock | undefined> {
  const { rows } = await sql<{
    id: number
    version: number
    type_code: string
    name: string
    status: FacilityValues['status']
    lng: number
    lat: number
    floor_area_m2: number | null
    activity_area_m2: number | null
    capacity: number | null
    radius_m: number | null
    community_code: string | null
    street_code: string
    feature: string
  }>`WITH p AS (${facilityRows} WHERE f0.id = ${id} FOR UPDATE OF f0)
    SELECT p.id, p.version, p.type_code, p.name, p.status, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, p.floor_area_m2,
      p.activity_area_m2, p.capacity, p.radius_m, p.community_code, p.street_code, (${featureSql})::text AS feature
    FROM p`.execute(trx)
  const r = rows[0]
  if (!r) return undefined
  return {
    id: r.id,
    version: r.version,
    feature: JSON.parse(r.feature) as Record<string, unknown>,
    communityCode: r.community_code,
    streetCode: r.street_code,
    values: {
      typeCode: r.type_code,
      name: r.name,
      status: r.status,
      lngLat: [r.lng, r.lat],
      floorAreaM2: r.floor_area_m2 === null ? null : Number(r.floor_area_m2),
      activityAreaM2: r.activity_area_m2 === null ? null : Number(r.activity_area_m2),
      capacity: r.capacity,
      radiusM: r.radius_m,
    },
  }
}

export async function insertFacility(
  trx: Transaction<Database>,
  values: FacilityValues,
  place: { streetCode: string; communityCode: string | null },
): Promise<number> {
  const [lng, lat] = values.lngLat
  const row = await trx
    .insertInto('facilities')
    .values({
      type_code: values.typeCode,
      name: values.name,
      status: values.status,
      street_code: place.streetCode,
      community_code: place.communityCode,
      floor_area_m2: values.floorAreaM2,
      activity_area_m2: values.activityAreaM2,
      capacity: values.capacity,
      radius_m: values.radiusM,
      updated_at: sql`now()`,
      geom: sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateFacilityRow(
  trx: Transaction<Database>,
  id: number,
  values: FacilityValues,
  place: { streetCode: string; communityCode: string | null },
): Promise<void> {
  const [lng, lat] = values.lngLat
  await trx
    .updateTable('facilities')
    .set({
      type_code: values.typeCode,
      name: values.name,
      status: values.status,
      street_code: place.streetCode,
      community_code: place.communityCode,
      floor_area_m2: values.floorAreaM2,
      activity_area_m2: values.activityAreaM2,
      capacity: values.capacity,
      radius_m: values.radiusM,
      version: sql`version + 1`,
      updated_at: sql`now()`,
      geom: sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`,
    })
    .where('id', '=', id)
    .execute()
}

/** The facility as a parsed GeoJSON Feature (for revisions and responses). */
export async function facilityFeature(db: Db, id: number): Promise<Record<string, unknown> | undefined> {
  const text = await getFacility(db as Kysely<Database>, id)
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>)
}

/** Appends the revision of an edit with the facility as it is now as `after`; returns both. */
export async function insertRevisionWithAfter(
  trx: Transaction<Database>,
  revision: {
    id: number
    communityCode: string | null
    action: string
    author: string
    reason: string
    before: unknown
  },
): Promise<{ revisionId: number; after: FacilityFeature }> {
  const before = revision.before === null ? null : JSON.stringify(revision.before)
  const { rows } = await sql<{ id: number; after: string }>`
    WITH a AS (SELECT (${featureSql})::jsonb AS after FROM (${facilityRows} WHERE f0.id = ${revision.id}) p)
    INSERT INTO revisions (entity, entity_id, community_code, action, author, reason, created_at, before, after)
    SELECT 'facility', ${String(revision.id)}, ${revision.communityCode}, ${revision.action}, ${revision.author},
      ${revision.reason}, now(), ${before}::jsonb, a.after FROM a
    RETURNING id, after::text AS after`.execute(trx)
  return { revisionId: rows[0].id, after: JSON.parse(rows[0].after) as FacilityFeature }
}

export async function listFacilityRevisions(db: Db, id: number, limit: number): Promise<FacilityRevision[]> {
  const rows = await db
    .selectFrom('revisions')
    .select(['id', 'action', 'author', 'reason', 'created_at', 'before', 'after'])
    .where('entity', '=', 'facility')
    .where('entity_id', '=', String(id))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    author: r.author,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    before: r.before as FacilityFeature | null, // jsonb written by insertRevisionWithAfter / the edit routes
    after: r.after as FacilityFeature,
  }))
}
