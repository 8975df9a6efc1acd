// The walk network's promises as SQL, checked by the world invariants test on both engines: lines
// meet at their nodes, walking crosses a barrier only on a crossing edge, every building joins
// the network without crossing a barrier.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

export interface NetworkCheckReport {
  nodes: number
  edges: number
  walkableEdges: number
  barriers: number
  /** edges whose first/last vertex is not at their source/target node */
  edgesOffTheirNodes: number
  /** walkable edges that cross a barrier and are not a bridge, level crossing or underpass */
  barrierCrossingsOffCrossings: number
  /** crossing edges by class */
  crossings: Record<string, number>
  /** per barrier: its kind, name, length and how many walkable edges cross it */
  crossingsByBarrier: { kind: string; name: string; lengthM: number; crossings: number }[]
  buildings: number
  buildingsWithoutAccess: number
  /** building access walks (building → its point on the edge) that cross a barrier */
  accessWalksAcrossBarriers: number
  /** access points on an edge that is not walkable */
  accessOnClosedEdges: number
  /** the largest access distance, metres */
  maxAccessM: number
}

export async function checkWalkNetwork(db: Kysely<Database>): Promise<NetworkCheckReport> {
  const { rows } = await sql<Record<string, number>>`SELECT
    (SELECT count(*) FROM walk_nodes)::int AS nodes,
    (SELECT count(*) FROM walk_edges)::int AS edges,
    (SELECT count(*) FROM walk_edges WHERE walkable)::int AS "walkableEdges",
    (SELECT count(*) FROM walk_barriers)::int AS barriers,
    (SELECT count(*) FROM walk_edges e JOIN walk_nodes s ON s.id = e.source JOIN walk_nodes t ON t.id = e.target
      WHERE NOT ST_Equals(ST_StartPoint(e.geom), s.geom) OR NOT ST_Equals(ST_EndPoint(e.geom), t.geom))::int
      AS "edgesOffTheirNodes",
    (SELECT count(DISTINCT e.id) FROM walk_edges e JOIN walk_barriers b ON ST_Intersects(e.geom, b.geom)
      WHERE e.walkable AND e.class NOT IN ('bridge', 'level_crossing', 'underpass'))::int AS "barrierCrossingsOffCrossings",
    (SELECT count(*) FROM buildings)::int AS buildings,
    (SELECT count(*) FROM buildings b LEFT JOIN building_access a ON a.building_id = b.id
      WHERE a.building_id IS NULL)::int AS "buildingsWithoutAccess",
    (SELECT count(DISTINCT a.building_id) FROM building_access a
      JOIN buildings bu ON bu.id = a.building_id JOIN walk_edges e ON e.id = a.edge_id
      JOIN walk_barriers r ON ST_Intersects(r.geom, ST_MakeLine(bu.geom, ST_LineInterpolatePoint(e.geom, a.t)))
      )::int AS "accessWalksAcrossBarriers",
    (SELECT count(*) FROM building_access a JOIN walk_edges e ON e.id = a.edge_id WHERE NOT e.walkable)::int
      AS "accessOnClosedEdges",
    (SELECT coalesce(max(access_m), 0) FROM building_access)::float8 AS "maxAccessM"`.execute(db)
  const crossings = await sql<{ class: string; n: number }>`SELECT class, count(*)::int AS n FROM walk_edges
    WHERE class IN ('bridge', 'level_crossing', 'underpass') GROUP BY class ORDER BY class`.execute(db)
  const byBarrier = await sql<{ kind: string; name: string; length_m: number; crossings: number }>`
    SELECT b.kind, b.name, ST_Length(b.geom::geography)::float8 AS length_m,
      (SELECT count(*) FROM walk_edges e WHERE e.walkable AND ST_Intersects(e.geom, b.geom))::int AS crossings
    FROM walk_barriers b ORDER BY b.id`.execute(db)
  return {
    ...(rows[0] as unknown as Omit<NetworkCheckReport, 'crossings' | 'crossingsByBarrier'>),
    crossings: Object.fromEntries(crossings.rows.map((r) => [r.class, r.n])),
    crossingsByBarrier: byBarrier.rows.map((r) => ({
      kind: r.kind,
      name: r.name,
      lengthM: Number(r.length_m),
      crossings: r.crossings,
    })),
  }
}
