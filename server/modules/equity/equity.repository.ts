// The SQL the equalization views need beyond the coverage store: street names, community outlines.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

export async function loadStreetNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('streets').select(['code', 'name']).orderBy('code').execute()
  return new Map(rows.map((r) => [r.code, r.name]))
}

/** Community outlines as SVG path data (degrees, y = −lat, simplified ~30 m) and their extent. */
export async function communitySvgPaths(
  db: Kysely<Database>,
  street: string | null,
): Promise<{ paths: { code: string; d: string }[]; extent: [number, number, number, number] }> {
  const only = street === null ? sql`TRUE` : sql`street_code = ${street}`
  const { rows } = await sql<{
    code: string
    d: string
  }>`SELECT code, ST_AsSVG(ST_SimplifyPreserveTopology(geom, 0.0003), 0, 5) AS d
    FROM communities WHERE ${only} ORDER BY code`.execute(db)
  const ext = await sql<{ minx: number; miny: number; maxx: number; maxy: number }>`SELECT
      ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
    FROM (SELECT ST_Extent(geom)::geometry AS e FROM communities WHERE ${only}) x`.execute(db)
  const e = ext.rows[0]
  return {
    paths: rows,
    extent: [Number(e?.minx ?? 117.13), Number(e?.miny ?? 38.56), Number(e?.maxx ?? 118.07), Number(e?.maxy ?? 39.33)],
  }
}
