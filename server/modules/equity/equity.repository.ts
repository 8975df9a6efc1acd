// All SQL for the equalization model and the wall display: the world's rows as plain arrays.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import type { EquityBuildings, EquityCommunity, EquityFacility, EquityGrid } from './equity-model'

type LngLat = [number, number]

/** Communities in code order with their street name and a label point. */
export async function loadCommunities(db: Kysely<Database>): Promise<EquityCommunity[]> {
  const { rows } = await sql<{
    code: string
    name: string
    street_code: string
    street_name: string
    kind: 'urban' | 'rural'
    households: number
    residents: number
    workers: number
    lng: number | null
    lat: number | null
  }>`SELECT c.code, c.name, c.street_code, s.name AS street_name, c.kind, c.households, c.residents, c.workers,
      ST_X(ST_PointOnSurface(c.geom)) AS lng, ST_Y(ST_PointOnSurface(c.geom)) AS lat
    FROM communities c JOIN streets s ON s.code = c.street_code ORDER BY c.code`.execute(db)
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    streetCode: r.street_code,
    streetName: r.street_name,
    kind: r.kind,
    households: Number(r.households),
    residents: Number(r.residents),
    workers: Number(r.workers),
    labelPoint: r.lng === null || r.lat === null ? null : ([Number(r.lng), Number(r.lat)] as LngLat),
  }))
}

/** Building points in community-code order, with the index of their community in `communityCodes`. */
export async function loadBuildings(db: Kysely<Database>, communityCodes: readonly string[]): Promise<EquityBuildings> {
  const { rows } = await sql<{
    community_code: string
    lng: number
    lat: number
    households: number
    residents: number
  }>`
    SELECT community_code, ST_X(geom) AS lng, ST_Y(geom) AS lat, households, residents
    FROM buildings ORDER BY community_code, id`.execute(db)
  const index = new Map(communityCodes.map((code, i) => [code, i]))
  const n = rows.length
  const out: EquityBuildings = {
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    households: new Float64Array(n),
    residents: new Float64Array(n),
    community: new Int32Array(n),
  }
  rows.forEach((r, i) => {
    const c = index.get(r.community_code)
    if (c === undefined) throw new Error(`building of unknown community ${r.community_code}`)
    out.lng[i] = Number(r.lng)
    out.lat[i] = Number(r.lat)
    out.households[i] = Number(r.households)
    out.residents[i] = Number(r.residents)
    out.community[i] = c
  })
  return out
}

/** Facilities that are not retired (retired ones count in no scenario). */
export async function loadFacilities(db: Kysely<Database>): Promise<EquityFacility[]> {
  const { rows } = await sql<{
    id: number
    type_code: string
    status: 'existing' | 'planned'
    lng: number
    lat: number
    radius_m: number | null
    floor_area_m2: number | null
    capacity: number | null
    community_code: string | null
  }>`SELECT id, type_code, status, ST_X(geom) AS lng, ST_Y(geom) AS lat, radius_m, floor_area_m2, capacity,
      community_code FROM facilities WHERE status <> 'retired' ORDER BY id`.execute(db)
  const num = (v: number | null) => (v === null ? null : Number(v))
  return rows.map((r) => ({
    id: String(r.id),
    typeCode: r.type_code,
    status: r.status,
    lng: Number(r.lng),
    lat: Number(r.lat),
    radiusM: num(r.radius_m),
    floorAreaM2: num(r.floor_area_m2),
    capacity: num(r.capacity),
    communityCode: r.community_code,
  }))
}

/** Current grids with their household totals and a label point. */
export async function loadGrids(db: Kysely<Database>): Promise<EquityGrid[]> {
  const { rows } = await sql<{
    id: number
    code: string
    name: string
    community_code: string
    street_code: string
    households: number
    lng: number | null
    lat: number | null
  }>`SELECT id, code, name, community_code, street_code, households,
      ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM grids WHERE valid_to IS NULL ORDER BY code`.execute(db)
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    communityCode: r.community_code,
    streetCode: r.street_code,
    households: Number(r.households),
    labelPoint: r.lng === null || r.lat === null ? null : ([Number(r.lng), Number(r.lat)] as LngLat),
  }))
}

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
