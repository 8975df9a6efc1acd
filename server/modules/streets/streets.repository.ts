// All SQL for streets (街道 / 镇 / 功能区).
import { type Kysely, sql } from 'kysely'
import type { Bbox } from '../../../core/api'
import type { Database } from '../../db/schema'
import { bboxFilter, eqFilter, featurePageSql, labelPoint, servedGeoJson } from '../../db/sql-fragments'

export interface StreetFilter {
  bbox?: Bbox
  /** only this street (a wall link bound to it) */
  code?: string
  limit: number
  offset: number
}

const streetFeature = sql`json_build_object(
  'type', 'Feature', 'id', p.code, 'geometry', ${servedGeoJson('p.geom')},
  'properties', json_build_object(
    'code', p.code, 'name', p.name, 'kind', p.kind,
    'households', p.households, 'residents', p.residents,
    'communityCount', p.community_count, 'gridCount', p.grid_count,
    'labelPoint', ${labelPoint('p.geom')}))`

const streetRows = sql`SELECT s.*,
    coalesce(c.households, 0) AS households, coalesce(c.residents, 0) AS residents,
    coalesce(c.community_count, 0) AS community_count,
    (SELECT count(*) FROM grids g WHERE g.street_code = s.code AND g.valid_to IS NULL) AS grid_count
  FROM streets s
  LEFT JOIN (SELECT street_code, sum(households)::int AS households, sum(residents)::int AS residents,
             count(*)::int AS community_count FROM communities GROUP BY street_code) c ON c.street_code = s.code`

export async function listStreets(db: Kysely<Database>, filter: StreetFilter): Promise<string> {
  const { rows } = await featurePageSql({
    ids: sql`SELECT s.code AS id FROM streets s WHERE ${bboxFilter('s.geom', filter.bbox)} AND ${eqFilter('s.code', filter.code)}`,
    rows: sql`${streetRows} JOIN f ON f.id = s.code`,
    orderBy: sql`p.code`,
    feature: streetFeature,
    limit: filter.limit,
    offset: filter.offset,
  }).execute(db)
  return rows[0].fc
}

export async function getStreet(db: Kysely<Database>, code: string): Promise<string | undefined> {
  const { rows } = await sql<{ feature: string }>`WITH p AS (${streetRows} WHERE ${eqFilter('s.code', code)})
    SELECT (${streetFeature})::text AS feature FROM p`.execute(db)
  return rows[0]?.feature
}
