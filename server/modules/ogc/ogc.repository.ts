// All SQL of the OGC API – Features collections. Each collection is a row source with `id` and
// `geom` columns and its properties as one JSON object; the feature JSON is built in PostGIS
// (ADR 3), in the requested CRS, clean at the served precision (ADR 13).
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { bboxInWgs84, type OgcCrs } from '../../../core/api'
import type { Database } from '../../db/schema'
import { cleanGeometry } from '../../db/sql-fragments'
import { asOfRows } from '../grid-editing/grid-editing.repository'

interface Source {
  /** SELECT … AS id, … AS geom, … AS props FROM …: one row per feature */
  rows: RawBuilder<unknown>
}

const SOURCES: Record<string, (at?: string) => Source> = {
  streets: () => ({
    rows: sql`SELECT s.code AS id, s.geom, json_build_object('code', s.code, 'name', s.name, 'kind', s.kind,
      'districtCode', s.district_code) AS props FROM streets s`,
  }),
  communities: () => ({
    rows: sql`SELECT c.code AS id, c.geom, json_build_object('code', c.code, 'name', c.name, 'kind', c.kind,
      'streetCode', c.street_code, 'households', c.households, 'residents', c.residents, 'workers', c.workers) AS props
      FROM communities c`,
  }),
  units: () => ({
    rows: sql`SELECT u.id, u.geom, json_build_object('code', u.code, 'name', u.name, 'kind', u.kind,
      'communityCode', u.community_code, 'streetCode', u.street_code, 'households', u.households,
      'residents', u.residents, 'gridId', u.grid_id) AS props FROM units u`,
  }),
  buildings: () => ({
    rows: sql`SELECT b.id, b.geom, json_build_object('unitId', b.unit_id, 'communityCode', b.community_code,
      'streetCode', b.street_code, 'kind', b.kind, 'floors', b.floors, 'households', b.households,
      'residents', b.residents) AS props FROM buildings b`,
  }),
  grids: (at) => ({
    rows: at
      ? sql`SELECT g.id, g.geom, json_build_object('code', g.code, 'name', g.name, 'communityCode', g.community_code,
          'streetCode', g.street_code, 'households', g.households, 'residents', g.residents, 'unitCount', g.unit_count,
          'validFrom', to_char(g.vfrom AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
          'validTo', to_char(g.vto AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS props
          FROM (${asOfRows(at)}) g WHERE g.geom IS NOT NULL`
      : sql`SELECT g.id, g.geom, json_build_object('code', g.code, 'name', g.name, 'communityCode', g.community_code,
          'streetCode', g.street_code, 'households', g.households, 'residents', g.residents, 'unitCount', g.unit_count,
          'validFrom', g.valid_from, 'validTo', g.valid_to) AS props
          FROM grids g WHERE g.valid_to IS NULL AND g.geom IS NOT NULL`,
  }),
  // areas and radii with one decimal written out (120.0), so clients type them as reals
  facilities: () => ({
    rows: sql`SELECT f.id, f.geom, json_build_object('name', f.name, 'typeCode', f.type_code, 'typeName', t.name_zh,
      'status', f.status, 'streetCode', f.street_code, 'communityCode', f.community_code,
      'floorAreaM2', round(f.floor_area_m2::numeric, 1), 'activityAreaM2', round(f.activity_area_m2::numeric, 1),
      'capacity', f.capacity, 'radiusM', round(coalesce(f.radius_m, t.default_radius_m)::numeric, 1)) AS props
      FROM facilities f JOIN facility_types t ON t.code = f.type_code`,
  }),
}

/**
 * Features whose properties come from memory (the coverage store's analysis layers) and whose
 * geometry is a stored one: a building's point or a community's polygon, joined by key.
 */
export interface MemoryRows {
  table: 'buildings' | 'communities'
  rows: { id: string; key: number | string; properties: object; lngLat?: [number, number] }[]
}

/** The rows as a row source in their given order (`ord`), their geometry joined from the table. */
export function memorySource(m: MemoryRows, rows = m.rows) {
  const json = JSON.stringify(rows.map((r, ord) => ({ id: r.id, key: r.key, props: r.properties, ord })))
  // keys of the table's own type, so the join goes by its primary key (a cast would scan it per row)
  return m.table === 'buildings'
    ? sql`SELECT g.id, t.geom, g.props, g.ord FROM json_to_recordset(${json}::json) AS g(id text, key int, props json, ord int)
      JOIN buildings t ON t.id = g.key`
    : sql`SELECT g.id, t.geom, g.props, g.ord FROM json_to_recordset(${json}::json) AS g(id text, key char(12), props json, ord int)
      JOIN communities t ON t.code = g.key`
}

export interface ItemsFilter {
  collection: string
  /** the rows of an analysis collection, read from memory */
  memory?: MemoryRows
  /** [minX, minY, maxX, maxY] in bboxCrs, easting first */
  bbox?: [number, number, number, number]
  bboxCrs: OgcCrs
  crs: OgcCrs
  /** an ISO instant: features as of then (temporal collections) */
  at?: string
  limit: number
  offset: number
}

/** The served geometry of `r.geom` in a CRS: clean at that CRS's precision, axes in its order. */
function servedIn(crs: OgcCrs) {
  const projected = crs.srid === 4326 ? sql`r.geom` : sql`ST_Transform(r.geom, ${sql.lit(crs.srid)})`
  const clean = cleanGeometry(projected, crs.gridSize)
  const ordered = crs.northFirst ? sql`ST_FlipCoordinates(${clean})` : clean
  return sql`ST_AsGeoJSON(${ordered}, ${sql.lit(crs.decimals)})::json`
}

function bboxWhere(filter: Pick<ItemsFilter, 'bbox' | 'bboxCrs'>) {
  if (!filter.bbox) return sql`TRUE`
  const [minX, minY, maxX, maxY] = filter.bbox
  const envelope = sql`ST_MakeEnvelope(${minX}::float8, ${minY}::float8, ${maxX}::float8, ${maxY}::float8, ${sql.lit(filter.bboxCrs.srid)})`
  const wgs84 = filter.bboxCrs.srid === 4326 ? envelope : sql`ST_Transform(${envelope}, 4326)`
  return sql`ST_Intersects(r.geom, ${wgs84})`
}

const featureJson = (crs: OgcCrs) =>
  sql`json_build_object('type', 'Feature', 'id', r.id, 'geometry', ${servedIn(crs)}, 'properties', r.props)`

export interface ItemsPage {
  matched: number
  returned: number
  /** the features as a JSON array, built in PostGIS */
  features: string
}

export async function listItems(db: Kysely<Database>, filter: ItemsFilter): Promise<ItemsPage> {
  if (filter.memory) return listMemoryItems(db, filter.memory, filter)
  const source = SOURCES[filter.collection](filter.at)
  const where = bboxWhere(filter)
  const { rows } = await sql<{ matched: number; returned: number; features: string }>`
    WITH page AS (SELECT r.* FROM (${source.rows}) r WHERE ${where} ORDER BY r.id LIMIT ${filter.limit} OFFSET ${filter.offset})
    SELECT (SELECT count(*) FROM (${source.rows}) r WHERE ${where})::int AS matched,
      (SELECT count(*) FROM page)::int AS returned,
      coalesce((SELECT json_agg(${featureJson(filter.crs)} ORDER BY r.id) FROM page r), '[]'::json)::text AS features`.execute(
    db,
  )
  return rows[0]
}

/** A page of memory rows: paged in memory when there is no bbox, otherwise filtered by PostGIS. */
async function listMemoryItems(db: Kysely<Database>, memory: MemoryRows, filter: ItemsFilter): Promise<ItemsPage> {
  if (filter.bbox) {
    const where = bboxWhere(filter)
    // points known in memory: only those near the box go to PostGIS, which decides exactly
    const [w, s, e, n] = bboxInWgs84(filter.bbox, filter.bboxCrs.srid)
    const near = memory.rows.filter(
      (r) => !r.lngLat || (r.lngLat[0] >= w && r.lngLat[0] <= e && r.lngLat[1] >= s && r.lngLat[1] <= n),
    )
    const { rows } = await sql<ItemsPage>`WITH r AS (SELECT r.* FROM (${memorySource(memory, near)}) r WHERE ${where}),
      page AS (SELECT * FROM r ORDER BY r.ord LIMIT ${filter.limit} OFFSET ${filter.offset})
      SELECT (SELECT count(*) FROM r)::int AS matched, (SELECT count(*) FROM page)::int AS returned,
        coalesce((SELECT json_agg(${featureJson(filter.crs)} ORDER BY r.ord) FROM page r), '[]'::json)::text AS features`.execute(
      db,
    )
    return rows[0]
  }
  const page = memory.rows.slice(filter.offset, filter.offset + filter.limit)
  const { rows } = await sql<{ features: string }>`SELECT
      coalesce(json_agg(${featureJson(filter.crs)} ORDER BY r.ord), '[]'::json)::text AS features
    FROM (${memorySource(memory, page)}) r`.execute(db)
  return { matched: memory.rows.length, returned: page.length, features: rows[0].features }
}

/** One memory row as a feature in a CRS, its geometry joined from its table. */
export async function getMemoryItem(
  db: Kysely<Database>,
  memory: MemoryRows,
  id: string,
  crs: OgcCrs,
): Promise<string | undefined> {
  const row = memory.rows.find((r) => r.id === id)
  if (!row) return undefined
  const { rows } = await sql<{ feature: string }>`SELECT (${featureJson(crs)})::text AS feature
    FROM (${memorySource(memory, [row])}) r`.execute(db)
  return rows[0]?.feature
}

export async function getItem(
  db: Kysely<Database>,
  collection: string,
  id: string | number,
  crs: OgcCrs,
): Promise<string | undefined> {
  const source = SOURCES[collection]()
  const { rows } = await sql<{ feature: string }>`SELECT (${featureJson(crs)})::text AS feature
    FROM (${source.rows}) r WHERE r.id = ${id}`.execute(db)
  return rows[0]?.feature
}

/** The district's extent in CRS84: every collection lies inside it. */
export async function worldExtent(db: Kysely<Database>): Promise<[number, number, number, number] | null> {
  const { rows } = await sql<{ b: number[] | null }>`SELECT CASE WHEN e IS NULL THEN NULL ELSE
      ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] END AS b
    FROM (SELECT ST_Extent(geom)::box2d AS e FROM districts) x`.execute(db)
  const b = rows[0]?.b
  return b ? [b[0], b[1], b[2], b[3]] : null
}

/** The first day a grid was valid, for the temporal extent of grids. */
export async function firstGridDate(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ d: string | null }>`SELECT min(valid_from)::text AS d FROM grids`.execute(db)
  return rows[0]?.d ?? null
}
