// The SQL of the printable grid plan: a community's or street's current grids as SVG paths with a
// label point, and the place's name.
import { type Kysely, sql } from 'kysely'
import type { SheetGrid } from '../../../core/export/grid-sheet'
import type { Database } from '../../db/schema'
import { cleanGeometry } from '../../db/sql-fragments'

export async function sheetPlace(
  db: Kysely<Database>,
  scope: { community?: string; street?: string },
): Promise<{ code: string; name: string } | undefined> {
  const { rows } =
    scope.community !== undefined
      ? await sql<{
          code: string
          name: string
        }>`SELECT code, name FROM communities WHERE code = ${scope.community}`.execute(db)
      : await sql<{
          code: string
          name: string
        }>`SELECT code, name FROM streets WHERE code = ${scope.street ?? ''}`.execute(db)
  return rows[0]
}

export async function sheetGrids(
  db: Kysely<Database>,
  scope: { community?: string; street?: string },
): Promise<{ grids: SheetGrid[]; extent: [number, number, number, number] }> {
  const where =
    scope.community !== undefined
      ? sql`g.community_code = ${scope.community}`
      : sql`g.street_code = ${scope.street ?? ''}`
  const { rows } = await sql<
    SheetGrid & { minx: number; miny: number; maxx: number; maxy: number }
  >`SELECT g.code, g.name,
      c.name AS "communityName", g.households, g.residents, g.unit_count AS "unitCount",
      ST_AsSVG(${cleanGeometry(sql.ref('g.geom'))}, 0, 6) AS d,
      json_build_array(ST_X(ST_PointOnSurface(g.geom)), ST_Y(ST_PointOnSurface(g.geom))) AS label,
      ST_XMin(g.geom) AS minx, ST_YMin(g.geom) AS miny, ST_XMax(g.geom) AS maxx, ST_YMax(g.geom) AS maxy
    FROM grids g JOIN communities c ON c.code = g.community_code
    WHERE g.valid_to IS NULL AND g.geom IS NOT NULL AND ${where}
    ORDER BY g.code`.execute(db)
  const extent: [number, number, number, number] = [
    Math.min(...rows.map((r) => r.minx)),
    Math.min(...rows.map((r) => r.miny)),
    Math.max(...rows.map((r) => r.maxx)),
    Math.max(...rows.map((r) => r.maxy)),
  ]
  return {
    grids: rows.map(({ minx: _a, miny: _b, maxx: _c, maxy: _d, ...g }) => g),
    extent: rows.length ? extent : [0, 0, 0, 0],
  }
}
