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
  else if (target === 'buildings')
    query = sql`SELECT b.id, b.code AS key, json_build_object('code', b.code, 'unitCode', u.code, 'households', b.households,
        'residents', b.residents, 'floors', b.floors) AS values,
      ${geom('b')} AS geometry, u.grid_id AS "gridId", trim(b.community_code) AS "communityCode"
      FROM buildings b JOIN units u ON u.id = b.unit_id WHERE b.code = ANY(${keys}::text[])`
  else if (target === 'facilities')
    query = sql`SELECT DISTINCT ON (f.name) f.id, f.name AS key, json_build_object('name', f.name, 'typeCode', f.type_code,
        'status', f.status, 'floorAreaM2', f.floor_area_m2, 'activityAreaM2', f.activity_area_m2, 'capacity', f.capacity,
        'radiusM', f.radius_m, 'communityCode', trim(f.community_code)) AS values,
      ${geom('f')} AS geometry, NULL::int AS "gridId", trim(f.community_code) AS "communityCode"
      FROM facilities f WHERE f.name = ANY(${keys}::text[]) AND f.status <> 'retired' ORDER BY f.name, f.id`
  else if (target === 'grids')
    query = sql`SELECT g.id, trim(g.code) AS key, json_build_object('code', trim(g.code), 'name', g.name,
        'communityCode', trim(g.community_code)) AS values, '' AS geometry, g.id AS "gridId",
        trim(g.community_code) AS "communityCode"
      FROM grids g WHERE g.code = ANY(${keys}::text[]) AND g.valid_to IS NULL`
  else return new Map()
  const { rows } = await query.execute(db)
  return new Map(rows.map(({ key, ...r }) => [key, { ...r, geometry: r.geometry ?? '' }]))
}

export interface MissingRow {
  id: number
  key: string
  /** the scope it belongs to (district, street, community or unit code) */
  parent: string
  name: string | null
  households: number | null
  geometry: GeoJSON.Geometry | null
}

/**
 * Stored rows in the file's scope that the file does not list (a corrected file that dropped
 * them): the streets of its districts, the communities of its streets, the units of its
 * communities, the buildings of its units, the current grids of its communities.
 */
export async function rowsNotInFile(
  db: Db,
  target: ImportLayerId,
  scope: string[],
  keys: string[],
): Promise<MissingRow[]> {
  if (scope.length === 0) return []
  const geom = (a: string) => sql.raw(`ST_AsGeoJSON(${a}.geom, 7)::json`)
  let query: ReturnType<typeof sql<MissingRow>>
  if (target === 'streets')
    query = sql`SELECT 0 AS id, trim(s.code) AS key, trim(s.district_code) AS parent, s.name, NULL::int AS households, ${geom('s')} AS geometry
      FROM streets s WHERE s.district_code = ANY(${scope}::text[]) AND NOT (trim(s.code) = ANY(${keys}::text[]))
      ORDER BY s.code`
  else if (target === 'communities')
    query = sql`SELECT 0 AS id, trim(c.code) AS key, trim(c.street_code) AS parent, c.name, c.households, ${geom('c')} AS geometry
      FROM communities c WHERE c.street_code = ANY(${scope}::text[]) AND NOT (trim(c.code) = ANY(${keys}::text[]))
      ORDER BY c.code`
  else if (target === 'units')
    query = sql`SELECT u.id, u.code AS key, trim(u.community_code) AS parent, u.name, u.households, ${geom('u')} AS geometry
      FROM units u WHERE u.community_code = ANY(${scope}::text[]) AND NOT (u.code = ANY(${keys}::text[]))
      ORDER BY u.id`
  else if (target === 'buildings')
    query = sql`SELECT b.id, coalesce(b.code, '#' || b.id) AS key, u.code AS parent, NULL AS name, b.households, ${geom('b')} AS geometry
      FROM buildings b JOIN units u ON u.id = b.unit_id
      WHERE u.code = ANY(${scope}::text[]) AND (b.code IS NULL OR NOT (b.code = ANY(${keys}::text[])))
      ORDER BY b.id`
  else if (target === 'grids')
    query = sql`SELECT g.id, trim(g.code) AS key, trim(g.community_code) AS parent, g.name, g.households, ${geom('g')} AS geometry
      FROM grids g WHERE g.community_code = ANY(${scope}::text[]) AND g.valid_to IS NULL
        AND NOT (trim(g.code) = ANY(${keys}::text[]))
      ORDER BY g.id`
  else return []
  const { rows } = await query.execute(db)
  return rows
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
 * Set-based and ordered for speed (ADR 0019): validity is computed once per row, and the
 * containment test runs over the rows sorted by parent, so PostGIS reuses the parent's prepared
 * geometry (its cache holds the last polygon it saw: rows alternating between parents rebuild it
 * every time); the tolerance buffer is built only for the few rows not already covered.
 */
export async function checkGeometries(
  db: Db,
  target: 'streets' | 'communities' | 'units',
  items: { ord: number; parent: string | null; geometry: string; assignGrid: boolean }[],
  toleranceM: number,
): Promise<GeometryCheck[]> {
  if (items.length === 0) return []
  const parentTable = target === 'units' ? sql`communities` : sql`streets`
  const json = JSON.stringify(
    items.map((i) => ({ ord: i.ord, parent: i.parent, geometry: i.geometry, assign: i.assignGrid })),
  )
  const { rows } = await sql<GeometryCheck>`WITH r AS (
      SELECT x.ord, x.parent, x.assign, ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326) AS g
      FROM jsonb_to_recordset(${json}::jsonb) AS x(ord int, parent text, geometry text, assign boolean)),
    v AS MATERIALIZED (SELECT r.ord, r.parent, r.assign, r.g, ST_IsValid(r.g) AS valid FROM r),
    f AS MATERIALIZED (SELECT v.ord, v.parent, v.assign, v.valid,
        CASE WHEN v.valid THEN NULL ELSE ST_IsValidReason(v.g) END AS reason,
        CASE WHEN v.valid THEN v.g ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(v.g), 3)) END AS fixed
      FROM v),
    c AS MATERIALIZED (${
      target === 'streets'
        ? sql`SELECT f.ord, NULL::float8 AS outside FROM f`
        : sql`SELECT s.ord, CASE WHEN ST_CoveredBy(s.fixed, p.geom) THEN 0
            WHEN ST_CoveredBy(s.fixed, ST_Buffer(p.geom::geography, ${toleranceM})::geometry) THEN 0
            ELSE ST_Area(ST_Difference(s.fixed, p.geom)::geography) END AS outside
          FROM (SELECT f.ord, f.parent, f.fixed FROM f ORDER BY f.parent, f.ord) s
          CROSS JOIN LATERAL (SELECT p.geom FROM ${parentTable} p WHERE p.code = s.parent) p`
    })
    SELECT f.ord, f.valid, f.reason, c.outside AS "outsideM2",
      ${target === 'units' ? sql`best.id` : sql`NULL::int`} AS "gridId",
      ${target === 'units' ? sql`best.share` : sql`NULL::float8`} AS "gridShare"
    FROM f LEFT JOIN c ON c.ord = f.ord ${
      target === 'units'
        ? sql`LEFT JOIN LATERAL (SELECT g.id, ST_Area(ST_Intersection(g.geom, f.fixed)) / nullif(ST_Area(f.fixed), 0) AS share
        FROM grids g WHERE f.assign AND g.valid_to IS NULL AND g.community_code = f.parent AND g.geom && f.fixed
        ORDER BY share DESC NULLS LAST, g.id LIMIT 1) best ON TRUE`
        : sql``
    }
    ORDER BY f.ord`.execute(db)
  return rows
}

/** The stored rows of these parents that the file does not replace: the neighbours of its rows. */
export async function storedOutlines(
  db: Db,
  target: 'units' | 'communities',
  parents: string[],
  keys: string[],
): Promise<{ key: string; parent: string; geometry: GeoJSON.Geometry }[]> {
  if (parents.length === 0) return []
  const { rows } =
    target === 'units'
      ? await sql<{ key: string; parent: string; geometry: GeoJSON.Geometry }>`SELECT code AS key,
          trim(community_code) AS parent, ST_AsGeoJSON(geom, 7)::json AS geometry FROM units
        WHERE community_code = ANY(${parents}::text[]) AND NOT (code = ANY(${keys}::text[]))`.execute(db)
      : await sql<{ key: string; parent: string; geometry: GeoJSON.Geometry }>`SELECT trim(code) AS key,
          trim(street_code) AS parent, ST_AsGeoJSON(geom, 7)::json AS geometry FROM communities
        WHERE street_code = ANY(${parents}::text[]) AND NOT (trim(code) = ANY(${keys}::text[]))`.execute(db)
  return rows
}

export interface NeighbourPair {
  /** the neighbour's code: a stored row, or an earlier row of the file */
  other: string
  kind: 'overlap' | 'gap'
  areaM2: number
  /** thinner than the sliver tolerance: snapped away */
  sliver: boolean
  /** the neighbour is stored (else an earlier row of the file) */
  stored: boolean
}

export interface NeighbourCheck {
  ord: number
  /** the geometry after slivers were snapped away (GeoJSON, 7 decimals); null when nothing moved */
  geometry: string | null
  pairs: NeighbourPair[]
}

/**
 * Overlaps and sliver gaps between each row and its neighbours of the same parent (a unit's
 * community, a community's street): stored rows the file does not replace, and the file's earlier
 * rows (the earlier row keeps what both claim). An overlap thinner than the sliver tolerance is
 * trimmed from the row, a gap thinner than it (a closing by half the tolerance) is filled by the
 * row, so the two share the neighbour's edge; a wider overlap is reported for the row to be
 * refused, a wider gap is land between them (a road) and stays.
 */
export async function checkNeighbours(
  db: Db,
  target: 'units' | 'communities',
  items: { ord: number; key: string; parent: string; geometry: string; work: boolean }[],
  sliverM: number,
): Promise<NeighbourCheck[]> {
  if (items.length === 0) return []
  // metres to degrees of latitude: never more than the tolerance in either direction
  const d = sliverM / 111_320
  const stored =
    target === 'units'
      ? sql`SELECT code, community_code AS parent, geom FROM units`
      : sql`SELECT trim(code) AS code, street_code AS parent, geom FROM communities`
  const { rows } = await sql<NeighbourCheck>`WITH r AS MATERIALIZED (
      SELECT x.ord, x.key, x.parent, x.work,
        CASE WHEN ST_IsValid(g) THEN ST_Multi(g) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS g
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) x(ord int, key text, parent text, geometry text, work boolean),
        LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326) AS g) gg),
    n AS MATERIALIZED (
      SELECT r.ord, s.code AS other, true AS stored, s.geom AS g FROM r JOIN (${stored}) s
        ON trim(s.parent) = r.parent AND ST_DWithin(s.geom, r.g, ${d}::float8)
        AND NOT (s.code = ANY(${items.map((i) => i.key)}::text[]))
      UNION ALL
      SELECT r.ord, e.key, false, e.g FROM r JOIN r e ON e.parent = r.parent AND e.ord < r.ord AND ST_DWithin(e.g, r.g, ${d}::float8)),
    -- per pair: do they overlap (the rows that come near a neighbour other than at shared vertices
    -- were found before in JavaScript, "work": core/import/near-miss.ts); the costly overlays below run only for
    -- the rows where something can move
    np AS MATERIALIZED (SELECT n.ord, n.other, n.stored, n.g, ST_Relate(r.g, n.g, '2********') AS overlapping
      FROM n JOIN r ON r.ord = n.ord),
    o AS (SELECT np.ord, np.other, np.stored, ST_CollectionExtract(ST_Intersection(r.g, np.g, 1e-7), 3) AS overlap
      FROM np JOIN r ON r.ord = np.ord WHERE np.overlapping),
    ov AS MATERIALIZED (SELECT ord, other, stored, ST_Area(overlap::geography) AS area,
        ST_IsEmpty(ST_Buffer(overlap, ${-d / 2}::float8)) AS sliver FROM o WHERE NOT ST_IsEmpty(overlap)),
    -- the rows with work to do, with all their neighbours as one geometry
    t0 AS MATERIALIZED (SELECT r.ord, r.g AS original, a.near,
        EXISTS (SELECT 1 FROM ov WHERE ov.ord = r.ord AND NOT ov.sliver) AS wide
      FROM r JOIN (SELECT ord, ST_Union(g, 1e-7) AS near, bool_or(overlapping) AS overlapping FROM np GROUP BY ord) a
        ON a.ord = r.ord
      WHERE r.work OR a.overlapping),
    -- first the row's vertices snapped to its neighbours' within the tolerance (a traced copy of a
    -- shared edge comes back onto it, vertex for vertex), then what still overlaps trimmed away
    t1 AS (SELECT ord, original, near, wide,
        CASE WHEN wide THEN original
        ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Snap(original, near, ${d}::float8)), 3)) END AS g
      FROM t0),
    t AS MATERIALIZED (SELECT ord, original, near, wide,
        CASE WHEN NOT wide AND ST_Relate(g, near, '2********')
        THEN ST_Multi(ST_CollectionExtract(ST_Difference(g, near, 1e-7), 3)) ELSE g END AS g
      FROM t1),
    -- sliver gaps: what a closing by half the tolerance adds between the row and its neighbours
    -- (reported as the file drew them, filled as they are left after snapping)
    gap AS MATERIALIZED (SELECT t.ord, p.geom AS piece,
        (SELECT n.other FROM n WHERE n.ord = t.ord AND ST_DWithin(n.g, p.geom, 1e-9) ORDER BY n.other LIMIT 1) AS other
      FROM t, LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(
          ST_Buffer(ST_Buffer(ST_Union(t.original, t.near, 1e-7), ${d / 2}::float8, 'join=mitre'), ${-d / 2}::float8, 'join=mitre'),
          ST_Union(t.original, t.near, 1e-7), 1e-7), 3)) p
      WHERE ST_DWithin(p.geom, t.original, 1e-9) AND ST_DWithin(p.geom, t.near, 1e-9) AND ST_Area(p.geom) > 0),
    gp AS (SELECT t.ord, ST_Union(p.geom, 1e-7) AS pieces
      FROM t, LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(
          ST_Buffer(ST_Buffer(ST_Union(t.g, t.near, 1e-7), ${d / 2}::float8, 'join=mitre'), ${-d / 2}::float8, 'join=mitre'),
          ST_Union(t.g, t.near, 1e-7), 1e-7), 3)) p
      WHERE NOT t.wide AND ST_DWithin(p.geom, t.g, 1e-9) AND ST_DWithin(p.geom, t.near, 1e-9) AND ST_Area(p.geom) > 0
      GROUP BY t.ord),
    f0 AS (SELECT t.ord, t.original,
        CASE WHEN gp.pieces IS NOT NULL
        THEN ST_Multi(ST_CollectionExtract(ST_Union(t.g, gp.pieces, 1e-7), 3)) ELSE t.g END AS g
      FROM t LEFT JOIN gp ON gp.ord = t.ord),
    -- on the 1e-7° grid the file's coordinates are kept on, valid there (what is stored is what is answered)
    f AS (SELECT ord, original, CASE WHEN ST_OrderingEquals(g, original) THEN g
        ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(g, 1e-7)), 3)) END AS g FROM f0)
    SELECT r.ord,
      CASE WHEN f.g IS NULL OR ST_OrderingEquals(f.g, f.original) THEN NULL
        ELSE ST_AsGeoJSON(f.g, 7) END AS geometry,
      coalesce(po.pairs, '[]'::jsonb) || coalesce(pg.pairs, '[]'::jsonb) AS pairs
    FROM r LEFT JOIN f ON f.ord = r.ord
      LEFT JOIN (SELECT ord, jsonb_agg(jsonb_build_object('other', other, 'kind', 'overlap', 'areaM2', area,
          'sliver', sliver, 'stored', stored) ORDER BY other) AS pairs FROM ov GROUP BY ord) po ON po.ord = r.ord
      LEFT JOIN (SELECT ord, jsonb_agg(jsonb_build_object('other', other, 'kind', 'gap', 'areaM2', ST_Area(piece::geography),
          'sliver', true, 'stored', true) ORDER BY other) AS pairs
        FROM gap WHERE ST_Area(piece::geography) >= 0.01 GROUP BY ord) pg ON pg.ord = r.ord
    ORDER BY r.ord`.execute(db)
  return rows
}

export interface UnitInGrid {
  unitId: number
  unitCode: string
  communityCode: string
  households: number
  currentGridId: number | null
  /** the imported grid holding most of the unit, null when none overlaps it */
  gridKey: string | null
  share: number
}

/** For an import of grids: every unit of their communities and the imported grid holding most of it. */
export async function unitsInGrids(
  db: Db,
  grids: { key: string; community: string; geom: string }[],
): Promise<UnitInGrid[]> {
  if (grids.length === 0) return []
  const communities = [...new Set(grids.map((g) => g.community))]
  const { rows } = await sql<UnitInGrid>`WITH g AS (
      SELECT x.key, x.community, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326)) AS geom
      FROM jsonb_to_recordset(${JSON.stringify(grids)}::jsonb) x(key text, community text, geom text))
    SELECT u.id AS "unitId", u.code AS "unitCode", trim(u.community_code) AS "communityCode", u.households,
      u.grid_id AS "currentGridId", best.key AS "gridKey", coalesce(best.share, 0)::float8 AS share
    FROM units u LEFT JOIN LATERAL (
      SELECT g.key, ST_Area(ST_Intersection(g.geom, u.geom)) / nullif(ST_Area(u.geom), 0) AS share
      FROM g WHERE g.community = trim(u.community_code) AND g.geom && u.geom AND ST_Intersects(g.geom, u.geom)
      ORDER BY share DESC NULLS LAST, g.key LIMIT 1) best ON TRUE
    WHERE u.community_code = ANY(${communities}::text[]) ORDER BY u.id`.execute(db)
  return rows
}

/** Current grids' unit ids, for comparing an imported grid's membership with what is stored. */
export async function gridMembers(db: Db, gridIds: number[]): Promise<Map<number, number[]>> {
  const { rows } = await sql<{
    gridId: number
    ids: number[]
  }>`SELECT grid_id AS "gridId", array_agg(id ORDER BY id) AS ids
    FROM units WHERE grid_id = ANY(${gridIds}::int[]) GROUP BY grid_id`.execute(db)
  return new Map(rows.map((r) => [r.gridId, r.ids]))
}

/** For facilities: whether the type exists and which street the point lies in. */
export async function facilityChecks(
  db: Db,
  items: { ord: number; typeCode: string; geom: string }[],
): Promise<{ ord: number; typeKnown: boolean; street: string | null }[]> {
  if (items.length === 0) return []
  const { rows } = await sql<{ ord: number; typeKnown: boolean; street: string | null }>`SELECT r.ord,
      EXISTS (SELECT 1 FROM facility_types t WHERE t.code = r."typeCode") AS "typeKnown",
      (SELECT trim(s.code) FROM streets s WHERE ST_Covers(s.geom, ${point}) ORDER BY s.code LIMIT 1) AS street
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) r(ord int, "typeCode" text, geom text)
    ORDER BY r.ord`.execute(db)
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

export async function householdTotals(
  db: Db,
): Promise<{ households: number; residents: number; outOfBand: number; outsideGrids: number }> {
  const { rows } = await sql<{ households: number; residents: number; outOfBand: number; outsideGrids: number }>`SELECT
      coalesce((SELECT sum(households) FROM units), 0)::int AS households,
      coalesce((SELECT sum(households) FROM units WHERE grid_id IS NULL), 0)::int AS "outsideGrids",
      coalesce((SELECT sum(residents) FROM units), 0)::int AS residents,
      (SELECT count(*) FROM grids g, settings t, settings o
        WHERE g.valid_to IS NULL AND t.key = 'grid.household_target' AND o.key = 'grid.household_tolerance'
          AND abs(g.households - (t.value #>> '{}')::numeric) > (t.value #>> '{}')::numeric * (o.value #>> '{}')::numeric)::int
        AS "outOfBand"`.execute(db)
  return rows[0]
}

export interface UnitOfBuildings {
  code: string
  communityCode: string
  gridId: number | null
  households: number
  residents: number
  /** its stored buildings */
  buildings: { code: string | null; households: number; residents: number }[]
}

/** Units (by code) with their stored buildings, for what a buildings import does to their counts. */
export async function unitsWithBuildings(
  db: Db,
  unitCodes: string[],
  buildingCodes: string[],
): Promise<UnitOfBuildings[]> {
  const { rows } =
    await sql<UnitOfBuildings>`SELECT u.code, trim(u.community_code) AS "communityCode", u.grid_id AS "gridId",
      u.households, u.residents,
      coalesce((SELECT json_agg(json_build_object('code', b.code, 'households', b.households, 'residents', b.residents))
        FROM buildings b WHERE b.unit_id = u.id), '[]') AS buildings
    FROM units u WHERE u.code = ANY(${unitCodes}::text[])
      OR u.id IN (SELECT unit_id FROM buildings WHERE code = ANY(${buildingCodes}::text[]))`.execute(db)
  return rows
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
  /** grids: the units the grid holds most of (their grid_id is set to it) */
  unitIds?: number[]
}

export interface Undo {
  target: ImportLayerId
  /** ids (units) or codes (streets, communities) the commit added */
  added: (number | string)[]
  /** the district the commit added, when streets arrived in an empty database */
  addedDistrict: string | null
  /** rows as they were before, per table (to_jsonb: geometry as hex EWKB) */
  before: Record<string, unknown[]>
  /** grid_versions rows the commit wrote (grids imports): deleted by the rollback */
  addedVersions?: number[]
}

type WorldTable = 'streets' | 'communities' | 'units' | 'buildings' | 'facilities' | 'grids'

const TABLE_OF: Partial<Record<ImportLayerId, WorldTable>> = {
  streets: 'streets',
  communities: 'communities',
  workers: 'communities',
  units: 'units',
  counts: 'units',
  buildings: 'buildings',
  facilities: 'facilities',
  grids: 'grids',
}

export const COMMITTABLE: ImportLayerId[] = [
  'streets',
  'communities',
  'units',
  'buildings',
  'counts',
  'workers',
  'facilities',
  'grids',
  'walk_network',
]

const BATCH = 5000

/** The rows as one JSON array parameter: keys, values, geometry text, and what the dry run decided. */
export function rowsJson(rows: PlannedRow[]) {
  return JSON.stringify(
    rows.map((r) => ({
      key: r.record.key,
      ...r.record.values,
      id: r.existingId,
      grid_id: r.gridId,
      repair: r.repair,
      geom: r.record.geometry ? JSON.stringify(r.record.geometry) : null,
    })),
  )
}

/** A geometry from the row's GeoJSON text, repaired when the dry run found it invalid (and it still is). */
const polygon =
  sql.raw(`CASE WHEN r.repair AND NOT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)) THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)), 3))
  ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)) END`)
const point = sql.raw('ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)')

/** Writes the planned rows of one import (inside a transaction) and answers what rollback needs. */
export async function applyImport(
  trx: Db,
  target: ImportLayerId,
  rows: PlannedRow[],
  options: { sliverM?: number } = {},
): Promise<Undo> {
  const table = TABLE_OF[target]
  if (!table || target === 'grids') throw new Error(`committing ${target} is not supported here`)
  const undo: Undo = { target, added: [], addedDistrict: null, before: {} }
  const changedKeys = rows.filter((r) => r.status === 'changed').map((r) => r.record.key)
  const keyColumn = table === 'facilities' ? sql`name` : sql`code`
  undo.before[table] = await snapshotWhere(trx, table, sql`t.${keyColumn} = ANY(${changedKeys}::text[])`)

  if (target === 'streets' && rows.some((r) => r.status === 'added')) {
    const districts = [...new Set(rows.filter((r) => r.status === 'added').map((r) => r.record.key.slice(0, 6)))]
    const have = await sql<{ code: string }>`SELECT code FROM districts WHERE code = ANY(${districts}::text[])`.execute(
      trx,
    )
    const missing = districts.filter((d) => !have.rows.some((h) => h.code === d))
    if (missing.length > 1) throw new Error('streets of several districts in one import')
    if (missing.length === 1) {
      const first = rows.find((r) => r.status === 'added')!
      await sql`INSERT INTO districts (code, name, geom)
        VALUES (${missing[0]}, ${missing[0]}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(first.record.geometry)}), 4326)))`.execute(
        trx,
      )
      undo.addedDistrict = missing[0]
    }
  }

  // units whose households follow from their buildings, and grids whose caches follow from their units
  let unitIds: number[] = []
  if (target === 'buildings') {
    const { rows: u } = await sql<{ id: number }>`SELECT DISTINCT unit_id AS id FROM buildings
      WHERE code = ANY(${changedKeys}::text[])`.execute(trx)
    const { rows: v } = await sql<{ id: number }>`SELECT id FROM units
      WHERE code = ANY(${[...new Set(rows.map((r) => String(r.record.values.unitCode)))]}::text[])`.execute(trx)
    unitIds = [...new Set([...u, ...v].map((x) => x.id))]
    // only their counts change: keep those, not whole rows
    const { rows: counts } = await sql<{ row: unknown }>`SELECT json_build_object('id', id, 'households', households,
        'residents', residents) AS row FROM units WHERE id = ANY(${unitIds}::int[])`.execute(trx)
    undo.before.unit_counts = counts.map((r) => r.row)
  }
  let gridIds: number[] = []
  if (table === 'units' || target === 'buildings') {
    const { rows: g } = await sql<{ id: number }>`SELECT DISTINCT grid_id AS id FROM units
      WHERE (code = ANY(${table === 'units' ? changedKeys : []}::text[]) OR id = ANY(${unitIds}::int[]))
        AND grid_id IS NOT NULL`.execute(trx)
    gridIds = [...new Set([...g.map((x) => x.id), ...rows.flatMap((r) => (r.gridId ? [r.gridId] : []))])]
    undo.before.grids = await snapshotWhere(trx, 'grids', sql`t.id = ANY(${gridIds}::int[])`)
  }

  const bulk =
    (target === 'units' || target === 'buildings') && rows.length > 0 && (await bulkWrites(trx, target, rows))
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH)
    const added = batch.filter((r) => r.status === 'added')
    const changed = batch.filter((r) => r.status === 'changed')
    const ins = added.length ? await insertRows(trx, target, rowsJson(added)) : []
    undo.added.push(...ins)
    if (changed.length) await updateRows(trx, target, rowsJson(changed))
  }
  if (bulk) await endBulkWrites(trx, target, undo.added as number[], rows)

  if (undo.addedDistrict)
    await sql`UPDATE districts d SET geom = (SELECT ST_Multi(ST_Union(geom)) FROM streets WHERE district_code = d.code)
      WHERE code = ${undo.addedDistrict}`.execute(trx)
  if (target === 'buildings' && unitIds.length)
    await sql`UPDATE units u SET households = s.h, residents = s.r FROM (
        SELECT unit_id, sum(households)::int AS h, sum(residents)::int AS r FROM buildings
        WHERE unit_id = ANY(${unitIds}::int[]) GROUP BY unit_id) s
      WHERE u.id = s.unit_id AND (u.households, u.residents) IS DISTINCT FROM (s.h, s.r)`.execute(trx)
  // stored neighbours take the vertices the file's rows now share with them (no T-junction)
  if (table === 'units' || table === 'communities') {
    const moved = await snapNeighboursOnto(trx, table, rows, options.sliverM ?? 1)
    if (moved.length) {
      const keyOf = table === 'units' ? sql`t.id` : sql`t.code`
      undo.before[table].push(
        ...(await snapshotWhere(
          trx,
          table,
          sql`${keyOf} = ANY(${moved}::text[]::${sql.raw(table === 'units' ? 'int' : 'text')}[])`,
        )),
      )
      await sql`UPDATE ${sql.table(table)} t SET geom = n.g FROM neighbour_snaps n WHERE ${keyOf}::text = n.k`.execute(
        trx,
      )
      if (table === 'units') {
        const { rows: g } = await sql<{ id: number }>`SELECT DISTINCT grid_id AS id FROM units
          WHERE id = ANY(${moved}::text[]::int[]) AND grid_id IS NOT NULL AND NOT (grid_id = ANY(${gridIds}::int[]))`.execute(
          trx,
        )
        if (g.length) {
          const extra = g.map((x) => x.id)
          undo.before.grids.push(...(await snapshotWhere(trx, 'grids', sql`t.id = ANY(${extra}::int[])`)))
          gridIds = [...gridIds, ...extra]
        }
      }
    }
    await sql`DROP TABLE IF EXISTS neighbour_snaps`.execute(trx)
  }
  if (gridIds.length) await rebuildGridCaches(trx, gridIds)
  return undo
}

/**
 * The stored neighbours of the rows just written (same parent, not in the file, within the sliver
 * tolerance) snapped onto them (ST_Snap within the tolerance): a row snapped or trimmed to a
 * neighbour's edge may have vertices on that edge that the neighbour lacks (a T-junction, which the
 * served 1e-6° grid turns into a sliver overlap or gap, ADR 13); the neighbour gets them too.
 * Neighbours that still overlap a row by more than a sliver (a wide overlap kept for the editor)
 * are left alone. The
 * new geometries go to the temporary table neighbour_snaps (k, g); answers the keys that change.
 */
async function snapNeighboursOnto(
  trx: Db,
  table: 'units' | 'communities',
  rows: PlannedRow[],
  sliverM: number,
): Promise<string[]> {
  const keys = rows.filter((r) => r.record.geometry).map((r) => r.record.key)
  if (keys.length === 0) return []
  const d = sliverM / 111_320
  const [key, parent, written] =
    table === 'units'
      ? [
          sql`s.id::text`,
          sql`community_code`,
          sql`SELECT community_code AS parent, geom FROM units WHERE code = ANY(${keys}::text[])`,
        ]
      : [
          sql`s.code::text`,
          sql`street_code`,
          sql`SELECT street_code AS parent, geom FROM communities WHERE code = ANY(${keys}::text[])`,
        ]
  await sql`DROP TABLE IF EXISTS neighbour_snaps`.execute(trx)
  await sql`CREATE TEMP TABLE neighbour_snaps ON COMMIT DROP AS
    WITH w AS MATERIALIZED (${written}),
    s AS (SELECT ${key} AS k, s.geom,
        (SELECT ST_Collect(w.geom) FROM w WHERE w.parent = s.${parent} AND ST_DWithin(w.geom, s.geom, ${d}::float8)) AS near
      FROM ${sql.table(table)} s
      WHERE s.${parent} IN (SELECT parent FROM w) AND NOT (trim(s.code) = ANY(${keys}::text[]))
        AND EXISTS (SELECT 1 FROM w WHERE w.parent = s.${parent} AND ST_DWithin(w.geom, s.geom, ${d}::float8))),
    snapped AS (SELECT k, geom, near, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Snap(geom, near, ${d}::float8)), 3)) AS g
      FROM s WHERE NOT ST_Relate(geom, near, '2********')
        -- an overlap left by the 1e-7° grid (a vertex a hair inside) is a sliver: snapped away here too
        OR ST_IsEmpty(ST_Buffer(ST_CollectionExtract(ST_Intersection(geom, near), 3), ${-d / 2}::float8)))
    SELECT k, g FROM snapped WHERE NOT ST_OrderingEquals(g, geom) AND NOT ST_IsEmpty(g)`.execute(trx)
  const { rows: changed } = await sql<{ k: string }>`SELECT k FROM neighbour_snaps`.execute(trx)
  return changed.map((r) => r.k)
}

/**
 * Writes of units and buildings without the per-row foreign-key triggers (ADR 26: three
 * per building, one statement each, were most of a district's commit). Where the role may set
 * session_replication_role (a superuser: the embedded engine, a server run by its owner), the
 * triggers are off for the writes only (SET LOCAL, back on in endBulkWrites), and what they
 * guarded is done set-based instead: the parents are locked as the triggers lock them (FOR KEY
 * SHARE: nobody deletes or re-keys them before the commit), the INSERT … SELECT joins them, and
 * endBulkWrites checks every written row's references in one statement. Elsewhere: the triggers.
 */
async function bulkWrites(trx: Db, target: 'units' | 'buildings', rows: PlannedRow[]): Promise<boolean> {
  const { rows: su } = await sql<{ ok: boolean }>`SELECT current_setting('is_superuser') = 'on' AS ok`.execute(trx)
  if (!su[0]?.ok) return false
  if (target === 'units') {
    const communities = [...new Set(rows.map((r) => String(r.record.values.communityCode)))]
    const grids = [...new Set(rows.flatMap((r) => (r.gridId ? [r.gridId] : [])))]
    await sql`SELECT 1 FROM communities WHERE code = ANY(${communities}::text[]) FOR KEY SHARE`.execute(trx)
    await sql`SELECT 1 FROM streets WHERE code IN (SELECT street_code FROM communities
      WHERE code = ANY(${communities}::text[])) FOR KEY SHARE`.execute(trx)
    await sql`SELECT 1 FROM grids WHERE id = ANY(${grids}::int[]) FOR KEY SHARE`.execute(trx)
  } else {
    const units = [...new Set(rows.map((r) => String(r.record.values.unitCode)))]
    await sql`SELECT 1 FROM units WHERE code = ANY(${units}::text[]) FOR KEY SHARE`.execute(trx)
    await sql`SELECT 1 FROM communities WHERE code IN (SELECT community_code FROM units
      WHERE code = ANY(${units}::text[])) FOR KEY SHARE`.execute(trx)
    await sql`SELECT 1 FROM streets WHERE code IN (SELECT street_code FROM units
      WHERE code = ANY(${units}::text[])) FOR KEY SHARE`.execute(trx)
  }
  await sql`SET LOCAL session_replication_role = replica`.execute(trx)
  return true
}

/** The triggers back on, and the references of every row written checked in one statement. */
async function endBulkWrites(trx: Db, target: 'units' | 'buildings', added: number[], rows: PlannedRow[]) {
  await sql`SET LOCAL session_replication_role = origin`.execute(trx)
  const keys = rows.map((r) => r.record.key)
  const { rows: bad } =
    target === 'units'
      ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM units u
          WHERE (u.id = ANY(${added}::int[]) OR u.code = ANY(${keys}::text[]))
            AND (NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = u.community_code)
              OR NOT EXISTS (SELECT 1 FROM streets s WHERE s.code = u.street_code)
              OR (u.grid_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.id = u.grid_id)))`.execute(trx)
      : await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings b
          WHERE (b.id = ANY(${added}::int[]) OR b.code = ANY(${keys}::text[]))
            AND (NOT EXISTS (SELECT 1 FROM units u WHERE u.id = b.unit_id)
              OR NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = b.community_code)
              OR NOT EXISTS (SELECT 1 FROM streets s WHERE s.code = b.street_code))`.execute(trx)
  if (bad[0].n > 0) throw new Error(`${bad[0].n} ${target} written with a missing parent`)
}

async function insertRows(trx: Db, target: ImportLayerId, json: string): Promise<(number | string)[]> {
  const q = (() => {
    switch (target) {
      case 'streets':
        return sql`INSERT INTO streets (code, district_code, name, kind, geom)
          SELECT r.key, left(r.key, 6), r.name, coalesce(r.kind, 'subdistrict'), ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, name text, kind text, repair boolean, geom text)
          RETURNING code AS k`
      case 'communities':
        return sql`INSERT INTO communities (code, street_code, name, kind, households, residents, workers, geom)
          SELECT r.key, coalesce(r."streetCode", left(r.key, 9)), r.name, coalesce(r.kind, 'urban'),
            coalesce(r.households, 0), coalesce(r.residents, 0), coalesce(r.workers, 0), ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, "streetCode" text, name text, kind text, households int,
            residents int, workers int, repair boolean, geom text)
          RETURNING code AS k`
      case 'units':
        return sql`INSERT INTO units (code, community_code, street_code, name, kind, households, residents, grid_id, geom)
          SELECT r.key, c.code, c.street_code, r.name, coalesce(r.kind, 'compound'), coalesce(r.households, 0),
            coalesce(r.residents, 0), r.grid_id, ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, "communityCode" text, name text, kind text, households int,
            residents int, grid_id int, repair boolean, geom text)
          JOIN communities c ON c.code = r."communityCode"
          RETURNING id AS k`
      case 'buildings':
        return sql`INSERT INTO buildings (code, unit_id, community_code, street_code, kind, floors, households, residents, geom)
          SELECT r.key, u.id, u.community_code, u.street_code,
            CASE WHEN c.kind = 'rural' THEN 'farmhouse' WHEN r.floors >= 12 THEN 'highrise'
              WHEN r.floors >= 6 THEN 'midrise' ELSE 'lowrise' END,
            greatest(coalesce(r.floors, 1), 1), r.households, coalesce(r.residents, 0), ${point}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, "unitCode" text, households int, residents int, floors int, geom text)
          JOIN units u ON u.code = r."unitCode" JOIN communities c ON c.code = u.community_code
          RETURNING id AS k`
      case 'facilities':
        return sql`INSERT INTO facilities (type_code, name, street_code, community_code, status, floor_area_m2,
            activity_area_m2, capacity, radius_m, geom)
          SELECT r."typeCode", r.name, p.street, coalesce(r."communityCode", p.community), coalesce(r.status, 'existing'),
            r."floorAreaM2", r."activityAreaM2", r.capacity, r."radiusM", ${point}
          FROM jsonb_to_recordset(${json}::jsonb) r(name text, "typeCode" text, "communityCode" text, status text,
            "floorAreaM2" numeric, "activityAreaM2" numeric, capacity int, "radiusM" int, geom text),
          LATERAL ${placeOfPoint} p
          RETURNING id AS k`
      default:
        throw new Error(`nothing to add for ${target}`)
    }
  })()
  const { rows } = await q.execute(trx)
  return (rows as { k: number | string }[]).map((r) => (typeof r.k === 'string' ? r.k.trim() : r.k))
}

/** The street and community a facility's point lies in. */
const placeOfPoint = sql`(SELECT (SELECT s.code FROM streets s WHERE ST_Covers(s.geom, ${point}) ORDER BY s.code LIMIT 1) AS street,
  (SELECT c.code FROM communities c WHERE ST_Covers(c.geom, ${point}) ORDER BY c.code LIMIT 1) AS community)`

async function updateRows(trx: Db, target: ImportLayerId, json: string): Promise<void> {
  const q = (() => {
    switch (target) {
      case 'streets':
        return sql`UPDATE streets t SET name = coalesce(r.name, t.name), kind = coalesce(r.kind, t.kind), geom = ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, name text, kind text, repair boolean, geom text)
          WHERE t.code = r.key`
      case 'communities':
        return sql`UPDATE communities t SET name = coalesce(r.name, t.name), kind = coalesce(r.kind, t.kind),
            households = coalesce(r.households, t.households), residents = coalesce(r.residents, t.residents),
            workers = coalesce(r.workers, t.workers), geom = ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, name text, kind text, households int, residents int,
            workers int, repair boolean, geom text)
          WHERE t.code = r.key`
      case 'workers':
        return sql`UPDATE communities t SET workers = r.workers
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, workers int) WHERE t.code = r.key`
      case 'units':
        return sql`UPDATE units t SET name = coalesce(r.name, t.name), kind = coalesce(r.kind, t.kind),
            households = coalesce(r.households, t.households), residents = coalesce(r.residents, t.residents), geom = ${polygon}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, name text, kind text, households int, residents int,
            repair boolean, geom text)
          WHERE t.code = r.key`
      case 'counts':
        return sql`UPDATE units t SET households = coalesce(r.households, t.households),
            residents = coalesce(r.residents, t.residents)
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, households int, residents int) WHERE t.code = r.key`
      case 'buildings':
        return sql`UPDATE buildings t SET unit_id = u.id, community_code = u.community_code, street_code = u.street_code,
            floors = greatest(coalesce(r.floors, t.floors), 1), households = r.households,
            residents = coalesce(r.residents, t.residents), geom = ${point}
          FROM jsonb_to_recordset(${json}::jsonb) r(key text, "unitCode" text, households int, residents int, floors int, geom text)
          JOIN units u ON u.code = r."unitCode"
          WHERE t.code = r.key`
      case 'facilities':
        return sql`UPDATE facilities t SET type_code = coalesce(r."typeCode", t.type_code), status = coalesce(r.status, t.status),
            floor_area_m2 = coalesce(r."floorAreaM2", t.floor_area_m2), activity_area_m2 = coalesce(r."activityAreaM2", t.activity_area_m2),
            capacity = coalesce(r.capacity, t.capacity), radius_m = coalesce(r."radiusM", t.radius_m),
            geom = ${point}, version = t.version + 1, updated_at = now()
          FROM jsonb_to_recordset(${json}::jsonb) r(id int, "typeCode" text, status text, "floorAreaM2" numeric,
            "activityAreaM2" numeric, capacity int, "radiusM" int, geom text)
          WHERE t.id = r.id`
      default:
        throw new Error(`nothing to change for ${target}`)
    }
  })()
  await q.execute(trx)
}

export async function snapshotWhere(trx: Db, table: string, where: ReturnType<typeof sql>) {
  const { rows } = await sql<{
    row: unknown
  }>`SELECT to_jsonb(t.*) AS row FROM ${sql.table(table)} t WHERE ${where}`.execute(trx)
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
  unit_counts: { key: 'id', columns: ['households', 'residents'] },
  unit_grids: { key: 'id', columns: ['grid_id'] },
  buildings: {
    key: 'id',
    columns: ['code', 'unit_id', 'community_code', 'street_code', 'kind', 'floors', 'households', 'residents', 'geom'],
  },
  facilities: {
    key: 'id',
    columns: [
      'type_code',
      'name',
      'street_code',
      'community_code',
      'status',
      'floor_area_m2',
      'activity_area_m2',
      'capacity',
      'radius_m',
      'version',
      'updated_at',
      'geom',
    ],
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
  if (undo.addedVersions?.length)
    await sql`DELETE FROM grid_versions WHERE id = ANY(${undo.addedVersions}::bigint[])`.execute(trx)
  // the rows as they were first (units point back to their grids), then what the import added
  for (const [t, rows] of Object.entries(undo.before)) {
    if (rows.length === 0) continue
    const { key, columns } = RESTORE[t]
    const target = t === 'unit_counts' || t === 'unit_grids' ? 'units' : t
    const cols = sql.raw(columns.join(', '))
    const vals = sql.raw(columns.map((c) => `r.${c}`).join(', '))
    await sql`UPDATE ${sql.table(target)} x SET (${cols}) = ROW(${vals})
      FROM jsonb_populate_recordset(NULL::${sql.table(target)}, ${JSON.stringify(rows)}::jsonb) r
      WHERE x.${sql.raw(key)} = r.${sql.raw(key)}`.execute(trx)
  }
  if (undo.added.length) {
    if (RESTORE[table].key === 'id')
      await sql`DELETE FROM ${sql.table(table)} WHERE id = ANY(${undo.added as number[]}::int[])`.execute(trx)
    else await sql`DELETE FROM ${sql.table(table)} WHERE code = ANY(${undo.added as string[]}::text[])`.execute(trx)
  }
  if (undo.addedDistrict) await sql`DELETE FROM districts WHERE code = ${undo.addedDistrict}`.execute(trx)
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
