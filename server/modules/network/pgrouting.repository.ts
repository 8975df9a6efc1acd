// pgRouting over the stored walk network, as an independent reference for our own distances (the
// agreement test and `npm run bench -- network`). Optional: PGlite has no pgRouting, and a server
// without the extension installed answers `false` from `enablePgRouting` — callers skip.
// walk_edges has pgRouting's columns (id, source, target, cost, reverse_cost; a closed edge costs -1).
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

const EDGES_SQL = 'SELECT id, source, target, cost, reverse_cost FROM walk_edges'

/** Creates the extension if the server has it; false where it cannot (PGlite, not installed). */
export async function enablePgRouting(db: Kysely<Database>): Promise<boolean> {
  try {
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM pg_available_extensions
      WHERE name = 'pgrouting'`.execute(db)
    if (rows.length === 0) return false
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.execute(db)
    return true
  } catch {
    return false
  }
}

/** Network distance from the nearest of `startNodes` to every node within `maxCostM`
 *  (pgr_drivingDistance, undirected, equicost: each node assigned to its nearest start). */
export async function pgrDrivingDistance(
  db: Kysely<Database>,
  startNodes: readonly number[],
  maxCostM: number,
): Promise<Map<number, number>> {
  const { rows } = await sql<{ node: string; agg_cost: number }>`
    SELECT node, min(agg_cost) AS agg_cost
    FROM pgr_drivingDistance(${EDGES_SQL}, ${sql.val([...startNodes])}::bigint[], ${maxCostM}::float8,
      directed => false, equicost => true)
    GROUP BY node`.execute(db)
  return new Map(rows.map((r) => [Number(r.node), Number(r.agg_cost)]))
}

/** Network distances between nodes (pgr_dijkstraCost, undirected): `${from}:${to}` → metres;
 *  unreachable pairs are absent, a node to itself is 0. */
export async function pgrDijkstraCost(
  db: Kysely<Database>,
  fromNodes: readonly number[],
  toNodes: readonly number[],
): Promise<Map<string, number>> {
  const { rows } = await sql<{ start_vid: string; end_vid: string; agg_cost: number }>`
    SELECT start_vid, end_vid, agg_cost
    FROM pgr_dijkstraCost(${EDGES_SQL}, ${sql.val([...fromNodes])}::bigint[], ${sql.val([...toNodes])}::bigint[],
      directed => false)`.execute(db)
  const out = new Map<string, number>()
  for (const r of rows) out.set(`${r.start_vid}:${r.end_vid}`, Number(r.agg_cost))
  for (const a of fromNodes) if (toNodes.includes(a)) out.set(`${a}:${a}`, 0)
  return out
}

export interface PgrPoint {
  /** a positive id of the caller's choosing */
  pid: number
  edgeId: number
  /** fraction along the edge, 0 at its source */
  t: number
}

/** Network distances between points on edges (pgr_withPointsCost, undirected), access walks not
 *  included: `${fromPid}:${toPid}` → metres along the network. Unreachable pairs are absent. */
export async function pgrPointDistances(
  db: Kysely<Database>,
  points: readonly PgrPoint[],
  fromPids: readonly number[],
  toPids: readonly number[],
): Promise<Map<string, number>> {
  return db.transaction().execute(async (trx) => {
    await sql`CREATE TEMP TABLE pgr_points (pid bigint, edge_id bigint, fraction float8, side char)
      ON COMMIT DROP`.execute(trx)
    await sql`INSERT INTO pgr_points
      SELECT r.pid, r."edgeId", r.t, 'b' FROM json_to_recordset(${JSON.stringify(points)}::json)
        AS r(pid int, "edgeId" int, t float8)`.execute(trx)
    // negative ids are points in pgRouting's withPoints family
    const { rows } = await sql<{ start_pid: string; end_pid: string; agg_cost: number }>`
      SELECT start_pid, end_pid, agg_cost
      FROM pgr_withPointsCost(${EDGES_SQL}, 'SELECT pid, edge_id, fraction, side FROM pgr_points',
        ${sql.val(fromPids.map((p) => -p))}::bigint[], ${sql.val(toPids.map((p) => -p))}::bigint[],
        directed => false)`.execute(trx)
    const out = new Map<string, number>()
    for (const r of rows) out.set(`${-Number(r.start_pid)}:${-Number(r.end_pid)}`, Number(r.agg_cost))
    for (const a of fromPids) if (toPids.includes(a)) out.set(`${a}:${a}`, 0)
    return out
  })
}
