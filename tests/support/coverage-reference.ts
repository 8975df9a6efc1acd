// Independent reference figures for coverage tests, computed by PostGIS on the geography
// (spheroid distances) — not by our in-memory code.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../server/db/schema'

export interface ReferenceCoverage {
  households: number
  covered: number // geodesic distance <= radius
  coveredLow: number // <= 0.995 radius: covered by any method within 0.5%
  coveredHigh: number // <= 1.005 radius
}

/** Households of a community covered by active facilities of a type, by PostGIS ST_Distance on geography. */
export async function referenceCoverage(
  db: Kysely<Database>,
  communityCode: string,
  typeCode: string,
  scenario: 'as-is' | 'with-planned',
): Promise<ReferenceCoverage> {
  const statuses = scenario === 'as-is' ? ['existing'] : ['existing', 'planned']
  const { rows } = await sql<ReferenceCoverage>`
    WITH b AS (SELECT id, households, geom FROM buildings WHERE community_code = ${communityCode}),
    f AS (SELECT f.geom, coalesce(f.radius_m, t.default_radius_m)::float8 AS r
          FROM facilities f JOIN facility_types t ON t.code = f.type_code
          WHERE f.type_code = ${typeCode} AND f.status = ANY(${statuses}::text[])),
    m AS (SELECT b.id, b.households, min(ST_Distance(b.geom::geography, f.geom::geography) / f.r) AS ratio
          FROM b LEFT JOIN f ON ST_DWithin(b.geom::geography, f.geom::geography, 3000)
          GROUP BY b.id, b.households)
    SELECT coalesce(sum(households), 0)::int AS households,
      coalesce(sum(households) FILTER (WHERE ratio <= 1), 0)::int AS covered,
      coalesce(sum(households) FILTER (WHERE ratio <= 0.995), 0)::int AS "coveredLow",
      coalesce(sum(households) FILTER (WHERE ratio <= 1.005), 0)::int AS "coveredHigh"
    FROM m`.execute(db)
  return rows[0]
}

/** Geodesic distance (m) from each given building to its nearest active facility of a type. */
export async function referenceNearestMeters(
  db: Kysely<Database>,
  buildingIds: number[],
  typeCode: string,
): Promise<Map<number, number>> {
  const { rows } = await sql<{ id: number; d: number }>`
    SELECT b.id, (SELECT min(ST_Distance(b.geom::geography, f.geom::geography))
                  FROM (SELECT geom FROM facilities WHERE type_code = ${typeCode} AND status = 'existing'
                        ORDER BY geom <-> b.geom LIMIT 12) f) AS d
    FROM buildings b WHERE b.id = ANY(${buildingIds}::int[])`.execute(db)
  return new Map(rows.map((r) => [r.id, r.d]))
}
