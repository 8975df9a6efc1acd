// All SQL for settings (the tunable standards).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export async function readSettings(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

/** Writes the given settings in one transaction (a key a deployment removed is added back). */
export async function writeSettings(db: Kysely<Database>, values: Readonly<Record<string, unknown>>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue
      await tx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute()
    }
  })
}
