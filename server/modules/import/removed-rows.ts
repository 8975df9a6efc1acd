// Rows a corrected file no longer lists (ADR 18). A file is taken as the full list of a scope (the
// units of a community, the buildings of a unit, the communities of a street, the streets of a
// district, the grids of a community) when it lists at least half of what is stored there; the
// stored rows of that scope it leaves out are "removed" from the file. What is done is safe:
//   - streets, communities, units and buildings are KEPT, each with a warning: deleting them
//     would cut households, grid history (grid_versions keep unit ids) and lineage; the planner
//     deletes or merges them in the editor if they are really gone;
//   - grids the import leaves without a unit are RETIRED (a last version, valid_to today), as a
//     grid edit retires an emptied grid, whether or not the file covers the whole community;
//     grids that still hold units are kept with a warning.
// Counts files (households per code) and workers change figures only: nothing is removed.
import type { Kysely } from 'kysely'
import type { ImportLayerId, ImportProblem } from '../../../core/api'
import { type Params, problem } from '../../../core/import/messages'
import type { ImportRecord } from '../../../core/import/validate'
import type { Database } from '../../db/schema'
import * as repo from './import.repository'
import { type PreviewRow, previewOf } from './preview-rows'

type Db = Kysely<Database>

/** The scope a row of the file belongs to (null: the layer has no removable rows). */
export function scopeOf(target: ImportLayerId, r: ImportRecord): string | null {
  if (target === 'streets') return r.key.slice(0, 6)
  if (target === 'communities') return String(r.values.streetCode ?? r.key.slice(0, 9))
  if (target === 'units') return r.values.communityCode === null ? null : String(r.values.communityCode)
  if (target === 'buildings') return r.values.unitCode === null ? null : String(r.values.unitCode)
  if (target === 'grids') return r.key.slice(0, 12)
  return null
}

const NOUN: Partial<Record<ImportLayerId, string>> = {
  streets: 'street',
  communities: 'community',
  units: 'unit',
  buildings: 'building',
  grids: 'grid',
}

export interface RemovedRows {
  problems: ImportProblem[]
  preview: PreviewRow[]
  removed: number
  /** grids: stored grids the file leaves out and the import leaves empty */
  retire: number[]
}

export async function rowsRemovedFromFile(
  db: Db,
  target: ImportLayerId,
  records: ImportRecord[],
  /** every key the file names, rejected rows' too (a refused row is not a removed one) */
  fileKeys: string[],
  /** the file's keys already stored */
  stored: ReadonlySet<string>,
  /** grids: units each current grid keeps after the import */
  gridUnitsLeft: ReadonlyMap<number, number> | null,
): Promise<RemovedRows> {
  const out: RemovedRows = { problems: [], preview: [], removed: 0, retire: [] }
  const listed = new Map<string, number>()
  for (const r of records) {
    const scope = scopeOf(target, r)
    if (scope !== null) listed.set(scope, (listed.get(scope) ?? 0) + (stored.has(r.key) ? 1 : 0))
  }
  if (listed.size === 0) return out
  const missing = await repo.rowsNotInFile(db, target, [...listed.keys()], fileKeys)
  const missingPer = new Map<string, number>()
  for (const m of missing) missingPer.set(m.parent, (missingPer.get(m.parent) ?? 0) + 1)
  // the file lists the whole scope when it names at least half of what is stored there
  const complete = (parent: string) => (listed.get(parent) ?? 0) >= (missingPer.get(parent) ?? 0)
  const noun = NOUN[target] ?? 'row'
  for (const m of missing) {
    let action: string | null = null
    let actionParams: Params = {}
    let code = 'NOT_IN_FILE'
    if (target === 'grids' && (gridUnitsLeft?.get(m.id) ?? 0) === 0) {
      code = 'GRID_RETIRED'
      action = 'RETIRED'
      out.retire.push(m.id)
    } else if (complete(m.parent)) {
      action = target === 'grids' ? 'KEPT_GRID' : 'KEPT'
      if (target === 'grids') actionParams = { units: gridUnitsLeft?.get(m.id) ?? 0 }
    }
    if (action === null) continue
    const p = problem(
      { row: 0, key: m.key, severity: 'warning' },
      code,
      { noun, key: m.key, ...(m.name ? { name: m.name } : {}) },
      action,
      actionParams,
    )
    const message = p.message
    out.problems.push(p)
    out.preview.push(
      previewOf(
        { row: 0, key: m.key, geometry: m.geometry, values: { name: m.name, households: m.households } },
        'removed',
        { code, reason: `${message}: ${p.action}` },
      ),
    )
    out.removed++
  }
  return out
}
