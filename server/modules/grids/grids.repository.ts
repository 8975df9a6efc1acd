// All SQL for grids.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Bbox } from '../../../core/api'
import type { Database } from '../../db/schema'
import {
  bboxFilter,
  boxOf,
  eqFilter,
  featurePageSql,
  householdTarget,
  householdTolerance,
  labelPoint,
  SERVED_GRID_DEGREES,
  servedGeoJson,
} from '../../db/sql-fragments'

export interface GridFilter {
  bbox?: Bbox
  street?: string
  community?: string
  limit: number
  offset: number
}

/**
 * A grid as a GeoJSON Feature over alias `p` (a grid row with community_name, target, tolerance):
 * the one place the grid properties of the API contract are built. The validity columns differ
 * between current grids and grids as of a date, so they are passed in.
 */
export function gridFeatureSql(validity: { validFrom: RawBuilder<unknown>; validTo: RawBuilder<unknown> }) {
  return sql`json_build_object(
  'type', 'Feature', 'id', p.id, 'geometry', ${servedGeoJson('p.geom')},
  'properties', ${gridPropertiesSql(validity)})`
}

/** A grid's properties (the API contract's GridProps) over alias `p`. */
function gridPropertiesSql(validity: { validFrom: RawBuilder<unknown>; validTo: RawBuilder<unknown> }) {
  return sql`json_build_object(
    'id', p.id, 'code', p.code, 'name', p.name,
    'communityCode', p.community_code, 'communityName', p.community_name, 'streetCode', p.street_code,
    'households', p.households, 'residents', p.residents, 'unitCount', p.unit_count,
    'targetHouseholds', p.target,
    'deviation', round(((p.households - p.target)::numeric / p.target), 4),
    'inBand', abs(p.households - p.target) <= p.target * p.tolerance,
    'validFrom', ${validity.validFrom}, 'validTo', ${validity.validTo}, 'parentIds', p.parent_ids)`
}

const gridFeature = gridFeatureSql({ validFrom: sql`p.valid_from`, validTo: sql`p.valid_to` })

const gridRows = sql`SELECT g.*, c.name AS community_name, ${householdTarget} AS target, ${householdTolerance} AS tolerance
  FROM grids g JOIN communities c ON c.code = g.community_code`

export async function listGrids(db: Kysely<Database>, filter: GridFilter): Promise<string> {
  const { rows } = await featurePageSql({
    ids: sql`SELECT g.id FROM grids g WHERE g.valid_to IS NULL AND ${bboxFilter('g.geom', filter.bbox)}
      AND ${eqFilter('g.street_code', filter.street)} AND ${eqFilter('g.community_code', filter.community)}`,
    rows: sql`${gridRows} JOIN f ON f.id = g.id`,
    orderBy: sql`p.code`,
    feature: gridFeature,
    limit: filter.limit,
    offset: filter.offset,
  }).execute(db)
  return rows[0].fc
}

/**
 * Every current grid's properties (less `validTo`, null for all, and the lineage) with a label
 * point and a box, no geometry: `{"grids": [...]}` as JSON text.
 */
export async function listGridSummaries(db: Kysely<Database>): Promise<string> {
  const properties = gridPropertiesSql({ validFrom: sql`p.valid_from`, validTo: sql`p.valid_to` })
  const { rows } = await sql<{ body: string }>`WITH p AS (${gridRows} WHERE g.valid_to IS NULL AND g.geom IS NOT NULL)
    SELECT json_build_object('grids', coalesce(json_agg(
      ((${properties})::jsonb - 'validTo' - 'parentIds')
        || jsonb_build_object('labelPoint', ${labelPoint('p.geom')}, 'bbox', ${boxOf('p.geom')})
      ORDER BY p.code), '[]'::json))::text AS body FROM p`.execute(db)
  return rows[0].body
}

export async function getGrid(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const { rows } = await sql<{ feature: string }>`WITH p AS (${gridRows} WHERE g.id = ${id})
    SELECT (${gridFeature})::text AS feature FROM p`.execute(db)
  return rows[0]?.feature
}

/**
 * Unions snap to the served precision grid (1e-6°, ~0.1 m): neighbouring units computed
 * separately can disagree in the last bits of a shared edge, and an exact overlay can then fail
 * (on PGlite the failure is silent: the row goes missing; ADR 2). The grid is the served one so
 * that a grid's vertices are exactly its units' and its community's vertices as served (a finer
 * grid rounds twice, and 5% of coordinates then land one step away: slivers; ADR 13).
 */
export const UNION_GRID_SIZE_DEGREES = SERVED_GRID_DEGREES

/**
 * Rebuilds the cached totals and union polygon of the given grids (all current grids when
 * omitted) from their units. A grid's totals are sums over its units; only changed grids are
 * passed by the editor.
 */
export async function rebuildGridCaches(db: Kysely<Database>, gridIds?: number[]): Promise<void> {
  const only = gridIds ? sql`g.id = ANY(${gridIds}::int[])` : sql`g.valid_to IS NULL`
  await sql`UPDATE grids g SET
      households = coalesce(s.households, 0), residents = coalesce(s.residents, 0),
      unit_count = coalesce(s.unit_count, 0), geom = s.geom
    FROM grids g2 LEFT JOIN LATERAL (
      SELECT sum(u.households)::int AS households, sum(u.residents)::int AS residents, count(*)::int AS unit_count,
        ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(u.geom), ${UNION_GRID_SIZE_DEGREES}::float8), 3)) AS geom
      FROM units u WHERE u.grid_id = g2.id) s ON TRUE
    WHERE g.id = g2.id AND ${only}`.execute(db)
}
