// All SQL for grid editing: a community's units and adjacency, the locked write of one edit
// (grid versions, retire, create, reassign units, revision, edit version), history, and the
// grids as of a past moment.
import { type Kysely, sql } from 'kysely'
import type { Bbox } from '../../../core/api'
import type { Database } from '../../db/schema'
import {
  bboxFilter,
  eqFilter,
  featurePageSql,
  householdTarget,
  householdTolerance,
  servedGeoJson,
} from '../../db/sql-fragments'
import { gridFeatureSql, UNION_GRID_SIZE_DEGREES } from '../grids/grids.repository'

type Db = Kysely<Database>

export interface UnitRow {
  id: number
  communityCode: string
  households: number
  residents: number
  areaM2: number
  perimeterM: number
  centroid: [number, number]
  gridId: number | null
}

export interface CommunityRow {
  code: string
  name: string
  streetCode: string
  households: number
  residents: number
  editVersion: number
}

export interface GridRow {
  id: number
  code: string
  name: string
  households: number
  residents: number
  unitCount: number
  validFrom: string
  parentIds: number[]
}

export async function readBand(db: Db): Promise<{ targetHouseholds: number; tolerance: number }> {
  const { rows } = await sql<{ target: number; tolerance: number }>`SELECT ${householdTarget} AS target,
    ${householdTolerance} AS tolerance`.execute(db)
  return { targetHouseholds: rows[0].target, tolerance: rows[0].tolerance }
}

/** The community, locked FOR UPDATE when `lock` (inside the edit transaction). */
export async function getCommunityRow(db: Db, code: string, lock = false): Promise<CommunityRow | undefined> {
  const { rows } = await sql<CommunityRow>`SELECT code, name, street_code AS "streetCode", households, residents,
      edit_version AS "editVersion"
    FROM communities WHERE code = ${code} ${lock ? sql`FOR UPDATE` : sql``}`.execute(db)
  return rows[0]
}

export async function streetExists(db: Db, code: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM streets WHERE code = ${code}`.execute(db)
  return rows.length > 0
}

export async function communitiesOfStreet(db: Db, streetCode: string): Promise<CommunityRow[]> {
  const { rows } = await sql<CommunityRow>`SELECT code, name, street_code AS "streetCode", households, residents,
      edit_version AS "editVersion"
    FROM communities WHERE street_code = ${streetCode} ORDER BY code`.execute(db)
  return rows
}

/** Current grids of a community (empty ones included). */
export async function currentGrids(db: Db, communityCode: string): Promise<GridRow[]> {
  const { rows } = await sql<GridRow>`SELECT id, code, name, households, residents, unit_count AS "unitCount",
      valid_from AS "validFrom", parent_ids AS "parentIds"
    FROM grids WHERE community_code = ${communityCode} AND valid_to IS NULL ORDER BY code`.execute(db)
  return rows
}

export async function gridsByIds(db: Db, ids: number[]): Promise<(GridRow & { validTo: string | null })[]> {
  const { rows } = await sql<GridRow & { validTo: string | null }>`SELECT id, code, name, households, residents,
      unit_count AS "unitCount", valid_from AS "validFrom", valid_to AS "validTo", parent_ids AS "parentIds"
    FROM grids WHERE id = ANY(${ids}::int[]) ORDER BY code`.execute(db)
  return rows
}

const unitScope = (scope: { community?: string; street?: string }) =>
  scope.community ? sql`u.community_code = ${scope.community}` : sql`u.street_code = ${scope.street ?? ''}`

export type UnitMetrics = Map<number, { areaM2: number; perimeterM: number; centroid: [number, number] }>

// Geometry-derived figures and adjacency never change with an edit (units are never split), so
// they are computed once per database and scope and kept in memory.
const metricsCache = new WeakMap<Db, Map<string, UnitMetrics>>()
const scopeKey = (scope: { community?: string; street?: string }) =>
  scope.community ? `c${scope.community}` : `s${scope.street}`

/** Forgets the unit geometry caches (metrics, adjacency) of a database: an import changed units. */
export function forgetUnitCaches(db: Db): void {
  metricsCache.delete(db)
  adjacencyCache.delete(db)
}

/** Area and perimeter on the spheroid, and a point inside each unit (its "centroid" for selection). */
export async function unitMetrics(db: Db, scope: { community?: string; street?: string }): Promise<UnitMetrics> {
  const perDb = metricsCache.get(db) ?? new Map<string, UnitMetrics>()
  metricsCache.set(db, perDb)
  const hit = perDb.get(scopeKey(scope))
  if (hit) return hit
  const { rows } = await sql<{ id: number; areaM2: number; perimeterM: number; x: number; y: number }>`SELECT u.id,
      ST_Area(u.geom::geography) AS "areaM2", ST_Perimeter(u.geom::geography) AS "perimeterM",
      round(ST_X(ST_PointOnSurface(u.geom))::numeric, 7) AS x, round(ST_Y(ST_PointOnSurface(u.geom))::numeric, 7) AS y
    FROM units u WHERE ${unitScope(scope)}`.execute(db)
  const metrics: UnitMetrics = new Map(
    rows.map((r) => [r.id, { areaM2: r.areaM2, perimeterM: r.perimeterM, centroid: [r.x, r.y] as [number, number] }]),
  )
  perDb.set(scopeKey(scope), metrics)
  return metrics
}

/** Units with the figures an edit session needs: membership and counts read now, `metrics` from the cache. */
export async function unitRows(
  db: Db,
  scope: { community?: string; street?: string },
  metrics: UnitMetrics,
): Promise<UnitRow[]> {
  const { rows } = await sql<Omit<UnitRow, 'areaM2' | 'perimeterM' | 'centroid'>>`SELECT u.id,
      u.community_code AS "communityCode", u.households, u.residents, u.grid_id AS "gridId"
    FROM units u WHERE ${unitScope(scope)} ORDER BY u.id`.execute(db)
  return rows.map((r) => {
    const m = metrics.get(r.id)
    if (!m) throw new Error(`unit ${r.id} has no cached metrics`)
    return { ...r, areaM2: m.areaM2, perimeterM: m.perimeterM, centroid: m.centroid }
  })
}

/** Units as GeoJSON Features built in SQL, with the same figures as unitRows. */
export async function unitFeatures(db: Db, communityCode: string): Promise<string> {
  const { rows } = await sql<{ fc: string }>`SELECT json_build_object('type', 'FeatureCollection',
      'features', coalesce(json_agg(json_build_object('type', 'Feature', 'id', u.id,
        'geometry', ${servedGeoJson('u.geom')},
        'properties', json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind,
          'households', u.households, 'residents', u.residents,
          'areaM2', round(ST_Area(u.geom::geography)::numeric, 1), 'perimeterM', round(ST_Perimeter(u.geom::geography)::numeric, 1),
          'centroid', json_build_array(round(ST_X(ST_PointOnSurface(u.geom))::numeric, 7), round(ST_Y(ST_PointOnSurface(u.geom))::numeric, 7)),
          'gridId', u.grid_id)) ORDER BY u.id), '[]'::json))::text AS fc
    FROM units u WHERE u.community_code = ${communityCode}`.execute(db)
  return rows[0].fc
}

const adjacencyCache = new WeakMap<Db, Map<string, [number, number, number][]>>()

/**
 * Pairs of units that share a boundary, with its length in metres (on the spheroid). Boundaries
 * are intersected on the union precision grid: neighbouring units computed separately can disagree
 * in the last bits of a shared edge, and an exact intersection then finds only points.
 */
export async function unitAdjacency(
  db: Db,
  scope: { community?: string; street?: string },
): Promise<[number, number, number][]> {
  const key = scopeKey(scope)
  const perDb = adjacencyCache.get(db) ?? new Map<string, [number, number, number][]>()
  adjacencyCache.set(db, perDb)
  const hit = perDb.get(key)
  if (hit) return hit
  const { rows } = await sql<{ a: number; b: number; m: number }>`SELECT a, b, m FROM (
      SELECT u.id AS a, v.id AS b,
        ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(u.geom), ST_Boundary(v.geom),
          ${UNION_GRID_SIZE_DEGREES}::float8), 2)::geography) AS m
      FROM units u JOIN units v ON v.street_code = u.street_code AND u.id < v.id AND u.geom && v.geom
        AND ST_Intersects(u.geom, v.geom)
      WHERE ${unitScope(scope)} AND ${scope.community ? sql`v.community_code = ${scope.community}` : sql`TRUE`}) x
    WHERE m > 0.01 ORDER BY a, b`.execute(db)
  const pairs = rows.map((r): [number, number, number] => [r.a, r.b, Math.round(r.m * 10) / 10])
  perDb.set(key, pairs)
  return pairs
}

// ── the write of one edit (inside a transaction) ──────────────────────

/** Copies the current version of these grids, with their unit ids, into grid_versions (ends now). */
export async function snapshotGridVersions(db: Db, gridIds: number[]): Promise<void> {
  if (gridIds.length === 0) return
  await sql`INSERT INTO grid_versions (grid_id, community_code, code, valid_from, valid_to, unit_ids,
      households, residents, unit_count, geom)
    SELECT g.id, g.community_code, g.code,
      least(now(), coalesce(g.version_from, g.valid_from::timestamptz)), now(), coalesce((SELECT array_agg(u.id ORDER BY u.id) FROM units u WHERE u.grid_id = g.id), '{}'),
      g.households, g.residents, g.unit_count, g.geom
    FROM grids g WHERE g.id = ANY(${gridIds}::int[])`.execute(db)
  await sql`UPDATE grids SET version_from = now() WHERE id = ANY(${gridIds}::int[])`.execute(db)
}

export async function linkVersionsToRevision(db: Db, gridIds: number[], revisionId: number): Promise<void> {
  if (gridIds.length === 0) return
  await sql`UPDATE grid_versions SET revision_id = ${revisionId}
    WHERE grid_id = ANY(${gridIds}::int[]) AND revision_id IS NULL AND valid_to = now()`.execute(db)
}

export async function retireGrids(db: Db, gridIds: number[]): Promise<void> {
  if (gridIds.length === 0) return
  await sql`UPDATE grids SET valid_to = greatest(current_date, valid_from) WHERE id = ANY(${gridIds}::int[])`.execute(
    db,
  )
}

/** Highest grid sequence ever used in the community (retired codes are never reused). */
export async function maxGridSequence(db: Db, communityCode: string): Promise<number> {
  const { rows } = await sql<{ seq: number | null }>`SELECT max(substr(code, 13, 3)::int) AS seq
    FROM grids WHERE community_code = ${communityCode}`.execute(db)
  return rows[0].seq ?? 0
}

export async function insertGrid(
  db: Db,
  grid: { code: string; name: string; communityCode: string; streetCode: string; parentIds: number[] },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO grids (code, community_code, street_code, name, parent_ids,
      version_from)
    VALUES (${grid.code}, ${grid.communityCode}, ${grid.streetCode}, ${grid.name}, ${grid.parentIds}::int[], now())
    RETURNING id`.execute(db)
  return rows[0].id
}

/** Sets units.grid_id; only units of the community are touched. Returns how many rows changed. */
export async function assignUnits(db: Db, communityCode: string, pairs: [unitId: number, gridId: number][]) {
  if (pairs.length === 0) return 0
  const result = await sql`UPDATE units u SET grid_id = v.grid_id
    FROM unnest(${pairs.map((p) => p[0])}::int[], ${pairs.map((p) => p[1])}::int[]) AS v(unit_id, grid_id)
    WHERE u.id = v.unit_id AND u.community_code = ${communityCode}`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

export async function bumpEditVersion(db: Db, communityCode: string): Promise<number> {
  const { rows } = await sql<{ v: number }>`UPDATE communities SET edit_version = edit_version + 1
    WHERE code = ${communityCode} RETURNING edit_version AS v`.execute(db)
  return rows[0].v
}

/** Which community each of these unit ids belongs to (for naming a foreign or unknown unit). */
export async function unitCommunities(db: Db, unitIds: number[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; c: string }>`SELECT id, community_code AS c FROM units
    WHERE id = ANY(${unitIds}::int[])`.execute(db)
  return new Map(rows.map((r) => [r.id, r.c]))
}

export async function gridCommunities(db: Db, gridIds: number[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; c: string }>`SELECT id, community_code AS c FROM grids
    WHERE id = ANY(${gridIds}::int[])`.execute(db)
  return new Map(rows.map((r) => [r.id, r.c]))
}

// ── revisions ─────────────────────────────────────────────────────────

export interface RevisionRow {
  id: number
  communityCode: string
  action: string
  author: string
  reason: string
  createdAt: Date
  before: unknown
  after: unknown
}

export async function insertRevision(
  db: Db,
  r: { communityCode: string; action: string; author: string; reason: string; before: unknown; after: unknown },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO revisions (entity, entity_id, community_code, action, author,
      reason, before, after)
    VALUES ('community', ${r.communityCode}, ${r.communityCode}, ${r.action}, ${r.author}, ${r.reason},
      ${JSON.stringify(r.before)}::jsonb, ${JSON.stringify(r.after)}::jsonb)
    RETURNING id`.execute(db)
  return rows[0].id
}

const revisionColumns = sql`id, community_code AS "communityCode", action, author, reason, created_at AS "createdAt",
  before, after`

export async function communityRevisions(db: Db, communityCode: string, sinceVersion = 0): Promise<RevisionRow[]> {
  const { rows } = await sql<RevisionRow>`SELECT ${revisionColumns} FROM revisions
    WHERE entity = 'community' AND community_code = ${communityCode}
      AND coalesce((after ->> 'editVersion')::int, 0) > ${sinceVersion}
    ORDER BY id DESC LIMIT 500`.execute(db)
  return rows
}

export async function gridRevisions(db: Db, gridId: number): Promise<RevisionRow[]> {
  const { rows } = await sql<RevisionRow>`SELECT ${revisionColumns} FROM revisions r
    WHERE r.entity = 'community'
      AND r.community_code = (SELECT community_code FROM grids WHERE id = ${gridId})
      AND (r.after -> 'changedGridIds') @> to_jsonb(${gridId}::int)
    ORDER BY r.id DESC LIMIT 500`.execute(db)
  return rows
}

export async function getRevision(db: Db, id: number): Promise<RevisionRow | undefined> {
  const { rows } = await sql<RevisionRow>`SELECT ${revisionColumns} FROM revisions
    WHERE id = ${id} AND entity = 'community'`.execute(db)
  return rows[0]
}

export async function gridExists(db: Db, id: number): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM grids WHERE id = ${id}`.execute(db)
  return rows.length > 0
}

// ── grids as of a moment ──────────────────────────────────────────────

export interface AsOfFilter {
  at: string
  bbox?: Bbox
  street?: string
  community?: string
  limit: number
  offset: number
}

/** Each grid's version valid at `at`: a past version from grid_versions, or the current row. */
export const asOfRows = (at: string) => sql`SELECT * FROM (
    SELECT g.id, g.code, g.name, g.community_code, g.street_code, g.households, g.residents, g.unit_count,
      g.geom, coalesce(g.version_from, g.valid_from::timestamptz) AS vfrom, NULL::timestamptz AS vto, g.parent_ids
    FROM grids g WHERE g.valid_to IS NULL
    UNION ALL
    SELECT v.grid_id, v.code, g.name, v.community_code, g.street_code, v.households, v.residents, v.unit_count,
      v.geom, v.valid_from, v.valid_to, g.parent_ids
    FROM grid_versions v JOIN grids g ON g.id = v.grid_id) g
  WHERE g.vfrom <= ${at}::timestamptz AND (g.vto IS NULL OR g.vto > ${at}::timestamptz)`

export async function listGridsAsOf(db: Db, filter: AsOfFilter): Promise<string> {
  const scope = sql`${bboxFilter('g.geom', filter.bbox)} AND ${eqFilter('g.street_code', filter.street)}
    AND ${eqFilter('g.community_code', filter.community)}`
  const { rows } = await featurePageSql({
    ids: sql`SELECT g.id FROM (${asOfRows(filter.at)}) g WHERE ${scope}`,
    rows: sql`SELECT g.*, c.name AS community_name, ${householdTarget} AS target, ${householdTolerance} AS tolerance
      FROM (${asOfRows(filter.at)}) g JOIN f ON f.id = g.id JOIN communities c ON c.code = g.community_code`,
    orderBy: sql`p.code`,
    feature: gridFeatureSql({
      validFrom: sql`to_char(p.vfrom AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
      validTo: sql`to_char(p.vto AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    }),
    limit: filter.limit,
    offset: filter.offset,
  }).execute(db)
  return rows[0].fc
}
