// All SQL of the import pipeline: the imports table, what a dry run compares against, the checks
// that need PostGIS (validity, containment, the grid that holds most of a unit), and the commit
// and rollback of one import in one transaction.
import { type Kysely, sql } from 'kysely'
import type { ImportCounts, ImportFormat, ImportLayerId, ImportStatus } from '../../../core/api'
import type { ImportRecord, Value } from '../../../core/import/validate'
import type { Database } from '../../db/schema'
import { rebuildGridCaches } from '../grids/grids.repository'

type Db = Kysely<Database>

export interface ImportRow {
  id: number
  filename: string
  format: ImportFormat
  sizeBytes: number
  status: ImportStatus
  target: ImportLayerId | null
  crs: string | null
  encoding: string | null
  counts: ImportCounts | null
  problemCount: number
  author: string | null
  createdAt: string
  committedAt: string | null
  rolledBackAt: string | null
  revisionId: number | null
  message: string | null
}

const IMPORT_COLUMNS = sql`id, filename, format, size_bytes::int AS "sizeBytes", status, target, crs, encoding, counts,
  problem_count AS "problemCount", author, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  to_char(committed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "committedAt",
  to_char(rolled_back_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "rolledBackAt",
  revision_id::int AS "revisionId", message`

export async function insertImport(
  db: Db,
  v: { filename: string; format: ImportFormat; sizeBytes: number },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO imports (filename, format, size_bytes, status)
    VALUES (${v.filename}, ${v.format}, ${v.sizeBytes}, 'uploaded') RETURNING id`.execute(db)
  return rows[0].id
}

export async function getImport(db: Db, id: number, lock = false): Promise<ImportRow | undefined> {
  const { rows } = await sql<ImportRow>`SELECT ${IMPORT_COLUMNS} FROM imports WHERE id = ${id}
    ${lock ? sql`FOR UPDATE` : sql``}`.execute(db)
  return rows[0]
}

export async function listImports(db: Db): Promise<ImportRow[]> {
  const { rows } = await sql<ImportRow>`SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY id DESC LIMIT 500`.execute(db)
  return rows
}

export async function markValidated(
  db: Db,
  id: number,
  v: { target: string; crs: string; encoding: string; counts: ImportCounts; problemCount: number },
): Promise<void> {
  await sql`UPDATE imports SET status = 'validated', target = ${v.target}, crs = ${v.crs}, encoding = ${v.encoding},
    counts = ${JSON.stringify(v.counts)}::jsonb, problem_count = ${v.problemCount}, message = NULL
    WHERE id = ${id}`.execute(db)
}

/** The latest committed import that has not been rolled back. */
export async function latestCommittedId(db: Db): Promise<number | null> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM imports WHERE status = 'committed'
    ORDER BY committed_at DESC, id DESC LIMIT 1`.execute(db)
  return rows[0]?.id ?? null
}

// ── what a dry run compares against ────────────────────────────────────

export interface ExistingRow {
  id: number
  values: Record<string, Value>
  /** JSON of the stored coordinates (7 decimals), '' for layers without geometry */
  geometry: string
  gridId: number | null
  communityCode: string | null
}

/** The stored rows a target's keys name, with the fields the layer maps, keyed by code. */
export async function existingRows(db: Db, target: ImportLayerId, keys: string[]): Promise<Map<string, ExistingRow>> {
  const geom = (alias: string) => sql.raw(`coalesce((ST_AsGeoJSON(${alias}.geom, 7)::json -> 'coordinates')::text, '')`)
  let query: ReturnType<typeof sql<ExistingRow & { key: string }>>
  if (target === 'streets')
    query = sql`SELECT 0 AS id, trim(code) AS key, json_build_object('code', trim(code), 'name', name, 'kind', kind) AS values,
      ${geom('s')} AS geometry, NULL::int AS "gridId", NULL AS "communityCode"
      FROM streets s WHERE code = ANY(${keys}::text[])`
  else if (target === 'communities' || target === 'workers')
    query = sql`SELECT 0 AS id, trim(code) AS key, json_build_object('code', trim(code), 'communityCode', trim(code),
        'name', name, 'streetCode', trim(street_code), 'kind', kind, 'households', households, 'residents', residents,
        'workers', workers) AS values,
      ${target === 'communities' ? geom('c') : sql`''`} AS geometry, NULL::int AS "gridId", trim(code) AS "communityCode"
      FROM communities c WHERE code = ANY(${keys}::text[])`
  else if (target === 'units' || target === 'counts')
    query = sql`SELECT id, code AS key, json_build_object('code', code, 'name', name, 'communityCode', trim(community_code),
        'kind', kind, 'households', households, 'residents', residents) AS values,
      ${target === 'units' ? geom('u') : sql`''`} AS geometry, grid_id AS "gridId", trim(community_code) AS "communityCode"
      FROM units u WHERE code = ANY(${keys}::text[])`
  else return new Map()
  const { rows } = await query.execute(db)
  return new Map(rows.map(({ key, ...r }) => [key, { ...r, geometry: r.geometry ?? '' }]))
}

/** Which of these codes exist in a parent table. */
export async function existingCodes(db: Db, table: 'streets' | 'communities' | 'units', codes: string[]) {
  if (codes.length === 0) return new Set<string>()
  const { rows } = await sql<{ code: string }>`SELECT trim(code) AS code FROM ${sql.table(table)}
    WHERE code = ANY(${codes}::text[])`.execute(db)
  return new Set(rows.map((r) => r.code))
}

export interface GeometryCheck {
  ord: number
  valid: boolean
  reason: string | null
  /** m² of the geometry outside its parent when more than the tolerance sticks out (else 0); null without parent */
  outsideM2: number | null
  /** units: the current grid holding most of the unit, and the share it holds */
  gridId: number | null
  gridShare: number | null
}

/**
 * Validity of each geometry, how far it sticks out of its parent (a unit's community, a
 * community's street), and for new units the current grid of the community holding most of it.
 */
export async function checkGeometries(
  db: Db,
  target: 'streets' | 'communities' | 'units',
  items: { ord: number; parent: string | null; geometry: string; assignGrid: boolean }[],
  toleranceM: number,
): Promise<GeometryCheck[]> {
  if (items.length === 0) return []
  const parentTable = target === 'units' ? sql`communities` : sql`streets`
  const { rows } = await sql<GeometryCheck>`WITH r AS (
      SELECT x.ord, x.parent, x.assign, ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326) AS g
      FROM jsonb_to_recordset(${JSON.stringify(items.map((i) => ({ ord: i.ord, parent: i.parent, geometry: i.geometry, assign: i.assignGrid })))}::jsonb)
        AS x(ord int, parent text, geometry text, assign boolean)),
    v AS (SELECT r.*, ST_IsValid(r.g) AS valid, CASE WHEN ST_IsValid(r.g) THEN NULL ELSE ST_IsValidReason(r.g) END AS reason,
        CASE WHEN ST_IsValid(r.g) THEN r.g ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(r.g), 3)) END AS fixed
      FROM r)
    SELECT v.ord, v.valid, v.reason,
      ${
        target === 'streets'
          ? sql`NULL::float8`
          : sql`(SELECT CASE WHEN ST_CoveredBy(v.fixed, p.geom) THEN 0
              WHEN ST_CoveredBy(v.fixed, ST_Buffer(p.geom::geography, ${toleranceM})::geometry) THEN 0
              ELSE ST_Area(ST_Difference(v.fixed, p.geom)::geography) END
            FROM ${parentTable} p WHERE p.code = v.parent)`
      } AS "outsideM2",
      ${target === 'units' ? sql`best.id` : sql`NULL::int`} AS "gridId",
      ${target === 'units' ? sql`best.share` : sql`NULL::float8`} AS "gridShare"
    FROM v ${
      target === 'units'
        ? sql`LEFT JOIN LATERAL (SELECT g.id, ST_Area(ST_Intersection(g.geom, v.fixed)) / nullif(ST_Area(v.fixed), 0) AS share
        FROM grids g WHERE v.assign AND g.valid_to IS NULL AND g.community_code = v.parent AND g.geom && v.fixed
        ORDER BY share DESC NULLS LAST, g.id LIMIT 1) best ON TRUE`
        : sql``
    }
    ORDER BY v.ord`.execute(db)
  return rows
}

export interface FigureRow {
  code: string
  name: string
  households: number
}

export async function communityFigures(db: Db, codes: string[]): Promise<FigureRow[]> {
  const { rows } = await sql<FigureRow>`SELECT trim(c.code) AS code, c.name,
      coalesce((SELECT sum(u.households) FROM units u WHERE u.community_code = c.code), 0)::int AS households
    FROM communities c WHERE c.code = ANY(${codes}::text[])`.execute(db)
  return rows
}

export async function gridFigures(db: Db, ids: number[]): Promise<(FigureRow & { id: number })[]> {
  const { rows } = await sql<FigureRow & { id: number }>`SELECT id, trim(code) AS code, name, households
    FROM grids WHERE id = ANY(${ids}::int[]) AND valid_to IS NULL`.execute(db)
  return rows
}

export async function householdTotals(db: Db): Promise<{ households: number; residents: number; outOfBand: number }> {
  const { rows } = await sql<{ households: number; residents: number; outOfBand: number }>`SELECT
      coalesce((SELECT sum(households) FROM units), 0)::int AS households,
      coalesce((SELECT sum(residents) FROM units), 0)::int AS residents,
      (SELECT count(*) FROM grids g, settings t, settings o
        WHERE g.valid_to IS NULL AND t.key = 'grid.household_target' AND o.key = 'grid.household_tolerance'
          AND abs(g.households - (t.value #>> '{}')::numeric) > (t.value #>> '{}')::numeric * (o.value #>> '{}')::numeric)::int
        AS "outOfBand"`.execute(db)
  return rows[0]
}

// ── commit and rollback ────────────────────────────────────────────────

export interface PlannedRow {
  record: ImportRecord
  status: 'added' | 'changed'
  existingId: number | null
  /** units: the grid a new unit joins */
  gridId: number | null
  /** the geometry needed repair (ST_MakeValid) */
  repair: boolean
}

export interface Undo {
  target: ImportLayerId
  /** ids (units) or codes (streets, communities) the commit added */
  added: (number | string)[]
  /** the district the commit added, when streets arrived in an empty database */
  addedDistrict: string | null
  /** rows as they were before, per table (to_jsonb: geometry as hex EWKB) */
  before: Record<string, unknown[]>
}

const TABLE_OF: Partial<Record<ImportLayerId, 'streets' | 'communities' | 'units'>> = {
  streets: 'streets',
  communities: 'communities',
  workers: 'communities',
  units: 'units',
  counts: 'units',
}

export const COMMITTABLE: ImportLayerId[] = ['streets', 'communities', 'units', 'counts', 'workers']

const geomSql = (r: PlannedRow) => {
  const g = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(r.record.geometry)}), 4326)`
  return r.repair ? sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(${g}), 3))` : sql`ST_Multi(${g})`
}

/** Writes the planned rows of one import (inside a transaction) and answers what rollback needs. */
export async function applyImport(trx: Db, target: ImportLayerId, rows: PlannedRow[]): Promise<Undo> {
  const table = TABLE_OF[target]
  if (!table) throw new Error(`committing ${target} is not supported`)
  const changedKeys = rows.filter((r) => r.status === 'changed').map((r) => r.record.key)
  const undo: Undo = { target, added: [], addedDistrict: null, before: {} }
  undo.before[table] = await snapshot(trx, table, changedKeys)
  // grids whose units change: their caches are rebuilt, and restored verbatim by a rollback
  let gridIds: number[] = []
  if (table === 'units') {
    const { rows: g } = await sql<{ id: number }>`SELECT DISTINCT grid_id AS id FROM units
      WHERE code = ANY(${changedKeys}::text[]) AND grid_id IS NOT NULL`.execute(trx)
    gridIds = [...new Set([...g.map((x) => x.id), ...rows.flatMap((r) => (r.gridId ? [r.gridId] : []))])]
    const { rows: before } = await sql<{ row: unknown }>`SELECT to_jsonb(g.*) AS row FROM grids g
      WHERE id = ANY(${gridIds}::int[])`.execute(trx)
    undo.before.grids = before.map((b) => b.row)
  }
  const v = (r: PlannedRow, f: string) => r.record.values[f] ?? null
  for (const r of rows) {
    if (target === 'streets') {
      const code = r.record.key
      if (r.status === 'added') {
        const district = code.slice(0, 6)
        const { rows: d } = await sql<{
          n: number
        }>`SELECT count(*)::int AS n FROM districts WHERE code = ${district}`.execute(trx)
        if (d[0].n === 0) {
          await sql`INSERT INTO districts (code, name, geom) VALUES (${district}, ${district}, ${geomSql(r)})`.execute(
            trx,
          )
          undo.addedDistrict = district
        }
        await sql`INSERT INTO streets (code, district_code, name, kind, geom) VALUES (${code}, ${district},
          ${v(r, 'name')}, ${v(r, 'kind') ?? 'subdistrict'}, ${geomSql(r)})`.execute(trx)
        undo.added.push(code)
      } else
        await sql`UPDATE streets SET name = coalesce(${v(r, 'name')}, name), kind = coalesce(${v(r, 'kind')}, kind),
          geom = ${geomSql(r)} WHERE code = ${code}`.execute(trx)
    } else if (target === 'communities') {
      const code = r.record.key
      if (r.status === 'added') {
        await sql`INSERT INTO communities (code, street_code, name, kind, households, residents, workers, geom)
          VALUES (${code}, ${v(r, 'streetCode') ?? code.slice(0, 9)}, ${v(r, 'name')}, ${v(r, 'kind') ?? 'urban'},
            ${v(r, 'households') ?? 0}, ${v(r, 'residents') ?? 0}, ${v(r, 'workers') ?? 0}, ${geomSql(r)})`.execute(trx)
        undo.added.push(code)
      } else
        await sql`UPDATE communities SET name = coalesce(${v(r, 'name')}, name), kind = coalesce(${v(r, 'kind')}, kind),
          households = coalesce(${v(r, 'households')}::int, households), residents = coalesce(${v(r, 'residents')}::int, residents),
          workers = coalesce(${v(r, 'workers')}::int, workers), geom = ${geomSql(r)} WHERE code = ${code}`.execute(trx)
    } else if (target === 'workers') {
      await sql`UPDATE communities SET workers = ${v(r, 'workers')} WHERE code = ${r.record.key}`.execute(trx)
    } else if (target === 'units') {
      if (r.status === 'added') {
        const { rows: ins } = await sql<{ id: number }>`INSERT INTO units
            (code, community_code, street_code, name, kind, households, residents, grid_id, geom)
          SELECT ${r.record.key}, c.code, c.street_code, ${v(r, 'name')}, ${v(r, 'kind') ?? 'compound'},
            ${v(r, 'households') ?? 0}, ${v(r, 'residents') ?? 0}, ${r.gridId}, ${geomSql(r)}
          FROM communities c WHERE c.code = ${v(r, 'communityCode')} RETURNING id`.execute(trx)
        undo.added.push(ins[0].id)
      } else
        await sql`UPDATE units SET name = coalesce(${v(r, 'name')}, name), kind = coalesce(${v(r, 'kind')}, kind),
          households = coalesce(${v(r, 'households')}::int, households), residents = coalesce(${v(r, 'residents')}::int, residents),
          geom = ${geomSql(r)} WHERE code = ${r.record.key}`.execute(trx)
    } else if (target === 'counts') {
      await sql`UPDATE units SET households = coalesce(${v(r, 'households')}::int, households),
        residents = coalesce(${v(r, 'residents')}::int, residents) WHERE code = ${r.record.key}`.execute(trx)
    }
  }
  if (undo.addedDistrict)
    await sql`UPDATE districts d SET geom = (SELECT ST_Multi(ST_Union(geom)) FROM streets WHERE district_code = d.code)
      WHERE code = ${undo.addedDistrict}`.execute(trx)
  if (gridIds.length) await rebuildGridCaches(trx, gridIds)
  return undo
}

async function snapshot(trx: Db, table: 'streets' | 'communities' | 'units', keys: string[]) {
  if (keys.length === 0) return []
  const { rows } = await sql<{ row: unknown }>`SELECT to_jsonb(t.*) AS row FROM ${sql.table(table)} t
    WHERE code = ANY(${keys}::text[])`.execute(trx)
  return rows.map((r) => r.row)
}

const RESTORE: Record<string, { key: string; columns: string[] }> = {
  streets: { key: 'code', columns: ['name', 'kind', 'geom'] },
  communities: {
    key: 'code',
    columns: ['street_code', 'name', 'kind', 'households', 'residents', 'workers', 'edit_version', 'geom'],
  },
  units: {
    key: 'id',
    columns: ['code', 'community_code', 'street_code', 'name', 'kind', 'households', 'residents', 'grid_id', 'geom'],
  },
  grids: {
    key: 'id',
    columns: [
      'code',
      'name',
      'valid_from',
      'valid_to',
      'parent_ids',
      'version_from',
      'households',
      'residents',
      'unit_count',
      'geom',
    ],
  },
}

/** Undoes an import exactly (inside a transaction): deletes what it added, restores what it changed. */
export async function undoImport(trx: Db, undo: Undo): Promise<void> {
  const table = TABLE_OF[undo.target]!
  if (undo.added.length) {
    if (table === 'units') await sql`DELETE FROM units WHERE id = ANY(${undo.added as number[]}::int[])`.execute(trx)
    else await sql`DELETE FROM ${sql.table(table)} WHERE code = ANY(${undo.added as string[]}::text[])`.execute(trx)
  }
  if (undo.addedDistrict) await sql`DELETE FROM districts WHERE code = ${undo.addedDistrict}`.execute(trx)
  for (const [t, rows] of Object.entries(undo.before)) {
    if (rows.length === 0) continue
    const { key, columns } = RESTORE[t]
    const cols = sql.raw(columns.join(', '))
    const vals = sql.raw(columns.map((c) => `r.${c}`).join(', '))
    await sql`UPDATE ${sql.table(t)} x SET (${cols}) = (${vals})
      FROM jsonb_populate_recordset(NULL::${sql.table(t)}, ${JSON.stringify(rows)}::jsonb) r
      WHERE x.${sql.raw(key)} = r.${sql.raw(key)}`.execute(trx)
  }
}

export async function insertImportRevision(
  trx: Db,
  v: { importId: number; action: 'import' | 'rollback'; author: string; reason: string; after: unknown },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO revisions (entity, entity_id, action, author, reason, after)
    VALUES ('import', ${String(v.importId)}, ${v.action}, ${v.author}, ${v.reason}, ${JSON.stringify(v.after)}::jsonb)
    RETURNING id::int`.execute(trx)
  return rows[0].id
}

export async function markCommitted(
  trx: Db,
  id: number,
  v: { author: string; reason: string; revisionId: number; undo: Undo },
) {
  await sql`UPDATE imports SET status = 'committed', author = ${v.author}, reason = ${v.reason}, committed_at = now(),
    revision_id = ${v.revisionId}, undo = ${JSON.stringify(v.undo)}::jsonb WHERE id = ${id}`.execute(trx)
}

export async function readUndo(trx: Db, id: number): Promise<Undo | null> {
  const { rows } = await sql<{ undo: Undo | null }>`SELECT undo FROM imports WHERE id = ${id}`.execute(trx)
  return rows[0]?.undo ?? null
}

export async function markRolledBack(trx: Db, id: number, revisionId: number) {
  await sql`UPDATE imports SET status = 'rolled_back', rolled_back_at = now(), rollback_revision_id = ${revisionId}
    WHERE id = ${id}`.execute(trx)
}

export async function markFailed(db: Db, id: number, message: string) {
  await sql`UPDATE imports SET status = 'failed', message = ${message} WHERE id = ${id}`.execute(db)
}
