// The world's invariants as SQL: totals reconcile at every level, units tile their community,
// every building lies in exactly its own unit. Used by tests and by `npm run check:world`.
import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { UNION_GRID_SIZE_DEGREES } from '../grids/grids.repository'

export interface ReconcileReport {
  unitsNotMatchingBuildings: number
  communitiesNotMatchingUnits: number
  gridsNotMatchingUnits: number
  unitsWithoutGrid: number
  totals: { buildings: number; units: number; grids: number; communities: number }
}

export async function reconcileTotals(db: Kysely<Database>): Promise<ReconcileReport> {
  const { rows } = await sql<Omit<ReconcileReport, 'totals'> & Record<string, number>>`SELECT
    (SELECT count(*) FROM units u LEFT JOIN (SELECT unit_id, sum(households) h, sum(residents) r FROM buildings GROUP BY unit_id) b
       ON b.unit_id = u.id WHERE coalesce(b.h, 0) <> u.households OR coalesce(b.r, 0) <> u.residents)::int AS "unitsNotMatchingBuildings",
    (SELECT count(*) FROM communities c LEFT JOIN (SELECT community_code, sum(households) h, sum(residents) r FROM units GROUP BY community_code) u
       ON u.community_code = c.code WHERE coalesce(u.h, 0) <> c.households OR coalesce(u.r, 0) <> c.residents)::int AS "communitiesNotMatchingUnits",
    (SELECT count(*) FROM grids g LEFT JOIN (SELECT grid_id, sum(households) h, count(*) n FROM units GROUP BY grid_id) u
       ON u.grid_id = g.id WHERE g.valid_to IS NULL AND (coalesce(u.h, 0) <> g.households OR coalesce(u.n, 0) <> g.unit_count))::int AS "gridsNotMatchingUnits",
    (SELECT count(*) FROM units WHERE grid_id IS NULL)::int AS "unitsWithoutGrid",
    (SELECT coalesce(sum(households), 0) FROM buildings)::int AS b,
    (SELECT coalesce(sum(households), 0) FROM units)::int AS u,
    (SELECT coalesce(sum(households), 0) FROM grids WHERE valid_to IS NULL)::int AS g,
    (SELECT coalesce(sum(households), 0) FROM communities)::int AS c`.execute(db)
  const { b, u, g, c, ...rest } = rows[0]
  return { ...rest, totals: { buildings: b, units: u, grids: g, communities: c } } as ReconcileReport
}

export interface TilingRow {
  code: string
  parentAreaM2: number
  childrenAreaM2: number
  unionAreaM2: number
}

const TILINGS = {
  // units tile their community; communities tile their street (whitelisted identifiers only)
  units: { parent: 'communities', child: 'units', key: 'community_code' },
  communities: { parent: 'streets', child: 'communities', key: 'street_code' },
} as const

/** Per parent: its area, the sum of its children's areas, and the area of their union (geodesic m²). */
async function tiling(db: Kysely<Database>, which: keyof typeof TILINGS): Promise<TilingRow[]> {
  const { parent, child, key } = TILINGS[which]
  const { rows } = await sql<TilingRow>`SELECT p.code,
      ST_Area(p.geom::geography) AS "parentAreaM2",
      s.children AS "childrenAreaM2",
      ST_Area(s.union_geom::geography) AS "unionAreaM2"
    FROM ${sql.table(parent)} p CROSS JOIN LATERAL (
      SELECT sum(ST_Area(c.geom::geography)) AS children,
        ST_UnaryUnion(ST_Collect(c.geom), ${UNION_GRID_SIZE_DEGREES}::float8) AS union_geom
      FROM ${sql.table(child)} c WHERE ${sql.ref(`c.${key}`)} = p.code) s
    ORDER BY p.code`.execute(db)
  return rows
}

/** Units within each community. */
export const unitTiling = (db: Kysely<Database>) => tiling(db, 'units')
/** Communities within each street. */
export const communityTiling = (db: Kysely<Database>) => tiling(db, 'communities')

/** Buildings outside their own unit, and the count of (building, unit) containments overall. */
export async function buildingPlacement(db: Kysely<Database>) {
  const { rows } = await sql<{ outsideOwnUnit: number; containments: number; buildings: number }>`SELECT
    (SELECT count(*) FROM buildings b JOIN units u ON u.id = b.unit_id WHERE NOT ST_Intersects(u.geom, b.geom))::int AS "outsideOwnUnit",
    (SELECT coalesce(sum(n), 0) FROM units u CROSS JOIN LATERAL (
       SELECT count(*) AS n FROM buildings b WHERE ST_Intersects(u.geom, b.geom)) x)::int AS containments,
    (SELECT count(*) FROM buildings)::int AS buildings`.execute(db)
  return rows[0]
}

export interface TopologyReport {
  features: number
  invalid: number
  /** pairs in the same group whose interiors meet (ST_Relate '2********': any shared area, tolerance 0) */
  overlappingPairs: number
  /** parents whose children's union leaves part of them uncovered (any area, tolerance 0) */
  gaps: number
  /** the total uncovered area, m² (to see how large the gaps are) */
  gapAreaM2: number
}

/**
 * The topology of a polygon layer as a client received it (GeoJSON features, e.g. read back from
 * a GeoPackage written by ogr2ogr), checked the way QGIS's topology checker does at tolerance 0:
 * invalid geometries, overlapping pairs within a group, and gaps against each group's parent.
 * `group` names the property that groups the features (e.g. communityCode); `parents` are the
 * features they must tile, keyed by their id.
 */
export async function polygonTopology(
  db: Kysely<Database>,
  features: GeoJSON.Feature[],
  group: string,
  parents: GeoJSON.Feature[],
): Promise<TopologyReport> {
  // a scratch table, loaded in chunks (one huge JSON parameter is too much for the embedded engine)
  const table = `topology_${randomBytes(6).toString('hex')}`
  await sql`CREATE UNLOGGED TABLE ${sql.table(table)} (n serial, kind text, grp text, geom geometry)`.execute(db)
  try {
    const load = async (kind: 'child' | 'parent', list: GeoJSON.Feature[]) => {
      for (let i = 0; i < list.length; i += 50) {
        const chunk = list.slice(i, i + 50).map((f) => ({
          grp: kind === 'child' ? String(f.properties?.[group] ?? '') : String(f.id),
          geometry: f.geometry,
        }))
        await sql`INSERT INTO ${sql.table(table)} (kind, grp, geom)
          SELECT ${kind}, e->>'grp', ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326)
          FROM json_array_elements(${JSON.stringify(chunk)}::json) e`.execute(db)
      }
    }
    await load('child', features)
    await load('parent', parents)
    const t = sql.table(table)
    const { rows } = await sql<TopologyReport>`WITH
      f AS (SELECT * FROM ${t} WHERE kind = 'child'),
      valid AS (SELECT * FROM f WHERE ST_IsValid(geom)),
      -- overlays on a 1e-9° grid: exact for served coordinates (all on the 1e-6° grid), and robust
      -- where boundaries coincide (the embedded engine's GEOS otherwise fails, silently: ADR 2)
      u AS MATERIALIZED (SELECT p.grp,
          ST_Difference(p.geom, ST_UnaryUnion(ST_Collect(v.geom), 1e-9), 1e-9) AS left_over
        FROM ${t} p JOIN valid v ON v.grp = p.grp WHERE p.kind = 'parent' GROUP BY p.grp, p.geom)
      SELECT (SELECT count(*) FROM f)::int AS features,
        (SELECT count(*) FROM f WHERE NOT ST_IsValid(geom))::int AS invalid,
        (SELECT count(*) FROM valid a JOIN valid b ON a.grp = b.grp AND a.n < b.n AND a.geom && b.geom
          AND ST_Relate(a.geom, b.geom, '2********'))::int AS "overlappingPairs",
        (SELECT count(*) FROM u WHERE NOT ST_IsEmpty(left_over) AND ST_Area(left_over) > 0)::int AS gaps,
        (SELECT coalesce(sum(ST_Area(left_over::geography)), 0) FROM u)::float8 AS "gapAreaM2"`.execute(db)
    return rows[0]
  } finally {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db)
  }
}
