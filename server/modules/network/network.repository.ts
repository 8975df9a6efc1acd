// All SQL for the walk network (migrations/0006_walk_network.sql): writing a whole network with its
// barriers, reading it back as core/network types, and the building access points.
import { type Kysely, sql } from 'kysely'
import type {
  NetworkAccess,
  WalkBarrier,
  WalkBarrierKind,
  WalkEdge,
  WalkEdgeClass,
  WalkNetwork,
} from '../../../core/network/types'
import type { Database } from '../../db/schema'

const BATCH_ROWS = 4000

async function inBatches<T>(rows: T[], insert: (json: string) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(JSON.stringify(rows.slice(i, i + BATCH_ROWS)))
}

/** Empties the network, its barriers and the access points. */
export async function clearWalkNetwork(db: Kysely<Database>): Promise<void> {
  await sql`TRUNCATE building_access, walk_edges, walk_nodes, walk_barriers RESTART IDENTITY CASCADE`.execute(db)
}

/** Replaces the stored network and barriers (run it in a transaction). Access points are cleared. */
export async function writeWalkNetwork(
  db: Kysely<Database>,
  network: WalkNetwork,
  barriers: readonly WalkBarrier[],
): Promise<void> {
  await clearWalkNetwork(db)
  await inBatches(network.nodes, (json) =>
    sql`INSERT INTO walk_nodes (id, geom)
      SELECT r.id, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
      FROM json_to_recordset(${json}::json) AS r(id int, lng float8, lat float8)`.execute(db),
  )
  const edges = network.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    lengthM: e.lengthM,
    class: e.class,
    walkable: e.walkable,
    bridge: e.bridge ?? false,
    tunnel: e.tunnel ?? false,
    name: e.name ?? null,
    geom: JSON.stringify({ type: 'LineString', coordinates: e.coords }),
  }))
  await inBatches(edges, (json) =>
    sql`INSERT INTO walk_edges (id, source, target, length_m, class, walkable, bridge, tunnel, name, geom)
      SELECT r.id, r.source, r.target, r."lengthM", r.class, r.walkable, r.bridge, r.tunnel, r.name,
        ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)
      FROM json_to_recordset(${json}::json) AS r(id int, source int, target int, "lengthM" float8, class text,
        walkable boolean, bridge boolean, tunnel boolean, name text, geom text)`.execute(db),
  )
  const rows = barriers.map((b) => ({
    kind: b.kind,
    name: b.name,
    geom: JSON.stringify({ type: 'LineString', coordinates: b.coords }),
  }))
  await inBatches(rows, (json) =>
    sql`INSERT INTO walk_barriers (kind, name, geom)
      SELECT r.kind, r.name, ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)
      FROM json_to_recordset(${json}::json) AS r(kind text, name text, geom text)`.execute(db),
  )
}

/** Whether a network is stored (the demo's or an imported one). */
export async function hasWalkNetwork(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM walk_edges WHERE walkable LIMIT 1`.execute(db)
  return rows.length > 0
}

/** The stored network, nodes and edges ordered by id (empty when none is stored). */
export async function readWalkNetwork(db: Kysely<Database>): Promise<WalkNetwork> {
  const nodes = await sql<{ id: number; lng: number; lat: number }>`
    SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM walk_nodes ORDER BY id`.execute(db)
  const edges = await sql<{
    id: number
    source: number
    target: number
    length_m: number
    class: WalkEdgeClass
    walkable: boolean
    bridge: boolean
    tunnel: boolean
    name: string | null
    coords: string
  }>`SELECT id, source, target, length_m, class, walkable, bridge, tunnel, name,
      (ST_AsGeoJSON(geom)::json -> 'coordinates')::text AS coords
    FROM walk_edges ORDER BY id`.execute(db)
  return {
    nodes: nodes.rows.map((n) => ({ id: n.id, lng: Number(n.lng), lat: Number(n.lat) })),
    edges: edges.rows.map((e) => {
      const edge: WalkEdge = {
        id: e.id,
        source: e.source,
        target: e.target,
        lengthM: Number(e.length_m),
        class: e.class,
        walkable: e.walkable,
        coords: JSON.parse(e.coords),
      }
      if (e.bridge) edge.bridge = true
      if (e.tunnel) edge.tunnel = true
      if (e.name) edge.name = e.name
      return edge
    }),
  }
}

/** The barriers as lines (polygons by their rings, multi-lines by their parts). */
export async function readWalkBarriers(db: Kysely<Database>): Promise<WalkBarrier[]> {
  const { rows } = await sql<{ kind: WalkBarrierKind; name: string; coords: string }>`
    SELECT b.kind, b.name, (ST_AsGeoJSON(d.geom)::json -> 'coordinates')::text AS coords
    FROM walk_barriers b,
      LATERAL ST_Dump(CASE WHEN GeometryType(b.geom) IN ('POLYGON', 'MULTIPOLYGON')
        THEN ST_Boundary(b.geom) ELSE b.geom END) AS d
    ORDER BY b.id, d.path`.execute(db)
  return rows.map((r) => ({ kind: r.kind, name: r.name, coords: JSON.parse(r.coords) }))
}

export interface PointRow {
  id: number
  lng: number
  lat: number
}

/** Every building's point, by id. */
export async function readBuildingPoints(db: Kysely<Database>): Promise<PointRow[]> {
  const { rows } =
    await sql<PointRow>`SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM buildings ORDER BY id`.execute(db)
  return rows.map((r) => ({ id: r.id, lng: Number(r.lng), lat: Number(r.lat) }))
}

/** Every facility's point (retired ones too), by id. */
export async function readFacilityPoints(db: Kysely<Database>): Promise<PointRow[]> {
  const { rows } =
    await sql<PointRow>`SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities ORDER BY id`.execute(db)
  return rows.map((r) => ({ id: r.id, lng: Number(r.lng), lat: Number(r.lat) }))
}

/** Replaces every building's access point. */
export async function writeBuildingAccess(
  db: Kysely<Database>,
  access: readonly ({ buildingId: number } & NetworkAccess)[],
): Promise<void> {
  await sql`TRUNCATE building_access`.execute(db)
  await inBatches([...access], (json) =>
    sql`INSERT INTO building_access (building_id, edge_id, t, access_m)
      SELECT r."buildingId", r."edgeId", r.t, r."accessM"
      FROM json_to_recordset(${json}::json) AS r("buildingId" int, "edgeId" int, t float8, "accessM" float8)`.execute(
      db,
    ),
  )
}

/** building id → where it joins the network (buildings without an access point are absent). */
export async function readBuildingAccess(db: Kysely<Database>): Promise<Map<number, NetworkAccess>> {
  const { rows } = await sql<{ building_id: number; edge_id: number; t: number; access_m: number }>`
    SELECT building_id, edge_id, t, access_m FROM building_access ORDER BY building_id`.execute(db)
  return new Map(rows.map((r) => [r.building_id, { edgeId: r.edge_id, t: Number(r.t), accessM: Number(r.access_m) }]))
}
