// Reads part of a loaded world back as layers of GeoJSON features (WGS84, flat properties), the
// way a street office's files would hold it, and the figures a round trip must keep: households
// per community and per grid, units, buildings, facilities. Test-side only: the product's exports
// are the export routes' business.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../server/db/schema'
import type { LayerFeature } from './world-files'

export interface WorldLayers {
  streets: LayerFeature[]
  communities: LayerFeature[]
  units: LayerFeature[]
  buildings: LayerFeature[]
  grids: LayerFeature[]
  facilities: LayerFeature[]
}

type Rows = { properties: Record<string, string | number | null>; geometry: LayerFeature['geometry'] }[]

async function layer(db: Kysely<Database>, query: ReturnType<typeof sql>): Promise<LayerFeature[]> {
  const { rows } = await query.execute(db)
  return (rows as Rows).map((r) => ({ type: 'Feature', geometry: r.geometry, properties: r.properties }))
}

/** The layers of the given streets (all their communities, units, buildings, current grids, facilities). */
export async function exportStreets(db: Kysely<Database>, streetCodes: string[]): Promise<WorldLayers> {
  const codes = sql.join(streetCodes.map((c) => sql`${c}`))
  const geom = (column = sql.ref('geom')) => sql`ST_AsGeoJSON(${column}, 7)::json`
  return {
    streets: await layer(
      db,
      sql`SELECT json_build_object('code', code, 'name', name, 'kind', kind) AS properties, ${geom()} AS geometry
          FROM streets WHERE code IN (${codes}) ORDER BY code`,
    ),
    communities: await layer(
      db,
      sql`SELECT json_build_object('code', code, 'name', name, 'streetCode', street_code, 'kind', kind,
                 'households', households, 'residents', residents, 'workers', workers) AS properties,
                 ${geom()} AS geometry
          FROM communities WHERE street_code IN (${codes}) ORDER BY code`,
    ),
    units: await layer(
      db,
      sql`SELECT json_build_object('code', code, 'name', name, 'communityCode', community_code, 'kind', kind,
                 'households', households, 'residents', residents) AS properties, ${geom()} AS geometry
          FROM units WHERE street_code IN (${codes}) ORDER BY code`,
    ),
    buildings: await layer(
      db,
      // the address a register gives each building: the unit's name and a number, which no field takes
      sql`SELECT json_build_object('unitCode', u.code, 'address',
                 u.name || (row_number() OVER (PARTITION BY u.id ORDER BY b.id))::text || '号楼',
                 'households', b.households, 'residents', b.residents, 'floors', b.floors) AS properties, ${geom(sql.ref('b.geom'))} AS geometry
          FROM buildings b JOIN units u ON u.id = b.unit_id WHERE b.street_code IN (${codes}) ORDER BY b.id`,
    ),
    grids: await layer(
      db,
      sql`SELECT json_build_object('code', code, 'name', name, 'communityCode', community_code) AS properties,
                 ${geom()} AS geometry
          FROM grids WHERE valid_to IS NULL AND street_code IN (${codes}) ORDER BY code`,
    ),
    facilities: await layer(
      db,
      sql`SELECT json_build_object('name', name, 'typeCode', type_code, 'status', status,
                 'floorAreaM2', floor_area_m2::float8, 'activityAreaM2', activity_area_m2::float8,
                 'capacity', capacity, 'radiusM', radius_m, 'communityCode', community_code) AS properties,
                 ${geom()} AS geometry
          FROM facilities WHERE status <> 'retired' AND street_code IN (${codes}) ORDER BY id`,
    ),
  }
}

/** The figures a round trip must keep, by the layer that brings them in. */
export interface WorldFigures {
  /** street code → name */
  streets: Record<string, string>
  /** community code → households, residents, workers */
  communities: Record<string, [number, number, number]>
  /** unit code → households, residents */
  units: Record<string, [number, number]>
  /** community code → buildings, households summed over them */
  buildings: Record<string, [number, number]>
  /** current grid code → households, units; and unit code → the code of its grid */
  grids: { totals: Record<string, [number, number]>; unitGrid: Record<string, string | null> }
  /** facility type → facilities (not retired) */
  facilities: Record<string, number>
}

const record = <T>(rows: { k: string; v: T }[]) => Object.fromEntries(rows.map((r) => [r.k.trim(), r.v]))

/** The figures of the given streets (all of them when `streetCodes` is null). */
export async function worldFigures(db: Kysely<Database>, streetCodes: string[] | null): Promise<WorldFigures> {
  const inStreets = (column: string) =>
    streetCodes ? sql`${sql.ref(column)} IN (${sql.join(streetCodes.map((c) => sql`${c}`))})` : sql`true`
  const many = async <T>(q: ReturnType<typeof sql>) => record((await q.execute(db)).rows as { k: string; v: T }[])
  return {
    streets: await many(sql`SELECT code AS k, name AS v FROM streets WHERE ${inStreets('code')}`),
    communities: await many(
      sql`SELECT code AS k, json_build_array(households, residents, workers) AS v
          FROM communities WHERE ${inStreets('street_code')}`,
    ),
    units: await many(
      sql`SELECT code AS k, json_build_array(households, residents) AS v FROM units WHERE ${inStreets('street_code')}`,
    ),
    buildings: await many(
      sql`SELECT community_code AS k, json_build_array(count(*)::int, sum(households)::int) AS v
          FROM buildings WHERE ${inStreets('street_code')} GROUP BY community_code`,
    ),
    grids: {
      totals: await many(
        sql`SELECT code AS k, json_build_array(households, unit_count) AS v
            FROM grids WHERE valid_to IS NULL AND ${inStreets('street_code')}`,
      ),
      unitGrid: await many(
        sql`SELECT u.code AS k, g.code AS v FROM units u LEFT JOIN grids g ON g.id = u.grid_id
            WHERE ${inStreets('u.street_code')}`,
      ),
    },
    facilities: await many(
      sql`SELECT type_code AS k, count(*)::int AS v FROM facilities
          WHERE status <> 'retired' AND ${inStreets('street_code')} GROUP BY type_code`,
    ),
  }
}
