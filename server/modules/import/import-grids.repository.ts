// The commit of an import of existing grids (inside the import's transaction), written like a
// grid edit (ADR 9): the grids whose units change get a version in grid_versions first, units
// join the imported grid holding most of them, grids of the file's communities that the import
// leaves without a unit are retired, new grids name the retired grids their units came from as
// parents (lineage), and each community gets a revision in its grid history and a new edit version.
import { sql } from 'kysely'
import { gridName } from '../../../core/domain/place-names'
import { linkVersionsToRevision, snapshotGridVersions } from '../grid-editing/grid-editing.repository'
import { rebuildGridCaches } from '../grids/grids.repository'
import { type PlannedRow, rowsJson, snapshotWhere, type Undo } from './import.repository'

type Db = Parameters<typeof rebuildGridCaches>[0]

export interface GridImportOptions {
  importId: number
  author: string
  reason: string
  /** current grids of the file's communities the file does not list, to retire when left empty */
  retireIfEmpty: number[]
}

export interface GridImportResult {
  undo: Undo
  retired: number[]
  /** per community: the revision written in its grid history */
  revisions: { communityCode: string; revisionId: number }[]
}

interface Move {
  unitId: number
  from: number | null
  to: number
  households: number
  community: string
}

export async function applyGridImport(
  trx: Db,
  rows: PlannedRow[],
  options: GridImportOptions,
): Promise<GridImportResult> {
  const addedVersions: number[] = []
  const undo: Undo = { target: 'grids', added: [], addedDistrict: null, before: {}, addedVersions }
  const pairs = rows.flatMap((r) => (r.unitIds ?? []).map((id) => ({ unit_id: id, key: r.record.key })))
  const unitIds = pairs.map((p) => p.unit_id)
  const communities = [...new Set(rows.map((r) => r.record.key.slice(0, 12)))]
  const { rows: unitGrids } = await sql<{ row: unknown }>`SELECT json_build_object('id', id, 'grid_id', grid_id) AS row
    FROM units WHERE id = ANY(${unitIds}::int[])`.execute(trx)
  undo.before.unit_grids = unitGrids.map((r) => r.row)
  const changedIds = rows.flatMap((r) => (r.status === 'changed' && r.existingId ? [r.existingId] : []))
  const { rows: old } = await sql<{ id: number }>`SELECT DISTINCT grid_id AS id FROM units
    WHERE id = ANY(${unitIds}::int[]) AND grid_id IS NOT NULL`.execute(trx)
  const affected = [...new Set([...old.map((o) => o.id), ...changedIds, ...options.retireIfEmpty])]
  undo.before.grids = await snapshotWhere(trx, 'grids', sql`t.id = ANY(${affected}::int[])`)
  undo.before.communities = await snapshotWhere(trx, 'communities', sql`t.code = ANY(${communities}::text[])`)

  const added = rows.filter((r) => r.status === 'added')
  if (added.length) {
    // a grid the file does not name is named by the one naming rule (core/domain/place-names.ts)
    const codes = [...new Set(added.map((r) => r.record.key.slice(0, 12)))]
    const { rows: names } = await sql<{ code: string; name: string }>`SELECT trim(code) AS code, name
      FROM communities WHERE code = ANY(${codes}::text[])`.execute(trx)
    const communityName = new Map(names.map((n) => [n.code, n.name]))
    const ruleName = (key: string) => {
      const community = communityName.get(key.slice(0, 12))
      return community && /^\d{15}$/.test(key) ? gridName(community, key) : key
    }
    const named = JSON.parse(rowsJson(added)).map((r: { key: string }) => ({ ...r, ruleName: ruleName(r.key) }))
    const { rows: ins } = await sql<{
      id: number
    }>`INSERT INTO grids (code, community_code, street_code, name, version_from)
      SELECT r.key, c.code, c.street_code, coalesce(nullif(trim(r.name), ''), r."ruleName"), now()
      FROM jsonb_to_recordset(${JSON.stringify(named)}::jsonb) r(key text, name text, "ruleName" text)
      JOIN communities c ON c.code = left(r.key, 12)
      RETURNING id`.execute(trx)
    undo.added.push(...ins.map((i) => i.id))
  }
  const changed = rows.filter((r) => r.status === 'changed')
  if (changed.length)
    await sql`UPDATE grids t SET name = coalesce(r.name, t.name)
      FROM jsonb_to_recordset(${rowsJson(changed)}::jsonb) r(id int, name text) WHERE t.id = r.id`.execute(trx)

  // the units that change grid, before they move
  const { rows: moves } = await sql<Move>`SELECT u.id AS "unitId", u.grid_id AS "from", g.id AS "to", u.households,
      trim(u.community_code) AS community
    FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) r(unit_id int, key text)
    JOIN units u ON u.id = r.unit_id JOIN grids g ON g.code = r.key AND g.valid_to IS NULL
    WHERE u.grid_id IS DISTINCT FROM g.id ORDER BY u.id`.execute(trx)
  const addedIds = new Set(undo.added as number[])
  // versions of the stored grids whose units change (a new grid's first version is its row)
  const versioned = [
    ...new Set(moves.flatMap((m) => [m.from, m.to]).filter((id): id is number => id !== null && !addedIds.has(id))),
  ]
  const before = await gridSides(trx, [...new Set([...versioned, ...options.retireIfEmpty])])
  await snapshotGridVersions(trx, versioned)
  if (versioned.length) {
    const { rows: v } = await sql<{ id: number }>`SELECT id::int FROM grid_versions
      WHERE grid_id = ANY(${versioned}::int[]) AND valid_to = now() AND revision_id IS NULL`.execute(trx)
    addedVersions.push(...v.map((x) => x.id))
  }
  await sql`UPDATE units u SET grid_id = m.to
    FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) m("unitId" int, "to" int)
    WHERE u.id = m."unitId"`.execute(trx)

  // grids the file does not list and the import leaves empty are retired (with a last version)
  const { rows: emptied } = await sql<{ id: number }>`SELECT g.id FROM grids g
    WHERE g.id = ANY(${options.retireIfEmpty}::int[]) AND g.valid_to IS NULL
      AND NOT EXISTS (SELECT 1 FROM units u WHERE u.grid_id = g.id) ORDER BY g.id`.execute(trx)
  const retired = emptied.map((e) => e.id)
  const unversioned = retired.filter((id) => !versioned.includes(id))
  if (unversioned.length) {
    await snapshotGridVersions(trx, unversioned)
    const { rows: v } = await sql<{ id: number }>`SELECT id::int FROM grid_versions
      WHERE grid_id = ANY(${unversioned}::int[]) AND valid_to = now() AND revision_id IS NULL`.execute(trx)
    addedVersions.push(...v.map((x) => x.id))
  }
  if (retired.length)
    await sql`UPDATE grids SET valid_to = greatest(current_date, valid_from) WHERE id = ANY(${retired}::int[])`.execute(
      trx,
    )
  // lineage: a new grid's parents are the retired grids its units came from
  const retiredSet = new Set(retired)
  const parents = new Map<number, number[]>()
  for (const m of moves)
    if (addedIds.has(m.to) && m.from !== null && retiredSet.has(m.from))
      parents.set(
        m.to,
        [...new Set([...(parents.get(m.to) ?? []), m.from])].sort((a, b) => a - b),
      )
  if (parents.size)
    await sql`UPDATE grids g SET parent_ids = p.parents
      FROM jsonb_to_recordset(${JSON.stringify([...parents].map(([id, ids]) => ({ id, parents: ids })))}::jsonb)
        p(id int, parents int[])
      WHERE g.id = p.id`.execute(trx)

  const rebuild = [...new Set([...affected, ...addedIds])]
  if (rebuild.length) await rebuildGridCaches(trx, rebuild)
  const { rows: retiredIn } = await sql<{ c: string }>`SELECT DISTINCT trim(community_code) AS c FROM grids
    WHERE id = ANY(${retired}::int[])`.execute(trx)
  const touched = [...new Set([...communities, ...retiredIn.map((r) => r.c)])].sort()
  const revisions = await writeGridHistory(trx, touched, moves, before, {
    ...options,
    added: [...addedIds],
    retired,
  })
  return { undo, retired, revisions }
}

/** One revision per community whose grids changed, in the shape of a grid edit's (ADR 9). */
async function writeGridHistory(
  trx: Db,
  communities: string[],
  moves: Move[],
  before: GridSide[],
  o: GridImportOptions & { added: number[]; retired: number[] },
): Promise<{ communityCode: string; revisionId: number }[]> {
  const out: { communityCode: string; revisionId: number }[] = []
  for (const code of communities) {
    const mine = moves.filter((m) => m.community === code)
    const { rows: grids } = await sql<{ id: number; community: string }>`SELECT id, trim(community_code) AS community
      FROM grids WHERE id = ANY(${[...o.added, ...o.retired]}::int[])`.execute(trx)
    const created = grids.filter((g) => g.community === code && o.added.includes(g.id)).map((g) => g.id)
    const retired = grids.filter((g) => g.community === code && o.retired.includes(g.id)).map((g) => g.id)
    const changedGridIds = [
      ...new Set([...mine.flatMap((m) => (m.from === null ? [m.to] : [m.from, m.to])), ...created, ...retired]),
    ].sort((a, b) => a - b)
    if (changedGridIds.length === 0) continue
    const { rows: version } = await sql<{ v: number }>`UPDATE communities SET edit_version = edit_version + 1
      WHERE code = ${code} RETURNING edit_version AS v`.execute(trx)
    const { rows: rev } = await sql<{ id: number }>`INSERT INTO revisions (entity, entity_id, community_code, action,
        author, reason, before, after)
      VALUES ('community', ${code}, ${code}, 'import', ${o.author}, ${o.reason || `import ${o.importId}`},
        ${JSON.stringify({ editVersion: version[0].v - 1, grids: before.filter((g) => changedGridIds.includes(g.id)) })}::jsonb,
        ${JSON.stringify({
          editVersion: version[0].v,
          grids: await gridSides(trx, changedGridIds),
          moves: mine.map(({ community: _, ...m }) => m),
          changedGridIds,
          created,
          retired,
          warnings: [],
          revertOf: null,
          importId: o.importId,
          ops: [],
        })}::jsonb)
      RETURNING id::int`.execute(trx)
    await linkVersionsToRevision(trx, changedGridIds, rev[0].id)
    out.push({ communityCode: code, revisionId: rev[0].id })
  }
  return out
}

interface GridSide {
  id: number
  code: string
  households: number
  residents: number
  parentIds: number[]
  unitIds: number[]
}

/** Grids as a revision records them: totals and unit ids. */
async function gridSides(trx: Db, ids: number[]): Promise<GridSide[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<GridSide>`SELECT g.id, trim(g.code) AS code, g.households, g.residents,
      g.parent_ids AS "parentIds",
      coalesce((SELECT array_agg(u.id ORDER BY u.id) FROM units u WHERE u.grid_id = g.id), '{}') AS "unitIds"
    FROM grids g WHERE g.id = ANY(${ids}::int[]) ORDER BY g.id`.execute(trx)
  return rows
}
