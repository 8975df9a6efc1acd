// The import's checks on a real database (both engines): a corrected file's dropped rows are
// reported and kept, refused rows are in the preview with their reason, an import of grids is
// written like a grid edit (versions, history, retirement, lineage), and the dry run's figures
// say what would change for each kind of layer.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DryRunRequest, DryRunResult, ImportPreviewProperties, ImportUploadResult } from '../../core/api'
import { polygonTopology } from '../../server/modules/demo/world-checks.repository'
import { ImportService } from '../../server/modules/import/import.service'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
})
afterAll(() => ctx?.close())

const upload = async (filename: string, features: unknown[]) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<ImportUploadResult>()
}
const post = (url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })
async function dryRun(id: number, body: Pick<DryRunRequest, 'target' | 'mapping'>) {
  const res = await post(`/api/imports/${id}/dry-run`, { ...body, crs: 'EPSG:4326' })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<DryRunResult>()
}
async function preview(id: number) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/imports/${id}/preview` })
  return res.json<GeoJSON.FeatureCollection<GeoJSON.Geometry, ImportPreviewProperties>>().features
}

/** One md5 per data table (grid history and communities' edit versions included). */
async function checksums() {
  const out: Record<string, string> = {}
  for (const t of ['communities', 'units', 'buildings', 'grids', 'grid_versions']) {
    const key = t === 'communities' ? 'code' : 'id'
    const { rows } = await sql<{ h: string }>`SELECT md5(coalesce(string_agg(md5(x::text), ''
      ORDER BY x.${sql.raw(key)}), '')) AS h FROM ${sql.table(t)} x`.execute(ctx.database.db)
    out[t] = rows[0].h
  }
  return out
}

interface UnitRow {
  code: string
  name: string
  community: string
  households: number
  residents: number
  geom: string
}

/** A community's units as a GeoJSON file of the kind a street office keeps. */
const unitFeatures = (units: UnitRow[]) =>
  units.map((u) => ({
    type: 'Feature',
    properties: { 小区编码: u.code, 小区名称: u.name, 社区代码: u.community, 户数: u.households, 人口: u.residents },
    geometry: JSON.parse(u.geom),
  }))

const unitsMapping = {
  fields: { code: '小区编码', name: '小区名称', communityCode: '社区代码', households: '户数', residents: '人口' },
  coordinates: null,
}

describe('re-importing a corrected file of units', () => {
  it('reports the dropped unit as no longer in the file and keeps it; refused rows are drawn with their reason', async () => {
    const db = ctx.database.db
    // the community with the fewest units (at least five), all of them in grids
    const { rows: pick } = await sql<{ community: string }>`SELECT trim(community_code) AS community FROM units
      GROUP BY community_code HAVING count(*) >= 5 AND bool_and(grid_id IS NOT NULL)
      ORDER BY count(*), community_code LIMIT 1`.execute(db)
    const community = pick[0].community
    const { rows: units } = await sql<UnitRow>`SELECT code, name, trim(community_code) AS community, households,
        residents, ST_AsGeoJSON(geom, 7) AS geom
      FROM units WHERE community_code = ${community} ORDER BY code`.execute(db)

    // the file as stored: every unit unchanged, nothing removed
    const same = await upload('units.geojson', unitFeatures(units))
    const r1 = await dryRun(same.id, { target: 'units', mapping: unitsMapping })
    expect(r1.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: units.length, rejected: 0 })

    // corrected: the last unit dropped, the first one's households fixed, two bad rows
    const [first, ...rest] = units
    const dropped = rest.pop()!
    const bad = [
      { ...units[1], code: `${units[1].code}-X`, households: -3 },
      { ...units[2], code: `${units[2].code}-Y`, community: '120116999999' },
    ]
    const corrected = await upload(
      'units-v2.geojson',
      unitFeatures([{ ...first, households: first.households + 7 }, ...rest, ...bad]),
    )
    const before = await checksums()
    const r2 = await dryRun(corrected.id, { target: 'units', mapping: unitsMapping })
    expect(r2.counts).toEqual({ added: 0, changed: 1, removed: 1, unchanged: units.length - 2, rejected: 2 })
    expect(r2.problems).toContainEqual(
      expect.objectContaining({
        key: dropped.code,
        code: 'NOT_IN_FILE',
        severity: 'warning',
        action: expect.stringMatching(/^kept/),
      }),
    )
    expect(r2.figures.households.after - r2.figures.households.before).toBe(7)
    expect(r2.figures.communities).toContainEqual(expect.objectContaining({ code: community }))
    expect(await checksums()).toEqual(before)

    const features = await preview(corrected.id)
    const removed = features.filter((f) => f.properties.status === 'removed')
    expect(removed.map((f) => f.properties.code)).toEqual([dropped.code])
    expect(removed[0].geometry.type).toBe('MultiPolygon')
    const rejected = features.filter((f) => f.properties.status === 'rejected')
    expect(rejected.map((f) => [f.properties.code, f.properties.problem])).toEqual([
      [`${units[1].code}-X`, 'NEGATIVE_COUNT'],
      [`${units[2].code}-Y`, 'NO_PARENT'],
    ])
    expect(rejected[0].properties.reason).toMatch(/-3 is negative/)
    expect(rejected[1].properties.reason).toMatch(/120116999999 does not exist/)

    // the commit keeps the dropped unit and changes only the corrected one
    expect((await post(`/api/imports/${corrected.id}/commit`, { author: '测试' })).statusCode).toBe(200)
    const { rows: after } = await sql<{ code: string; households: number }>`SELECT code, households FROM units
      WHERE code = ANY(${[first.code, dropped.code]}::text[]) ORDER BY code`.execute(db)
    expect(after).toEqual(
      [
        { code: first.code, households: first.households + 7 },
        { code: dropped.code, households: dropped.households },
      ].sort((a, b) => a.code.localeCompare(b.code)),
    )
    expect((await post(`/api/imports/${corrected.id}/rollback`, { author: '测试' })).statusCode).toBe(200)
    expect(await checksums()).toEqual(before)
  })
})

describe('importing the grids of a community', () => {
  it('writes versions and a revision like a grid edit, retires the grids left empty, and rolls back exactly', async () => {
    const db = ctx.database.db
    // a community with three or more grids; the file draws one of them over the whole community
    const { rows: pick } = await sql<{ community: string; keep: number; households: number }>`
      SELECT trim(g.community_code) AS community, min(g.id) AS keep,
        (SELECT sum(u.households) FROM units u WHERE u.community_code = g.community_code)::int AS households
      FROM grids g WHERE g.valid_to IS NULL
      GROUP BY g.community_code HAVING count(*) >= 3 ORDER BY count(*), g.community_code LIMIT 1`.execute(db)
    const { community, keep, households } = pick[0]
    const { rows: grids } = await sql<{ id: number; code: string; households: number }>`SELECT id, trim(code) AS code,
        households FROM grids WHERE community_code = ${community} AND valid_to IS NULL ORDER BY id`.execute(db)
    const keptCode = grids.find((g) => g.id === keep)!.code
    const { rows: whole } = await sql<{ geom: string }>`SELECT ST_AsGeoJSON(ST_Multi(ST_UnaryUnion(ST_Collect(geom),
        1e-7)), 7) AS geom FROM units WHERE community_code = ${community}`.execute(db)
    const file = await upload('grids.geojson', [
      {
        type: 'Feature',
        properties: { 网格编码: keptCode, 网格名称: '全社区网格' },
        geometry: JSON.parse(whole[0].geom),
      },
      {
        type: 'Feature',
        properties: { 网格编码: `${community}950`, 网格名称: '新网格' },
        geometry: JSON.parse(whole[0].geom),
      },
    ])
    const before = await checksums()
    const { rows: version } = await sql<{ v: number }>`SELECT edit_version AS v FROM communities
      WHERE code = ${community}`.execute(db)
    const result = await dryRun(file.id, { target: 'grids', mapping: file.layers[0].guesses.grids })
    const retired = grids.filter((g) => g.id !== keep)
    expect(result.counts).toMatchObject({ added: 1, changed: 1, removed: retired.length, rejected: 0 })
    expect(result.problems.filter((p) => p.code === 'GRID_RETIRED').map((p) => p.key)).toEqual(
      retired.map((g) => g.code),
    )
    // figures: every household of the community in the kept grid, the retired grids at 0, the new one empty
    expect(result.figures.grids).toContainEqual(expect.objectContaining({ code: keptCode, after: households }))
    for (const g of retired.filter((x) => x.households > 0))
      expect(result.figures.grids).toContainEqual(expect.objectContaining({ code: g.code, after: 0 }))
    expect(result.figures.grids).toContainEqual(
      expect.objectContaining({ code: `${community}950`, before: 0, after: 0 }),
    )
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'EMPTY_GRID', key: `${community}950` }))
    expect(await checksums()).toEqual(before)

    const commit = await post(`/api/imports/${file.id}/commit`, { author: '测试', reason: '按街道下发的网格图' })
    expect(commit.statusCode, commit.body).toBe(200)
    const { rows: now } = await sql<{ id: number; retired: boolean; households: number }>`SELECT id,
        valid_to IS NOT NULL AS retired, households FROM grids WHERE id = ANY(${grids.map((g) => g.id)}::int[])
      ORDER BY id`.execute(db)
    expect(now).toEqual(
      grids.map((g) => ({ id: g.id, retired: g.id !== keep, households: g.id === keep ? households : 0 })),
    )
    // a version of each grid whose units changed, linked to the community's revision
    const history = (await ctx.app.inject({ method: 'GET', url: `/api/communities/${community}/history` })).json<
      { id: number; action: string; retired: number[]; editVersion: number; reason: string }[]
    >()
    expect(history[0]).toMatchObject({
      action: 'import',
      retired: retired.map((g) => g.id),
      editVersion: version[0].v + 1,
      reason: '按街道下发的网格图',
    })
    const { rows: versions } = await sql<{ grid: number; revision: number }>`SELECT grid_id AS grid,
        revision_id::int AS revision FROM grid_versions WHERE grid_id = ANY(${grids.map((g) => g.id)}::int[])
        AND revision_id = ${history[0].id} ORDER BY grid_id`.execute(db)
    expect(versions.map((v) => v.grid)).toEqual(grids.map((g) => g.id))
    const gridHistory = (await ctx.app.inject({ method: 'GET', url: `/api/grids/${keep}/history` })).json<
      { id: number }[]
    >()
    expect(gridHistory[0].id).toBe(history[0].id)

    // the same file again changes nothing
    const again = await upload('grids.geojson', [
      {
        type: 'Feature',
        properties: { 网格编码: keptCode, 网格名称: '全社区网格' },
        geometry: JSON.parse(whole[0].geom),
      },
      {
        type: 'Feature',
        properties: { 网格编码: `${community}950`, 网格名称: '新网格' },
        geometry: JSON.parse(whole[0].geom),
      },
    ])
    const r2 = await dryRun(again.id, { target: 'grids', mapping: again.layers[0].guesses.grids })
    expect(r2.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2, rejected: 0 })

    expect((await post(`/api/imports/${file.id}/rollback`, { author: '测试' })).statusCode).toBe(200)
    expect(await checksums()).toEqual(before)
  })
})

describe('dry-run progress', () => {
  it('moves per stage and per batch of rows, and is done when the dry run answers', async () => {
    const steps: [string, number][] = []
    const service = new ImportService(
      ctx.database.db,
      () => {},
      (_id, stage, progress) => steps.push([stage, progress]),
    )
    const { rows } = await sql<{ code: string }>`SELECT code FROM units ORDER BY id LIMIT 5000`.execute(ctx.database.db)
    const csv = `小区编码,户数\n${rows.map((r, i) => `${r.code},${i % 50}`).join('\n')}\n`
    const up = await service.upload('counts.csv', Buffer.from(csv))
    const result = await service.dryRun(up.id, {
      target: 'counts',
      mapping: up.layers[0].guesses.counts,
      crs: 'EPSG:4326',
    })
    expect(result.counts.rejected).toBe(0)
    const stages = [...new Set(steps.map(([s]) => s))]
    expect(stages).toEqual(['rows', 'parents', 'geometry', 'removed', 'figures'])
    // one step per batch of 2,000 rows: 2,000, 4,000, 5,000
    expect(steps.filter(([s]) => s === 'rows')).toHaveLength(3)
    const shares = steps.map(([, p]) => p)
    expect(shares).toEqual([...shares].sort((a, b) => a - b))
    expect(shares[0]).toBeGreaterThan(0)
    expect(await service.summary(up.id)).toMatchObject({ status: 'validated', progress: 1, stage: null })
  })
})

describe('overlaps and gaps between neighbouring units', () => {
  it("snaps slivers under the tolerance so the unit shares its neighbours' edges; a wider overlap with a stored unit is listed", async () => {
    const db = ctx.database.db
    const dx = 0.4 / 86_500 // 0.4 m east at 39°N
    // a unit with a neighbour to the east (it would overlap it) and one to the west (a gap would open)
    const { rows } = await sql<
      UnitRow & { id: number }
    >`SELECT a.id, a.code, a.name, trim(a.community_code) AS community,
        a.households, a.residents, ST_AsGeoJSON(ST_Translate(a.geom, ${dx}::float8, 0), 7) AS geom
      FROM units a
      WHERE EXISTS (SELECT 1 FROM units b WHERE b.community_code = a.community_code AND b.id <> a.id
          AND ST_Relate(ST_Translate(a.geom, ${dx}::float8, 0), b.geom, '2********'))
        AND EXISTS (SELECT 1 FROM units c WHERE c.community_code = a.community_code AND c.id <> a.id
          AND ST_Relate(ST_Translate(c.geom, ${dx}::float8, 0), a.geom, '2********'))
      ORDER BY a.id LIMIT 1`.execute(db)
    const moved = rows[0]
    const community = moved.community
    const served = async () =>
      (await ctx.app.inject({ method: 'GET', url: `/api/communities/${community}/units` })).json<{
        units: GeoJSON.FeatureCollection
      }>().units.features
    const parent = (
      await ctx.app.inject({ method: 'GET', url: `/api/communities/${community}` })
    ).json<GeoJSON.Feature>()
    const topology = async () =>
      polygonTopology(
        db,
        (await served()).map((f) => ({ ...f, properties: { community } })),
        'community',
        [{ ...parent, id: community }],
      )
    const before = await topology()
    expect(before.overlappingPairs).toBe(0)

    const file = await upload('units.geojson', unitFeatures([moved]))
    const res = await post(`/api/imports/${file.id}/dry-run`, {
      target: 'units',
      mapping: unitsMapping,
      crs: 'EPSG:4326',
      tolerances: { sliverM: 1 },
    })
    const result = res.json<DryRunResult>()
    // snapped onto its neighbours' edges, the unit may come back exactly as stored (unchanged)
    expect(result.counts.changed + result.counts.unchanged).toBe(1)
    expect(result.counts.rejected).toBe(0)
    const kinds = result.problems.filter((p) => p.key === moved.code).map((p) => p.code)
    expect(kinds).toContain('OVERLAP_SNAPPED')
    expect(kinds).toContain('GAP_SNAPPED')
    expect(result.problems.find((p) => p.code === 'OVERLAP_SNAPPED')).toMatchObject({
      message: expect.stringMatching(/overlaps unit \S+ by [\d.]+ m²/),
      action: expect.stringMatching(/^snapped/),
    })
    expect((await post(`/api/imports/${file.id}/commit`, { author: '测试' })).statusCode).toBe(200)
    const after = await topology()
    expect(after.invalid).toBe(0)
    expect(after.overlappingPairs).toBe(0)
    expect(after.gapAreaM2).toBeLessThan(before.gapAreaM2 + 0.5)

    // the same file again: snapped again, it is what is stored
    const again = await upload('units.geojson', unitFeatures([moved]))
    const r2 = await dryRun(again.id, { target: 'units', mapping: unitsMapping })
    expect(r2.counts).toMatchObject({ changed: 0, unchanged: 1 })

    // 5 m over a stored neighbour is no sliver: kept as drawn and listed for the editor
    const far = await upload(
      'units.geojson',
      [
        {
          ...unitFeatures([moved])[0],
          geometry: (
            await sql<{
              g: string
            }>`SELECT ST_AsGeoJSON(ST_Translate(ST_SetSRID(ST_GeomFromGeoJSON(${moved.geom}), 4326),
            ${(5 / 0.4) * dx}::float8, 0), 7) AS g`.execute(db)
          ).rows[0].g,
        },
      ].map((f) => ({ ...f, geometry: typeof f.geometry === 'string' ? JSON.parse(f.geometry) : f.geometry })),
    )
    const r3 = await dryRun(far.id, { target: 'units', mapping: unitsMapping })
    expect(r3.counts).toMatchObject({ changed: 1, rejected: 0 })
    expect(r3.problems).toContainEqual(
      expect.objectContaining({
        code: 'OVERLAP',
        severity: 'warning',
        action: expect.stringMatching(/^kept as drawn/),
        message: expect.stringMatching(/wider than the 1 m/),
      }),
    )
  })
  it('gives the stored neighbour the vertices a unit trimmed to its edge now has: no T-junction, no gap or overlap at tolerance 0; rollback restores it', {
    timeout: 180_000,
  }, async () => {
    const db = ctx.database.db
    // a unit A and a neighbour B sharing an edge of 20 m or more; A redrawn with a 0.3 m spike into B
    // from 45% to 55% of that edge: trimmed to B's edge, A gets two vertices on it that B lacks
    const { rows } = await sql<UnitRow & { b: number }>`WITH pair AS (
        SELECT a.code, a.name, trim(a.community_code) AS community, a.households, a.residents, a.geom AS ag,
          b.id AS b, b.geom AS bg,
          (ST_Dump(ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2)))).geom AS edge
        FROM units a JOIN units b ON b.community_code = a.community_code AND b.id <> a.id AND ST_Touches(a.geom, b.geom)
        ORDER BY a.id, b.id LIMIT 400),
      e AS (SELECT * FROM pair WHERE ST_Length(edge::geography) >= 20 AND ST_NPoints(edge) = 2 LIMIT 1),
      spike AS (SELECT e.*, ST_LineInterpolatePoint(edge, 0.45) AS p1, ST_LineInterpolatePoint(edge, 0.55) AS p2,
          ST_LineInterpolatePoint(edge, 0.5) AS m, ST_PointOnSurface(bg) AS inside FROM e),
      apex AS (SELECT spike.*, ST_Translate(m,
          (ST_X(inside) - ST_X(m)) / ST_Distance(inside, m) * 0.3 / 86500,
          (ST_Y(inside) - ST_Y(m)) / ST_Distance(inside, m) * 0.3 / 111320) AS tip FROM spike)
      SELECT code, name, community, households, residents, b,
        ST_AsGeoJSON(ST_SnapToGrid(ST_Union(ag, ST_MakePolygon(ST_MakeLine(ARRAY[p1, tip, p2, p1]))), 1e-7), 7) AS geom
      FROM apex`.execute(db)
    expect(rows).toHaveLength(1)
    const a = rows[0]
    const before = await checksums()
    const file = await upload('units.geojson', unitFeatures([a]))
    const res = await post(`/api/imports/${file.id}/dry-run`, {
      target: 'units',
      mapping: unitsMapping,
      crs: 'EPSG:4326',
      tolerances: { sliverM: 1 },
    })
    const result = res.json<DryRunResult>()
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'OVERLAP_SNAPPED', key: a.code }))
    expect(result.counts.changed).toBe(1)
    const commit = await post(`/api/imports/${file.id}/commit`, { author: '测试' })
    expect(commit.statusCode, commit.body).toBe(200)

    const { rows: check } = await sql<{ overlap: number; tJunctions: number }>`
      WITH x AS (SELECT (SELECT geom FROM units WHERE code = ${a.code}) AS a, (SELECT geom FROM units WHERE id = ${a.b}) AS b)
      SELECT ST_Area(ST_Intersection(a, b)) AS overlap,
        -- A's vertices on B's outline that are not vertices of B
        (SELECT count(*) FROM ST_DumpPoints(a) p WHERE ST_DWithin(p.geom, ST_Boundary(b), 1e-9)
          AND NOT EXISTS (SELECT 1 FROM ST_DumpPoints(b) q WHERE ST_Equals(q.geom, p.geom)))::int AS "tJunctions"
      FROM x`.execute(db)
    expect(check[0].overlap).toBe(0)
    expect(check[0].tJunctions).toBe(0)
    // on the served 1e-6° grid too: no overlap, no gap along the shared edge
    const { rows: served } = await sql<{ overlap: number; gap: number }>`WITH x AS (
        SELECT ST_SnapToGrid((SELECT geom FROM units WHERE code = ${a.code}), 1e-6) AS a,
          ST_SnapToGrid((SELECT geom FROM units WHERE id = ${a.b}), 1e-6) AS b)
      SELECT ST_Area(ST_Intersection(a, b)::geography) AS overlap,
        ST_Area(ST_Difference(ST_Buffer(ST_Buffer(ST_Union(a, b), 1e-6, 'join=mitre'), -1e-6, 'join=mitre'), ST_Union(a, b))::geography) AS gap
      FROM x`.execute(db)
    expect(served[0].overlap).toBeLessThan(1e-6)
    expect(served[0].gap).toBeLessThan(1e-3)
    // the neighbour's change is part of the import: rolled back with it, bit for bit
    const rollback = await post(`/api/imports/${commit.json<{ id: number }>().id}/rollback`, { author: '测试' })
    expect(rollback.statusCode, rollback.body).toBe(200)
    expect(await checksums()).toEqual(before)
  })
})
