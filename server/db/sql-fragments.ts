// Reusable, fully-bound SQL fragments for the repositories (never string concatenation).
import { type RawBuilder, sql } from 'kysely'
import type { Bbox } from '../../core/api'
import { SERVED_GRID_DEGREES as CORE_SERVED_GRID } from '../../core/demo/node-vertices'

/** `geom && envelope` when a bbox is given, else TRUE. The column name is a whitelisted identifier. */
export function bboxFilter(
  column: 'geom' | 'g.geom' | 'c.geom' | 's.geom' | 'f.geom',
  bbox?: Bbox,
): RawBuilder<boolean> {
  if (!bbox) return sql<boolean>`TRUE`
  const [minLng, minLat, maxLng, maxLat] = bbox
  return sql<boolean>`${sql.ref(column)} && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`
}

/** An optional equality filter: TRUE when the value is undefined. */
export function eqFilter(column: string, value: string | number | undefined): RawBuilder<boolean> {
  if (value === undefined) return sql<boolean>`TRUE`
  return sql<boolean>`${sql.ref(column)} = ${value}`
}

/** Served lng/lat precision: 6 decimals (~0.1 m); the grid the coordinates are snapped to. */
export const SERVED_DECIMALS = 6
export const SERVED_GRID_DEGREES = CORE_SERVED_GRID

/**
 * The clean form of a stored geometry, the one every served geometry goes through (the API, the
 * OGC API, and tiles and exports may call it too): its coordinates reduced *topologically* to the
 * served precision (`ST_ReducePrecision` snaps every vertex to the grid and repairs what the
 * snapping broke, so the result is valid at that precision, and vertices shared by neighbours
 * snap to the same point, so shared edges stay shared), then exterior rings counter-clockwise and
 * holes clockwise (RFC 7946). `gridSize` is in the geometry's units (degrees by default).
 */
export const cleanGeometry = (geom: RawBuilder<unknown>, gridSize = SERVED_GRID_DEGREES) =>
  // GEOS returns a one-part multi-geometry as a single part: the served type stays the stored one
  sql`ST_ForcePolygonCCW(CASE WHEN ST_GeometryType(${geom}) LIKE 'ST_Multi%'
    THEN ST_Multi(ST_ReducePrecision(${geom}, ${gridSize}::float8))
    ELSE ST_ReducePrecision(${geom}, ${gridSize}::float8) END)`

/** A column's clean geometry as GeoJSON at the served precision. */
export const servedGeoJson = (column: string) =>
  sql`ST_AsGeoJSON(${cleanGeometry(sql.ref(column))}, ${sql.lit(SERVED_DECIMALS)})::json`

/** GeoJSON geometry, clean and at the served precision (6 decimals, ~0.1 m). */
export const geojson = servedGeoJson

/** A label point inside the polygon, as [lng, lat] rounded to 6 decimals. */
export const labelPoint = (column: string) =>
  sql`json_build_array(round(ST_X(ST_PointOnSurface(${sql.ref(column)}))::numeric, 6), round(ST_Y(ST_PointOnSurface(${sql.ref(column)}))::numeric, 6))`

/** A geometry's box as a JSON array [minLng, minLat, maxLng, maxLat], 6 decimals. */
export const boxOf = (column: string) =>
  sql`json_build_array(round(ST_XMin(${sql.ref(column)})::numeric, 6), round(ST_YMin(${sql.ref(column)})::numeric, 6),
    round(ST_XMax(${sql.ref(column)})::numeric, 6), round(ST_YMax(${sql.ref(column)})::numeric, 6))`

export interface FeaturePageParts {
  /** SELECT <id> AS id FROM … WHERE <filters>: the ids of every matching row */
  ids: RawBuilder<unknown>
  /** SELECT … FROM … JOIN f USING (id): the rows of the page, read as alias `p` */
  rows: RawBuilder<unknown>
  /** the sort key of a page, over alias `p` */
  orderBy: RawBuilder<unknown>
  /** json_build_object('type','Feature', …) over alias `p` */
  feature: RawBuilder<unknown>
  limit: number
  offset: number
}

/** One FeatureCollection page built entirely in SQL: total counts ids only, JSON is built for the page only. */
export function featurePageSql(parts: FeaturePageParts): RawBuilder<{ fc: string }> {
  const { ids, rows, orderBy, feature, limit, offset } = parts
  return sql<{ fc: string }>`WITH f AS (${ids}),
    p AS (SELECT * FROM (${rows}) p ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(${feature} ORDER BY ${orderBy}) FROM p), '[]'::json),
      'total', (SELECT count(*) FROM f),
      'limit', ${limit}::int,
      'offset', ${offset}::int)::text AS fc`
}

/** The household band settings as SQL scalars (target, tolerance), read from the settings table. */
export const householdTarget = sql`(SELECT (value #>> '{}')::int FROM settings WHERE key = 'grid.household_target')`
export const householdTolerance = sql`(SELECT (value #>> '{}')::float8 FROM settings WHERE key = 'grid.household_tolerance')`
