// All SQL for vector tiles: the rows of each tiled layer, one tile through ST_AsMVT (server
// engine), a whole layer as GeoJSON for the in-memory tiler (embedded engine, ADR 15), and the
// extent an edit touched.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { type Bbox, STORED_TILE_LAYER_NAMES } from '../../../core/api'
import type { TileCoord } from '../../../core/tiles/tile-math'
import type { Database } from '../../db/schema'
import { cleanGeometry, householdTarget, householdTolerance, SERVED_DECIMALS } from '../../db/sql-fragments'

/** The layers tiled from their tables (the coverage gaps are tiled from memory: tiles.service.ts). */
export const TILE_LAYERS = STORED_TILE_LAYER_NAMES
export type TileLayer = (typeof STORED_TILE_LAYER_NAMES)[number]

/** MVT tile extent and clip buffer in tile units (the same on both engines). */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64

/** A layer served whole (exports) or as tiles: every tiled layer, and the streets. */
export type DataLayer = TileLayer | 'streets'
export const DATA_LAYERS: readonly DataLayer[] = ['streets', ...TILE_LAYERS]

/** One layer: `id`, its properties and `geom` (EPSG:4326) per row; the ids are integers. */
const layerRows: Record<DataLayer, RawBuilder<unknown>> = {
  streets: sql`SELECT s.code::bigint AS id, s.code, s.name, s.kind, s.code AS "streetCode", s.geom FROM streets s`,
  grids: sql`SELECT g.id, g.code, g.name, g.community_code AS "communityCode", g.street_code AS "streetCode",
      g.households, g.residents, g.unit_count AS "unitCount",
      round(((g.households - t.target)::numeric / t.target), 4)::float8 AS deviation,
      abs(g.households - t.target) <= t.target * t.tolerance AS "inBand", g.geom
    FROM grids g, (SELECT ${householdTarget} AS target, ${householdTolerance} AS tolerance) t
    WHERE g.valid_to IS NULL AND g.geom IS NOT NULL`,
  communities: sql`SELECT c.code::bigint AS id, c.code, c.name, c.street_code AS "streetCode", c.kind,
      c.households, c.residents, c.geom FROM communities c`,
  units: sql`SELECT u.id, u.code, u.name, u.kind, u.community_code AS "communityCode", u.street_code AS "streetCode", u.grid_id AS "gridId",
      u.households, u.residents, u.geom FROM units u`,
  buildings: sql`SELECT b.id, b.unit_id AS "unitId", b.community_code AS "communityCode", b.street_code AS "streetCode", b.kind, b.floors,
      b.households, b.residents, b.geom FROM buildings b`,
  facilities: sql`SELECT f.id, f.name, f.type_code AS "typeCode", f.status, f.community_code AS "communityCode",
      f.street_code AS "streetCode", f.geom FROM facilities f WHERE f.status <> 'retired'`,
}

/** The SQL of one tile on the server engine: rows whose box meets the tile, clipped and encoded by PostGIS. */
export function mvtTileSql(layer: TileLayer, { z, x, y }: TileCoord): RawBuilder<{ mvt: Uint8Array | null }> {
  return sql<{ mvt: Uint8Array | null }>`WITH e AS (SELECT ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) AS m),
    w AS (SELECT ST_Transform(e.m, 4326) AS g, e.m FROM e),
    r AS (SELECT * FROM (${layerRows[layer]}) r0, w WHERE r0.geom && w.g),
    t AS (SELECT r.*, ST_AsMVTGeom(ST_Transform(r.geom, 3857), r.m, ${TILE_EXTENT}::int, ${TILE_BUFFER}::int, true) AS tile_geom FROM r)
    SELECT ST_AsMVT(t.*, ${layer}::text, ${TILE_EXTENT}::int, 'tile_geom', 'id') AS mvt
    FROM (SELECT t.id, ${layerColumns(layer)}, t.tile_geom FROM t WHERE t.tile_geom IS NOT NULL) t`
}

const columns: Record<DataLayer, string[]> = {
  streets: ['code', 'name', 'kind'],
  grids: ['code', 'name', 'communityCode', 'streetCode', 'households', 'residents', 'unitCount', 'deviation', 'inBand'],
  communities: ['code', 'name', 'streetCode', 'kind', 'households', 'residents'],
  units: ['code', 'name', 'kind', 'communityCode', 'streetCode', 'gridId', 'households', 'residents'],
  buildings: ['unitId', 'communityCode', 'streetCode', 'kind', 'floors', 'households', 'residents'],
  facilities: ['name', 'typeCode', 'status', 'communityCode', 'streetCode'],
}

const NUMBERS = new Set(['households', 'residents', 'unitCount', 'deviation', 'gridId', 'unitId', 'floors'])

/** The properties a layer's features carry and their types (TileJSON's `vector_layers`). */
export function layerFields(layer: DataLayer): Record<string, 'Number' | 'String' | 'Boolean'> {
  const fields: Record<string, 'Number' | 'String' | 'Boolean'> = { id: 'Number' }
  for (const c of columns[layer]) fields[c] = c === 'inBand' ? 'Boolean' : NUMBERS.has(c) ? 'Number' : 'String'
  return fields
}

function layerColumns(layer: DataLayer) {
  return sql.join(columns[layer].map((c) => sql.ref(`t.${c}`)))
}

/** One tile as MVT bytes through ST_AsMVT (server engine only: PGlite's PostGIS has no protobuf). */
export async function mvtTile(db: Kysely<Database>, layer: TileLayer, tile: TileCoord): Promise<Uint8Array> {
  const { rows } = await mvtTileSql(layer, tile).execute(db)
  return rows[0]?.mvt ?? new Uint8Array(0)
}

/** One geometry type per layer (what Shapefile and FlatGeobuf readers expect): a polygon the cleaning left single becomes a one-part MultiPolygon. */
export const polygonsAsMulti = (g: RawBuilder<unknown>) =>
  sql`(SELECT CASE WHEN GeometryType(x) = 'POLYGON' THEN ST_Multi(x) ELSE x END FROM (SELECT ${g} AS x) c)`

/** Which rows of a layer: all, or those of one community or street. */
export interface LayerFilter {
  community?: string
  street?: string
}

function layerFilter(layer: DataLayer, filter: LayerFilter) {
  const community = layer === 'communities' ? 't.code' : 't.communityCode'
  const parts = [sql`TRUE`]
  if (filter.community !== undefined)
    parts.push(
      layer === 'streets'
        ? sql`t."streetCode" = left(${filter.community}, 9)`
        : sql`${sql.ref(community)} = ${filter.community}`,
    )
  if (filter.street !== undefined) parts.push(sql`t."streetCode" = ${filter.street}`)
  return sql.join(parts, sql` AND `)
}

/**
 * A whole layer (or one community's or street's part) as a GeoJSON FeatureCollection (text, built
 * in SQL), in the clean served geometry (valid at 6 decimals, RFC 7946 rings) the API serves.
 */
export async function layerGeoJson(db: Kysely<Database>, layer: DataLayer, filter: LayerFilter = {}): Promise<string> {
  const { rows } = await sql<{ fc: string }>`SELECT json_build_object('type', 'FeatureCollection', 'features',
      coalesce(json_agg(json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(${polygonsAsMulti(cleanGeometry(sql.ref('t.geom')))}, ${sql.lit(SERVED_DECIMALS)})::json,
        'properties', json_build_object('id', t.id, ${sql.join(columns[layer].map((c) => sql`${c}::text, ${sql.ref(`t.${c}`)}`))}))
      ), '[]'::json))::text AS fc
    FROM (${layerRows[layer]}) t WHERE ${layerFilter(layer, filter)}`.execute(db)
  return rows[0].fc
}

/** The extent of a community (what a grid edit can change), as a lng/lat box. */
export async function communityExtent(db: Kysely<Database>, code: string): Promise<Bbox | undefined> {
  const { rows } = await sql<{
    b: Bbox | null
  }>`SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS b
    FROM (SELECT ST_Extent(geom)::geometry AS e FROM communities WHERE code = ${code}) x WHERE e IS NOT NULL`.execute(
    db,
  )
  return rows[0]?.b ?? undefined
}

/**
 * The reach of a facility edit: where the facility was and is, each widened by its service radius
 * there (measured in EPSG:4548 metres, as coverage is) — the only buildings whose coverage it can change.
 */
export async function revisionReach(db: Kysely<Database>, revisionId: number): Promise<Bbox | undefined> {
  const { rows } = await sql<{
    b: Bbox | null
  }>`SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS b
    FROM (SELECT ST_Extent(ST_Transform(ST_Expand(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 4548),
        coalesce((f->'properties'->>'radiusM')::float8, 0) + 1), 4326))::geometry AS e
      FROM revisions r, LATERAL (VALUES (r.before), (r.after)) v(f)
      WHERE r.id = ${revisionId} AND f IS NOT NULL AND f ? 'geometry' AND f->'geometry' <> 'null'::jsonb) x
    WHERE e IS NOT NULL`.execute(db)
  return rows[0]?.b ?? undefined
}

/** The extent of a facility edit: where the facility was before and where it is after the revision. */
export async function revisionExtent(db: Kysely<Database>, revisionId: number): Promise<Bbox | undefined> {
  const { rows } = await sql<{
    b: Bbox | null
  }>`SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS b
    FROM (SELECT ST_Extent(ST_GeomFromGeoJSON(f->>'geometry'))::geometry AS e
      FROM revisions r, LATERAL (VALUES (r.before), (r.after)) v(f)
      WHERE r.id = ${revisionId} AND f IS NOT NULL AND f ? 'geometry' AND f->'geometry' <> 'null'::jsonb) x
    WHERE e IS NOT NULL`.execute(db)
  return rows[0]?.b ?? undefined
}

/** The newest revision id: the data's revision that tiles' ETags start from. */
export async function latestRevision(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ id: number | null }>`SELECT max(id)::int AS id FROM revisions`.execute(db)
  return rows[0]?.id ?? 0
}

/** The district's extent, [w, s, e, n] (TileJSON `bounds`). */
export async function districtBounds(db: Kysely<Database>): Promise<Bbox> {
  const { rows } = await sql<{ b: Bbox }>`SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS b
    FROM (SELECT coalesce(ST_Extent(geom)::geometry, ST_MakeEnvelope(-180, -85, 180, 85, 4326)) AS e FROM districts) x`.execute(
    db,
  )
  return rows[0].b
}

/** The rows one tile would carry, as GeoJSON text, without encoding (the benchmark's floor on the embedded engine). */
export async function tileRowsGeoJson(db: Kysely<Database>, layer: TileLayer, { z, x, y }: TileCoord): Promise<string> {
  const { rows } = await sql<{
    fc: string
  }>`WITH w AS (SELECT ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), 4326) AS g)
    SELECT coalesce(json_agg(ST_AsGeoJSON(r.geom, 7)::json), '[]'::json)::text AS fc
    FROM (${layerRows[layer]}) r, w WHERE r.geom && w.g`.execute(db)
  return rows[0].fc
}
