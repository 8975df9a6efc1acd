// A real deployment starts without the demo world and loads its district in order: streets,
// communities, units, buildings, counts, workers, facilities — each a different format and CRS.
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DryRunResult, ImportLayerId, ImportUploadResult } from '../../core/api'
import { clearWorld, hasWorld } from '../../server/modules/demo/demo.repository'
import { startTestApp } from '../support/test-database'

let ctx: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  ctx = await startTestApp()
  await clearWorld(ctx.database.db)
})
afterAll(() => ctx?.close())

const fixture = (name: string) => readFileSync(new URL(`../../core/import/fixtures/${name}`, import.meta.url))
const text = (s: string) => Buffer.from(s, 'utf8')

const square = (x: number, y: number, d: number) =>
  `POLYGON((${x} ${y}, ${x + d} ${y}, ${x + d} ${y + d}, ${x} ${y + d}, ${x} ${y}))`

const FILES: Record<string, () => Buffer> = {
  'streets.geojson': () =>
    text(
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
        features: [
          {
            type: 'Feature',
            properties: { 街道代码: '120116001', 街道名称: '试点街道', 类型: '街道' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [117.68, 38.98],
                  [117.74, 38.98],
                  [117.74, 39.04],
                  [117.68, 39.04],
                  [117.68, 38.98],
                ],
              ],
            },
          },
        ],
      }),
    ),
  'communities.zip': () => fixture('communities-gk-4548.zip'),
  'units.csv': () =>
    text(
      [
        '小区编码,小区名称,社区代码,类型,WKT',
        `U-FX-001,金湾花园,120116001001,小区,"${square(117.701, 39.001, 0.002)}"`,
        `U-FX-002,海滨新村,120116001001,小区,"${square(117.704, 39.001, 0.002)}"`,
        `U-FX-003,渤海家园,120116001002,小区,"${square(117.711, 39.001, 0.002)}"`,
      ].join('\n'),
    ),
  'buildings.csv': () =>
    text(
      [
        '楼栋编码,小区编码,户数,人口,层数,经度,纬度',
        'B1,U-FX-001,120,300,18,117.7015,39.0015',
        'B2,U-FX-001,60,150,6,117.7025,39.0025',
        'B3,U-FX-002,90,200,11,117.705,39.002',
        'B4,U-FX-003,40,100,3,117.712,39.002',
      ].join('\n'),
    ),
  'register.csv': () => fixture('register-personal.csv'),
  'workers.csv': () => text('社区代码,社区工作者数\n120116001001,9\n120116001002,7\n'),
  'facilities.xlsx': () => fixture('facilities-amap.xlsx'),
}

async function load(filename: string, target: ImportLayerId, crs: string, expectOk = true) {
  const up = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports?filename=${filename}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: FILES[filename](),
  })
  expect(up.statusCode, up.body).toBe(201)
  const layer = up.json<ImportUploadResult>().layers[0]
  const id = up.json<ImportUploadResult>().id
  const dry = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/${id}/dry-run`,
    payload: { target, mapping: layer.guesses[target], crs },
  })
  expect(dry.statusCode, dry.body).toBe(200)
  const result = dry.json<DryRunResult>()
  if (expectOk) expect(result.problems.filter((p) => p.severity === 'error')).toEqual([])
  const commit = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/${id}/commit`,
    payload: { author: '街道办', reason: `load ${target}` },
  })
  expect(commit.statusCode, commit.body).toBe(200)
  return { layer, result }
}

describe('a district loaded from scratch', () => {
  it('starts empty: settings and facility types only', async () => {
    expect(await hasWorld(ctx.database.db)).toBe(false)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM facility_types`.execute(ctx.database.db)
    expect(rows[0].n).toBeGreaterThan(0)
  })

  it('loads streets, communities (Gauss-Krüger), units (WKT), buildings, counts, workers and facilities (GCJ-02 XLSX)', async () => {
    await load('streets.geojson', 'streets', 'EPSG:4326')
    const c = await load('communities.zip', 'communities', 'EPSG:4548')
    expect(c.layer.crs.code).toBe('EPSG:4548')
    expect(c.result.counts.added).toBe(2)
    await load('units.csv', 'units', 'EPSG:4326')
    // the running server's coverage store is built now, with no buildings …
    const coverage = async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/coverage/summary?type=kindergarten&scenario=as-is' })
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{ totals: { households: number } }>().totals.households
    }
    expect(await coverage()).toBe(0)
    const b = await load('buildings.csv', 'buildings', 'EPSG:4326')
    expect(b.result.counts.added).toBe(4)
    // … and shows the imported buildings' households at once
    expect(await coverage()).toBe(310)
    const r = await load('register.csv', 'counts', 'EPSG:4326')
    expect(r.result.notices.join(' ')).toMatch(/personal columns dropped.*户主姓名/)
    await load('workers.csv', 'workers', 'EPSG:4326')
    const f = await load('facilities.xlsx', 'facilities', 'GCJ-02')
    expect(f.result.counts.added).toBe(2)

    const db = ctx.database.db
    const streets = await ctx.app.inject({ method: 'GET', url: '/api/streets' })
    expect(streets.body).toContain('试点街道')
    const { rows: communities } = await sql<{ code: string; name: string; workers: number; x: number }>`SELECT
        trim(code) AS code, name, workers, round(ST_XMin(geom)::numeric, 5)::float8 AS x
      FROM communities ORDER BY code`.execute(db)
    expect(communities).toEqual([
      { code: '120116001001', name: '第一社区', workers: 9, x: 117.7 },
      { code: '120116001002', name: '第二社区', workers: 7, x: 117.71 },
    ])
    // counts from the register replace the buildings' sums for the units it names
    const { rows: units } = await sql<{ code: string; households: number; residents: number }>`SELECT code, households,
        residents FROM units ORDER BY code`.execute(db)
    expect(units).toEqual([
      { code: 'U-FX-001', households: 2, residents: 5 },
      { code: 'U-FX-002', households: 1, residents: 4 },
      { code: 'U-FX-003', households: 40, residents: 100 },
    ])
    const { rows: facilities } = await sql<{ name: string; street: string; lng: number }>`SELECT name,
        trim(street_code) AS street, round(ST_X(geom)::numeric, 3)::float8 AS lng FROM facilities ORDER BY name`.execute(
      db,
    )
    expect(facilities).toEqual([
      { name: '海滨幼儿园', street: '120116001', lng: 117.706 },
      { name: '金湾社区服务站', street: '120116001', lng: 117.7 },
    ])
    const { rows: district } = await sql<{ code: string }>`SELECT code FROM districts`.execute(db)
    expect(district).toEqual([{ code: '120116' }])
  })

  it('loading the same files again changes nothing', async () => {
    for (const [file, target, crs] of [
      ['streets.geojson', 'streets', 'EPSG:4326'],
      ['communities.zip', 'communities', 'EPSG:4548'],
      ['units.csv', 'units', 'EPSG:4326'],
      ['workers.csv', 'workers', 'EPSG:4326'],
      ['facilities.xlsx', 'facilities', 'GCJ-02'],
    ] as const) {
      const { result } = await load(file, target, crs)
      expect(result.counts, file).toMatchObject({ added: 0, changed: 0 })
    }
  })
})
