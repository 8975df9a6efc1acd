// A cheap fingerprint of the whole database, to show that a request changed nothing: the row
// count of every table, the latest revision and the settings' values (every write leaves a
// revision or changes a count; a settings write changes the values).
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../server/db/engine'

export async function databaseFingerprint(database: DatabaseHandle): Promise<string> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(database.db)
  const counts = tables.rows.map(
    (t) => sql`SELECT ${t.name}::text AS name, count(*)::int AS n FROM ${sql.table(t.name)}`,
  )
  const rows = await sql<{ name: string; n: number }>`${sql.join(counts, sql` UNION ALL `)}`.execute(database.db)
  const latest = await sql<{ id: number | null; settings: string | null }>`
    SELECT (SELECT max(id) FROM revisions) AS id,
           (SELECT md5(string_agg(key || '=' || value::text, ',' ORDER BY key)) FROM settings) AS settings`.execute(
    database.db,
  )
  const { id, settings } = latest.rows[0]
  return JSON.stringify({ counts: Object.fromEntries(rows.rows.map((r) => [r.name, r.n])), revision: id, settings })
}
