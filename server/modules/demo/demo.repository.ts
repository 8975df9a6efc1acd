// All SQL that loads a generated demo world (core/demo) into the database.
// Rows travel as one JSON parameter per batch and are unpacked by json_to_recordset: fast on
// both engines and fully bound (no SQL built from values).
import { type Kysely, sql } from 'kysely'
import type { DemoWorld } from '../../../core/demo/types'
import type { Database } from '../../db/schema'
import { rebuildGridCaches } from '../grids/grids.repository'
import { clearWalkNetwork, writeWalkNetwork } from '../network/network.repository'

export type LoadProgress = (step: string, done: number, total: number) => void

const BATCH_ROWS = 4000

export async function hasWorld(db: Kysely<Database>): Promise<boolean> {
  // streets: the first layer a real district's import loads, so a half-loaded district is a world too
  const row = await db.selectFrom('streets').select('code').limit(1).executeTakeFirst()
  return row !== undefined
}

/** Empties every world table (the standards tables stay). */
export async function clearWorld(db: Kysely<Database>): Promise<void> {
  await clearWalkNetwork(db)
  await sql`TRUNCATE buildings, units, grids, facilities, communities, streets, districts RESTART IDENTITY CASCADE`.execute(
    db,
  )
  // revisions are append-only by trigger; a fresh world starts a fresh history
  await sql`ALTER TABLE revisions DISABLE TRIGGER revisions_no_update`.execute(db)
  await sql`TRUNCATE revisions RESTART IDENTITY CASCADE`.execute(db)
  await sql`ALTER TABLE revisions ENABLE TRIGGER revisions_no_update`.execute(db)
}

async function inBatches<T>(
  rows: T[],
  step: string,
  progress: LoadProgress,
  insert: (json: string) => Promise<unknown>,
) {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await insert(JSON.stringify(rows.slice(i, i + BATCH_ROWS)))
    progress(step, Math.min(i + BATCH_ROWS, rows.length), rows.length)
  }
}

const multi = (column: string) => sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${sql.ref(column)}), 4326))`

export async function loadWorld(db: Kysely<Database>, world: DemoWorld, progress: LoadProgress = () => {}) {
  await db.transaction().execute(async (trx) => {
    await clearWorld(trx)
    // Binhai's world: one district; the city world: its 16 (world.district is then the city's outline)
    const d = world.district
    for (const district of world.districts ?? [d])
      await sql`INSERT INTO districts (code, name, geom)
        VALUES (${district.code}, ${district.name},
          ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(district.geom)}), 4326)))`.execute(trx)
    const streets = world.streets.map((s) => ({
      ...s,
      districtCode: s.districtCode ?? d.code,
      geom: JSON.stringify(s.geom),
    }))
    await inBatches(streets, 'streets', progress, (json) =>
      sql`INSERT INTO streets (code, district_code, name, kind, geom)
        SELECT r.code, r."districtCode", r.name, r.kind, ${multi('r.geom')}
        FROM json_to_recordset(${json}::json) AS r(code text, "districtCode" text, name text, kind text, geom text)`.execute(
        trx,
      ),
    )
    const communities = world.communities.map((c) => ({ ...c, geom: JSON.stringify(c.geom) }))
    await inBatches(communities, 'communities', progress, (json) =>
      sql`INSERT INTO communities (code, street_code, name, kind, households, residents, workers, geom)
        SELECT r.code, r."streetCode", r.name, r.kind, r.households, r.residents, r.workers, ${multi('r.geom')}
        FROM json_to_recordset(${json}::json) AS r(code text, "streetCode" text, name text, kind text,
          households int, residents int, workers int, geom text)`.execute(trx),
    )
    await inBatches(world.grids, 'grids', progress, (json) =>
      sql`INSERT INTO grids (code, community_code, street_code, name, valid_from)
        SELECT r.code, r."communityCode", r."streetCode", r.name, DATE '2023-01-01'
        FROM json_to_recordset(${json}::json) AS r(code text, "communityCode" text, "streetCode" text, name text)`.execute(
        trx,
      ),
    )
    const units = world.units.map((u) => ({ ...u, geom: JSON.stringify(u.geom) }))
    await inBatches(units, 'units', progress, (json) =>
      sql`INSERT INTO units (code, community_code, street_code, name, kind, households, residents, grid_id, geom)
        SELECT r.code, r."communityCode", r."streetCode", r.name, r.kind, r.households, r.residents, g.id, ${multi('r.geom')}
        FROM json_to_recordset(${json}::json) AS r(code text, "communityCode" text, "streetCode" text, name text,
          kind text, households int, residents int, "gridCode" text, geom text)
        LEFT JOIN grids g ON g.code = r."gridCode" AND g.valid_to IS NULL`.execute(trx),
    )
    await inBatches(world.buildings, 'buildings', progress, (json) =>
      sql`INSERT INTO buildings (unit_id, community_code, street_code, kind, floors, households, residents, geom)
        SELECT u.id, u.community_code, u.street_code, r.kind, r.floors, r.households, r.residents,
          ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
        FROM json_to_recordset(${json}::json) AS r("unitCode" text, kind text, floors int, households int,
          residents int, lng float8, lat float8)
        JOIN units u ON u.code = r."unitCode"`.execute(trx),
    )
    await inBatches(world.facilities, 'facilities', progress, (json) =>
      sql`INSERT INTO facilities (type_code, name, street_code, community_code, status, floor_area_m2,
          activity_area_m2, capacity, radius_m, geom)
        SELECT r."typeCode", r.name, r."streetCode", r."communityCode", r.status, r."floorAreaM2",
          r."activityAreaM2", r.capacity, r."radiusM", ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
        FROM json_to_recordset(${json}::json) AS r("typeCode" text, name text, "streetCode" text,
          "communityCode" text, status text, "floorAreaM2" numeric, "activityAreaM2" numeric, capacity int,
          "radiusM" int, lng float8, lat float8)`.execute(trx),
    )
    progress('grid polygons', 0, 1)
    await rebuildGridCaches(trx)
    progress('grid polygons', 1, 1)
    progress('walk network', 0, 1)
    await writeWalkNetwork(trx, world.network, world.barriers)
    progress('walk network', 1, 1)
  })
  await sql`ANALYZE`.execute(db)
}
