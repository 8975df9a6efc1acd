// All SQL for the health check: engine facts and the size of the loaded world.
import { type Kysely, sql } from 'kysely'
import type { Health } from '../../../core/api'
import type { Database } from '../../db/schema'

export async function readWorldCounts(db: Kysely<Database>): Promise<Health['world'] & { postgis: string }> {
  const { rows } = await sql<Health['world'] & { postgis: string }>`SELECT
      (SELECT count(*) FROM streets)::int AS streets,
      (SELECT count(*) FROM communities)::int AS communities,
      (SELECT count(*) FROM units)::int AS units,
      (SELECT count(*) FROM buildings)::int AS buildings,
      (SELECT count(*) FROM grids WHERE valid_to IS NULL)::int AS grids,
      (SELECT count(*) FROM facilities WHERE status <> 'retired')::int AS facilities,
      (SELECT coalesce(sum(households), 0) FROM communities)::int AS households,
      (SELECT coalesce(sum(residents), 0) FROM communities)::int AS residents,
      postgis_lib_version() AS postgis`.execute(db)
  return rows[0]
}
