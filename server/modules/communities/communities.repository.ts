// All SQL for communities (社区 urban / 村 rural).
import { type Kysely, sql } from 'kysely'
import type { Bbox } from '../../../core/api'
import type { Database } from '../../db/schema'
import { bboxFilter, boxOf, eqFilter, featurePageSql, labelPoint, servedGeoJson } from '../../db/sql-fragments'

export interface CommunityFilter {
  bbox?: Bbox
  street?: string
  kind?: 'urban' | 'rural'
  limit: number
  offset: number
}

const communityProperties = sql`json_build_object(
    'code', p.code, 'name', p.name, 'streetCode', p.street_code, 'streetName', p.street_name, 'kind', p.kind,
    'households', p.households, 'residents', p.residents, 'workers', p.workers,
    'workersPer10k', CASE WHEN p.residents > 0 THEN round(p.workers * 10000.0 / p.residents, 2) ELSE 0 END,
    'unitCount', p.unit_count, 'gridCount', p.grid_count, 'editVersion', p.edit_version,
    'labelPoint', ${labelPoint('p.geom')})`

const communityFeature = sql`json_build_object(
  'type', 'Feature', 'id', p.code, 'geometry', ${servedGeoJson('p.geom')}, 'properties', ${communityProperties})`

const communityRows = sql`SELECT c.*, s.name AS street_name,
    (SELECT count(*) FROM units u WHERE u.community_code = c.code) AS unit_count,
    (SELECT count(*) FROM grids g WHERE g.community_code = c.code AND g.valid_to IS NULL) AS grid_count
  FROM communities c JOIN streets s ON s.code = c.street_code`

export async function listCommunities(db: Kysely<Database>, filter: CommunityFilter): Promise<string> {
  const { rows } = await featurePageSql({
    ids: sql`SELECT c.code AS id FROM communities c WHERE ${bboxFilter('c.geom', filter.bbox)}
      AND ${eqFilter('c.street_code', filter.street)} AND ${eqFilter('c.kind', filter.kind)}`,
    rows: sql`${communityRows} JOIN f ON f.id = c.code`,
    orderBy: sql`p.code`,
    feature: communityFeature,
    limit: filter.limit,
    offset: filter.offset,
  }).execute(db)
  return rows[0].fc
}

/** Every community's properties with its box, no geometry: `{"communities": [...]}` as JSON text. */
export async function listCommunitySummaries(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ body: string }>`WITH p AS (${communityRows})
    SELECT json_build_object('communities', coalesce(json_agg(
      (${communityProperties})::jsonb || jsonb_build_object('bbox', ${boxOf('p.geom')}) ORDER BY p.code), '[]'::json))::text AS body
    FROM p`.execute(db)
  return rows[0].body
}

export async function getCommunity(db: Kysely<Database>, code: string): Promise<string | undefined> {
  const { rows } = await sql<{ feature: string }>`WITH p AS (${communityRows} WHERE c.code = ${code})
    SELECT (${communityFeature})::text AS feature FROM p`.execute(db)
  return rows[0]?.feature
}
