// The SQL of the daily indicator snapshots (migration 0007).
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

export interface SnapshotRow {
  scope: string
  figures: Record<string, number>
}

/** Writes the day's snapshots; a scope already written that day is left as it is (idempotent). */
export async function writeSnapshots(db: Kysely<Database>, day: string, rows: readonly SnapshotRow[]): Promise<number> {
  if (rows.length === 0) return 0
  const result = await db
    .insertInto('indicator_snapshots')
    .values(rows.map((r) => ({ day, scope: r.scope, figures: JSON.stringify(r.figures) })))
    .onConflict((oc) => oc.columns(['day', 'scope']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/** The first snapshot of every scope: its day and figures. */
export async function firstSnapshots(
  db: Kysely<Database>,
): Promise<Map<string, { since: string; figures: Record<string, number> }>> {
  const { rows } = await sql<{ scope: string; day: string; figures: Record<string, number> | string }>`
    SELECT DISTINCT ON (scope) scope, day::text AS day, figures
    FROM indicator_snapshots ORDER BY scope, day`.execute(db)
  return new Map(
    rows.map((r) => [
      r.scope,
      { since: r.day, figures: typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures },
    ]),
  )
}

/** Every snapshot of a scope, oldest first (tests and the ADR's checks). */
export async function snapshotsOf(db: Kysely<Database>, scope: string) {
  return db
    .selectFrom('indicator_snapshots')
    .select([sql<string>`day::text`.as('day'), 'figures'])
    .where('scope', '=', scope)
    .orderBy('day')
    .execute()
}
