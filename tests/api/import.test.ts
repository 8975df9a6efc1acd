// The import pipeline on a real database (both engines): dry run writes nothing, commit then
// rollback restores every table exactly, a second identical import changes nothing, bad files are
// refused with a clear message.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { Readable } from 'node:stream'
import { zipSync } from 'fflate'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DryRunRequest, DryRunResult, ImportSummary, ImportUploadResult } from '../../core/api'
import { wgs84ToGcj02 } from '../../core/geo/gcj02'
import { encodeGbk } from '../../core/import/fixtures/gbk'
import { writeShapefile } from '../../core/import/fixtures/write-shapefile'
import type { ChangeEvent } from '../../server/plugins/events'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
const events: ChangeEvent[] = []
beforeAll(async () => {
  ctx = await startTestApp({ listen: true })
  ctx.app.events.subscribe((e) => events.push(e))
})
afterAll(() => ctx?.close())

const fixture = (name: string) => readFileSync(new URL(`../../core/import/fixtures/${name}`, import.meta.url))
const upload = (filename: string, body: Uint8Array | Buffer) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/imports?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body),
  })
const post = (url: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })

/** One md5 per data table, over every row in key order: equal checksums, equal databases. */
async function checksums() {
  const tables = ['districts', 'streets', 'communities', 'units', 'buildings', 'grids', 'grid_versions', 'facilities']
  const out: Record<string, string> = {}
  for (const t of tables) {
    const key = ['districts', 'streets', 'communities'].includes(t) ? 'code' : 'id'
    const { rows } = await sql<{
      h: string
    }>`SELECT md5(coalesce(string_agg(md5(x::text), '' ORDER BY x.${sql.raw(key)}), '')) AS h
      FROM ${sql.table(t)} x`.execute(ctx.database.db)
    out[t] = rows[0].h
  }
  return out
}

interface Place {
  community: string
  lng: number
  lat: number
  gridId: number
  gridHouseholds: number
}

/** A point well inside a unit that belongs to a grid, and that unit's community. */
async function placeInGrid(): Promise<Place> {
  const { rows } = await sql<Place>`SELECT trim(u.community_code) AS community, ST_X(c.p) AS lng, ST_Y(c.p) AS lat,
      g.id AS "gridId", g.households AS "gridHouseholds"
    FROM units u JOIN grids g ON g.id = u.grid_id,
      LATERAL (SELECT (ST_MaximumInscribedCircle(u.geom)).center AS p) c
    WHERE u.kind = 'compound' ORDER BY ST_Area(u.geom) DESC, u.id LIMIT 1`.execute(ctx.database.db)
  return rows[0]
}

/** Three tiny units (~4 m squares) around a point, traced on AMap (GCJ-02), names in GBK, no .cpg. */
function unitsZip(p: Place, households = [120, 80, 40]) {
  const d = 0.00004
  const names = ['新建金湾花园', '新建海滨新村', '新建渤海家园']
  return writeShapefile(
    names.map((name, i) => {
      const x = p.lng + (i - 1) * d * 1.5
      const ring = [
        [x, p.lat],
        [x + d, p.lat],
        [x + d, p.lat + d],
        [x, p.lat + d],
        [x, p.lat],
      ].map((q) => wgs84ToGcj02([q[0], q[1]]))
      return {
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: {
          小区编码: `IMP-T-${i + 1}`,
          小区名称: name,
          社区代码: p.community,
          户数: households[i],
          人口: households[i] * 2,
        },
      }
    }),
    { encodeText: encodeGbk },
  ).zip
}

async function dryRun(id: number, body: Partial<DryRunRequest> & Pick<DryRunRequest, 'target' | 'mapping' | 'crs'>) {
  const res = await post(`/api/imports/${id}/dry-run`, body)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<DryRunResult>()
}

describe('import: units from a GBK shapefile in GCJ-02', () => {
  let place: Place
  let original: Record<string, string>
  let first: number
  let firstRevision: number

  it('upload: finds the layer, decodes GBK names, guesses the mapping and says the CRS must be checked', async () => {
    place = await placeInGrid()
    original = await checksums()
    const res = await upload('units.zip', unitsZip(place))
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<ImportUploadResult>()
    first = body.id
    const [layer] = body.layers
    expect(layer).toMatchObject({ geometryType: 'polygon', featureCount: 3, suggestedTarget: 'units' })
    expect(layer.encoding).toMatchObject({ encoding: 'gb18030', garbled: false })
    expect(layer.sample.map((r) => r.小区名称)).toEqual(['新建金湾花园', '新建海滨新村', '新建渤海家园'])
    expect(layer.guesses.units.fields).toMatchObject({ code: '小区编码', name: '小区名称', communityCode: '社区代码' })
    expect(layer.crs).toMatchObject({ code: 'EPSG:4326', source: 'content' })
  })

  it('dry run: counts, figures and a preview in WGS84 where the units were traced; nothing is written', async () => {
    const guess = (await (await upload('again.zip', unitsZip(place))).json<ImportUploadResult>()).layers[0].guesses
      .units
    const result = await dryRun(first, { target: 'units', mapping: guess, crs: 'GCJ-02' })
    expect(result.counts).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0, rejected: 0 })
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(result.figures.households.after - result.figures.households.before).toBe(240)
    expect(result.figures.grids).toContainEqual(
      expect.objectContaining({ before: place.gridHouseholds, after: place.gridHouseholds + 240 }),
    )
    expect(result.canCommit).toBe(true)
    const preview = (await ctx.app.inject({ method: 'GET', url: `/api/imports/${first}/preview` })).json<
      GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>
    >()
    expect(preview.features.map((f) => f.properties?.status)).toEqual(['added', 'added', 'added'])
    const corner = preview.features[1].geometry.coordinates[0][0][0]
    expect(Math.abs(corner[0] - place.lng) * 86_000).toBeLessThan(0.5) // metres, east–west
    expect(Math.abs(corner[1] - place.lat) * 111_000).toBeLessThan(0.5)
    expect(await checksums()).toEqual(original)
    const summary = (await ctx.app.inject({ method: 'GET', url: `/api/imports/${first}` })).json<ImportSummary>()
    expect(summary).toMatchObject({ status: 'validated', progress: 1, target: 'units', crs: 'GCJ-02' })
  })

  it('commit: one revision, the units and their households in the grid, caches told', async () => {
    events.length = 0
    const res = await post(`/api/imports/${first}/commit`, { author: '测试', reason: 'first load' })
    expect(res.statusCode, res.body).toBe(200)
    firstRevision = res.json<{ revisionId: number }>().revisionId
    const { rows } = await sql<{ name: string; households: number; grid: number }>`SELECT name, households,
        grid_id AS grid FROM units WHERE code LIKE 'IMP-T-%' ORDER BY code`.execute(ctx.database.db)
    expect(rows.map((r) => r.name)).toEqual(['新建金湾花园', '新建海滨新村', '新建渤海家园'])
    expect(rows.every((r) => r.grid === place.gridId)).toBe(true)
    const grid = await sql<{ h: number }>`SELECT households AS h FROM grids WHERE id = ${place.gridId}`.execute(
      ctx.database.db,
    )
    expect(grid.rows[0].h).toBe(place.gridHouseholds + 240)
    expect(events.map((e) => e.kind)).toContain('units')
    const units = await ctx.app.inject({ method: 'GET', url: `/api/communities/${place.community}/units` })
    expect(units.body).toContain('新建金湾花园')
  })

  it('the same file again changes nothing: all unchanged, tables identical after its commit', async () => {
    const after = await checksums()
    const again = (await upload('units.zip', unitsZip(place))).json<ImportUploadResult>()
    const result = await dryRun(again.id, { target: 'units', mapping: again.layers[0].guesses.units, crs: 'GCJ-02' })
    expect(result.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 3, rejected: 0 })
    const res = await post(`/api/imports/${again.id}/commit`, { author: '测试' })
    expect(res.statusCode, res.body).toBe(200)
    expect(await checksums()).toEqual(after)
    // a corrected file changes only the row that differs
    const fixed = (await upload('units.zip', unitsZip(place, [120, 85, 40]))).json<ImportUploadResult>()
    const r2 = await dryRun(fixed.id, { target: 'units', mapping: fixed.layers[0].guesses.units, crs: 'GCJ-02' })
    expect(r2.counts).toMatchObject({ added: 0, changed: 1, unchanged: 2 })
    // rolling back out of order is refused: the later import goes first
    const early = await post(`/api/imports/${first}/rollback`, { author: '测试' })
    expect(early.statusCode).toBe(409)
    expect(early.json().message).toMatch(/roll it back first/)
    expect((await post(`/api/imports/${again.id}/rollback`, { author: '测试' })).statusCode).toBe(200)
  })

  it('rollback restores every table exactly', async () => {
    const res = await post(`/api/imports/${first}/rollback`, { author: '测试', reason: 'undo' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<{ revisionId: number }>().revisionId).toBeGreaterThan(firstRevision)
    expect(await checksums()).toEqual(original)
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/imports' })).json<ImportSummary[]>()
    // the author is the signed-in user (issue 13), not the body's '测试'
    expect(list.find((i) => i.id === first)).toMatchObject({ status: 'rolled_back', author: '系统管理员 (admin)' })
  })
})

describe('import: files refused or neutralised', () => {
  it('1,000 bad rows: 1,000 problems, a CSV of them, and nothing written', async () => {
    const before = await checksums()
    const up = (await upload('counts.csv', fixture('counts-1000-bad.csv'))).json<ImportUploadResult>()
    const result = await dryRun(up.id, { target: 'counts', mapping: up.layers[0].guesses.counts, crs: 'EPSG:4326' })
    expect(result.problemCount).toBe(1000)
    expect(result.problems).toHaveLength(1000)
    expect(result.problems[999]).toMatchObject({ row: 1000, code: 'NEGATIVE_COUNT', action: 'row skipped' })
    expect(result.canCommit).toBe(false)
    const csv = await ctx.app.inject({ method: 'GET', url: `/api/imports/${up.id}/problems.csv` })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body.trim().split('\r\n')).toHaveLength(1001)
    // Chinese by default, UTF-8 with a BOM so Excel reads it; English on request
    const zhRows = csv.body.trim().split('\r\n')
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(zhRows[1000]).toMatch(/^1000,.*,NEGATIVE_COUNT,错误,户数 -\d+ 是负数,跳过该行$/)
    const en = await ctx.app.inject({ method: 'GET', url: `/api/imports/${up.id}/problems.csv?lang=en` })
    expect(en.body.trim().split('\r\n')[1000]).toMatch(/,NEGATIVE_COUNT,error,Households -\d+ is negative,row skipped$/)
    // the dry run answers in the UI's language: ?lang, else Accept-Language
    const zh = await ctx.app.inject({
      method: 'POST',
      url: `/api/imports/${up.id}/dry-run?lang=zh`,
      payload: { target: 'counts', mapping: up.layers[0].guesses.counts, crs: 'EPSG:4326' },
    })
    expect(zh.statusCode, zh.body).toBe(200)
    expect(zh.json<DryRunResult>().problems[999]).toMatchObject({ code: 'NEGATIVE_COUNT', action: '跳过该行' })
    expect(zh.json<DryRunResult>().problems[999].message).toMatch(/^户数 -\d+ 是负数$/)
    const byHeader = await ctx.app.inject({
      method: 'POST',
      url: `/api/imports/${up.id}/dry-run`,
      payload: { target: 'counts', mapping: up.layers[0].guesses.counts, crs: 'EPSG:4326' },
      headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
    })
    expect(byHeader.json<DryRunResult>().problems[0].action).toBe('跳过该行')
    const commit = await post(`/api/imports/${up.id}/commit`, { author: '测试' })
    expect(commit.statusCode).toBe(422)
    expect(commit.json().code).toBe('NOTHING_TO_COMMIT')
    expect(await checksums()).toEqual(before)
  })

  it('a truncated zip, a shapefile without .shx, a zip bomb and an unknown format: 4xx naming the fault', async () => {
    const truncated = await upload('t.zip', fixture('truncated.zip'))
    expect(truncated.statusCode).toBe(422)
    expect(truncated.json()).toMatchObject({ code: 'BAD_ZIP', message: expect.stringMatching(/truncated/) })
    const noShx = await upload('n.zip', fixture('units-no-shx.zip'))
    expect(noShx.statusCode).toBe(422)
    expect(noShx.json()).toMatchObject({ code: 'SHAPEFILE_INCOMPLETE', message: expect.stringMatching(/\.shx/) })
    const zeros = new Uint8Array(64 * 2 ** 20)
    const bomb = zipSync(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`layer${i}.shp`, zeros])), {
      level: 9,
    })
    expect(bomb.length).toBeLessThan(2 ** 20)
    const res = await upload('bomb.zip', bomb)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'ZIP_TOO_LARGE', message: expect.stringMatching(/zip bomb/) })
    const dwg = await upload('plan.dwg', Buffer.from('AC1032'))
    expect(dwg.statusCode).toBe(415)
  })

  it('formulas in CSV cells are kept as text behind a quote, with a notice', async () => {
    const res = await upload('f.csv', fixture('facilities-formula.csv'))
    expect(res.statusCode).toBe(201)
    const up = res.json<ImportUploadResult>()
    expect(up.notices.join(' ')).toMatch(/formula.*HYPERLINK/)
    expect(up.layers[0].sample[0].设施名称).toBe(`'=HYPERLINK("http://example.invalid","点我")`)
  })

  it('a 500 MB upload is refused with 413 when declared, and read no further than the limit when streamed', async () => {
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${ctx.url}/api/imports?filename=big.zip`,
        {
          method: 'POST',
          headers: {
            ...ctx.session!.headers, // signed in: the size limit, not the sign-in, refuses it
            'content-type': 'application/zip',
            'content-length': String(500 * 2 ** 20),
          },
        },
        (res) => {
          let body = ''
          res.on('data', (c) => {
            body += c
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', reject)
      req.write(Buffer.alloc(1024))
    })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body)).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/MB/) })

    let sent = 0
    const chunk = Buffer.alloc(2 ** 20, 7)
    const source = new Readable({
      read() {
        if (sent >= 500 * 2 ** 20) return this.push(null)
        sent += chunk.length
        this.push(chunk)
      },
    })
    const streamed = await new Promise<number>((resolve) => {
      const req = request(
        `${ctx.url}/api/imports?filename=big.zip`,
        {
          method: 'POST',
          headers: { ...ctx.session!.headers, 'content-type': 'application/zip', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
          source.unpipe(req)
          req.destroy()
        },
      )
      // the server may close the connection at the limit before the client has read its 413: a
      // refusal too (0); either way it stopped reading long before the 500 MB were sent
      req.on('error', () => resolve(0))
      source.pipe(req)
    })
    expect([413, 0]).toContain(streamed)
    expect(sent).toBeLessThan(300 * 2 ** 20)
  })
})

describe('import: existing grids', () => {
  it('each unit joins the grid holding most of it; commit then rollback restores every table', async () => {
    const db = ctx.database.db
    // a grid, and a unit of a neighbouring grid of the same community that touches it
    const { rows } = await sql<{ community: string; gridId: number; unitId: number; units: number; geom: string }>`
      SELECT trim(a.community_code) AS community, a.id AS "gridId", u.id AS "unitId", a.unit_count AS units,
        ST_AsGeoJSON(ST_UnaryUnion(ST_Collect(a.geom, u.geom), 1e-7), 7) AS geom
      FROM grids a JOIN units u ON u.community_code = a.community_code AND u.grid_id <> a.id
        AND ST_Intersects(u.geom, a.geom)
        AND ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(u.geom), ST_Boundary(a.geom), 1e-7), 2)) > 0
      WHERE a.valid_to IS NULL AND a.unit_count >= 2 ORDER BY a.id, u.id LIMIT 1`.execute(db)
    const pick = rows[0]
    const before = await checksums()
    const code = `${pick.community}901`
    const file = Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { 网格编码: code, 网格名称: '导入网格' }, geometry: JSON.parse(pick.geom) },
        ],
      }),
    )
    const up = (await upload('grids.geojson', file)).json<ImportUploadResult>()
    expect(up.layers[0].suggestedTarget).toBe('grids')
    const result = await dryRun(up.id, { target: 'grids', mapping: up.layers[0].guesses.grids, crs: 'EPSG:4326' })
    expect(result.counts).toMatchObject({ added: 1, changed: 0, rejected: 0 })
    expect(await checksums()).toEqual(before)
    expect((await post(`/api/imports/${up.id}/commit`, { author: '测试' })).statusCode).toBe(200)
    const { rows: after } = await sql<{ id: number; units: number; name: string }>`SELECT id, unit_count AS units, name
      FROM grids WHERE id = ${pick.gridId} OR code = ${code} ORDER BY id`.execute(db)
    expect(after).toEqual([
      { id: pick.gridId, units: 0, name: expect.any(String) },
      { id: expect.any(Number), units: pick.units + 1, name: '导入网格' },
    ])
    const moved = await sql<{ code: string }>`SELECT trim(g.code) AS code FROM units u JOIN grids g ON g.id = u.grid_id
      WHERE u.id = ${pick.unitId}`.execute(db)
    expect(moved.rows[0].code).toBe(code)
    expect((await post(`/api/imports/${up.id}/rollback`, { author: '测试' })).statusCode).toBe(200)
    expect(await checksums()).toEqual(before)
  })
})
