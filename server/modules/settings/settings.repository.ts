// All SQL for settings (the tunable standards).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export async function readSettings(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}
