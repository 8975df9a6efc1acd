// All SQL for find anything (找地方): the names, codes and boxes the search index is built from,
// and the outlines of the few hits a search returns.
import { type Kysely, sql } from 'kysely'
import type { SearchKind, SearchSource } from '../../../core/domain/search/search-index'
import type { Database } from '../../db/schema'
import { servedGeoJson } from '../../db/sql-fragments'

interface SourceRow {
  kind: SearchKind
  key: string
  code: string | null
  name: string
  context: string
  grid_id: number | null
  xmin: number
  ymin: number
  xmax: number
  ymax: number
}

const box = (column: string) =>
  sql`ST_XMin(${sql.ref(column)}) AS xmin, ST_YMin(${sql.ref(column)}) AS ymin,
      ST_XMax(${sql.ref(column)}) AS xmax, ST_YMax(${sql.ref(column)}) AS ymax`

/** Every street, community, current grid, unit and facility (not retired) with where it is. */
export async function readSearchSources(db: Kysely<Database>): Promise<SearchSource[]> {
  const { rows } = await sql<SourceRow>`
    SELECT 'street' AS kind, s.code AS key, s.code, s.name, d.name AS context, NULL::int AS grid_id, ${box('s.geom')}
      FROM streets s JOIN districts d ON d.code = s.district_code
    UNION ALL
    SELECT 'community', c.code, c.code, c.name, s.name, NULL, ${box('c.geom')}
      FROM communities c JOIN streets s ON s.code = c.street_code
    UNION ALL
    SELECT 'grid', g.id::text, g.code, g.name, c.name || ' · ' || s.name, NULL, ${box('g.geom')}
      FROM grids g JOIN communities c ON c.code = g.community_code JOIN streets s ON s.code = g.street_code
      WHERE g.valid_to IS NULL AND g.geom IS NOT NULL
    UNION ALL
    SELECT 'unit', u.id::text, u.code, u.name, c.name || ' · ' || s.name, u.grid_id, ${box('u.geom')}
      FROM units u JOIN communities c ON c.code = u.community_code JOIN streets s ON s.code = u.street_code
    UNION ALL
    SELECT 'facility', f.id::text, NULL, f.name, coalesce(c.name || ' · ', '') || s.name, NULL, ${box('f.geom')}
      FROM facilities f JOIN streets s ON s.code = f.street_code LEFT JOIN communities c ON c.code = f.community_code
      WHERE f.status <> 'retired'`.execute(db)
  return rows.map((r) => ({
    kind: r.kind,
    key: r.kind === 'street' || r.kind === 'community' ? r.key.trim() : Number(r.key),
    code: r.code?.trim() ?? null,
    name: r.name,
    context: r.context,
    bbox: [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)],
    ...(r.kind === 'unit' ? { gridId: r.grid_id } : {}),
  }))
}

const GEOMETRY_TABLES: Record<SearchKind, { table: string; key: string }> = {
  street: { table: 'streets', key: 'code' },
  community: { table: 'communities', key: 'code' },
  grid: { table: 'grids', key: 'id' },
  unit: { table: 'units', key: 'id' },
  facility: { table: 'facilities', key: 'id' },
}

/** The served outline (a facility: its point) of each hit, keyed `${kind}:${key}`. */
export async function readHitGeometries(
  db: Kysely<Database>,
  hits: readonly { kind: SearchKind; key: string | number }[],
): Promise<Map<string, unknown>> {
  const geometries = new Map<string, unknown>()
  const kinds = [...new Set(hits.map((h) => h.kind))]
  for (const kind of kinds) {
    const { table, key } = GEOMETRY_TABLES[kind]
    const keys = hits.filter((h) => h.kind === kind).map((h) => String(h.key))
    const { rows } = await sql<{ key: string; geometry: unknown }>`
      SELECT ${sql.ref(`t.${key}`)}::text AS key, ${servedGeoJson('t.geom')} AS geometry
        FROM ${sql.table(table)} t WHERE ${sql.ref(`t.${key}`)}::text = ANY(${keys})`.execute(db)
    for (const row of rows) geometries.set(`${kind}:${row.key.trim()}`, row.geometry)
  }
  return geometries
}
