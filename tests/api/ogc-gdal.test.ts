// The OGC API read by the GIS tools people use: GDAL's OAPIF driver (ogrinfo, ogr2ogr; QGIS reads
// through the same driver) lists every collection, reads each whole into a GeoPackage with the
// right geometry type, field types and feature count, and what comes back is clean: no invalid
// geometry, no overlapping pair, no gap (tolerance 0). GDAL is installed in CI (.ci/run); without
// it locally these tests are skipped with a note.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OGC_COLLECTIONS } from '../../core/api'
import { polygonTopology } from '../../server/modules/demo/world-checks.repository'
import { startTestApp } from '../support/test-database'

const run = promisify(execFile)
const haveGdal = await run('ogrinfo', ['--version']).then(
  () => true,
  () => false,
)
if (!haveGdal && process.env.CI) throw new Error('CI must run the GDAL tests: apt-get install gdal-bin')
if (!haveGdal) console.warn('[wangge] OGC API GDAL tests skipped: no ogrinfo (apt-get install gdal-bin)')

let ctx: Awaited<ReturnType<typeof startTestApp>>
let dir: string
const gpkg = (id: string) => join(dir, `${id}.gpkg`)
const read: Record<string, GeoJSON.Feature[]> = {}

beforeAll(async () => {
  if (!haveGdal) return
  ctx = await startTestApp({ listen: true })
  await ctx.app.coverage.ensure() // the analysis collections read the coverage store
  dir = mkdtempSync(join(tmpdir(), 'wangge-ogc-'))
}, 240_000)
afterAll(async () => {
  await ctx?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const source = () => `OAPIF:${ctx.url}/ogc`
// GDAL 3.6 asks for 10 features a page unless told; a client reading whole layers sets a page size
const PAGE = ['-oo', 'PAGE_SIZE=1000']
const GDAL_TYPES = {
  string: ['String', 'Date'],
  integer: ['Integer', 'Integer64'],
  number: ['Real'],
  boolean: ['Integer'],
}
const GDAL_GEOMETRY = { MultiPolygon: 'Multi Polygon', Point: 'Point' }

async function stored(id: string) {
  if (id === 'coverage-gaps') {
    // every building a type does not reach, per type: the coverage API's count, type by type
    let n = 0
    for (const t of (await ctx.app.inject({ url: '/api/facility-types' })).json() as { code: string }[])
      n += (await ctx.app.inject({ url: `/api/coverage/gaps?type=${t.code}&limit=1` })).json().unservedBuildings
    return n
  }
  if (id === 'equity-indicators') id = 'communities' // one feature per community
  const where = id === 'grids' ? sql`WHERE valid_to IS NULL` : sql``
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(id)} ${where}`.execute(
    ctx.database.db,
  )
  return rows[0].n
}

describe.skipIf(!haveGdal)('GDAL reads the OGC API', () => {
  it('ogrinfo lists every collection', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-q', source()])
    const listed = [...stdout.matchAll(/^\d+: ([\w-]+)/gm)].map((m) => m[1])
    expect(listed).toEqual(OGC_COLLECTIONS.map((c) => c.id))
  })

  it.each(OGC_COLLECTIONS.map((c) => [c.id, c] as const))(
    'ogr2ogr copies %s whole into a GeoPackage with its geometry type, field types and count',
    async (id, c) => {
      // the coverage gaps are the largest collection: read in the largest pages the API serves
      const page = c.analysis ? ['-oo', 'PAGE_SIZE=10000'] : PAGE
      await run('ogr2ogr', ['-f', 'GPKG', gpkg(id), source(), id, '-nln', id, ...page], { maxBuffer: 1 << 26 })
      const { stdout: info } = await run('ogrinfo', ['-ro', '-so', gpkg(id), id])
      expect(info).toContain(`Geometry: ${GDAL_GEOMETRY[c.geometryType]}`)
      expect(Number(/Feature Count: (\d+)/.exec(info)?.[1])).toBe(await stored(id))
      // the indicator columns are named by the data (the catalogue): read them from the collection's schema
      const schema = c.moreProperties ? (await ctx.app.inject({ url: `/ogc/collections/${id}/schema` })).json() : {}
      const more = Object.keys(schema.properties?.properties?.properties ?? {})
        .filter((k) => !(k in c.properties))
        .map((k) => [k, c.moreProperties!] as const)
      if (c.moreProperties) expect(more.length).toBeGreaterThan(10) // one per indicator
      for (const [name, type] of [...Object.entries(c.properties), ...more]) {
        const gdalType = new RegExp(`^${name}: (\\w+)`, 'm').exec(info)?.[1]
        // GDAL 3.6 types an indicator column from its values: a share that is 0 or 1 in every
        // community (JSON cannot write 0.0) reads as Integer; any other number must read as Real
        const whole = more.some(([k]) => k === name) && gdalType === 'Integer'
        expect(whole ? ['Integer'] : GDAL_TYPES[type], `${id}.${name} read as ${gdalType}`).toContain(gdalType)
        if (whole) {
          const served = (await ctx.app.inject({ url: `/ogc/collections/${id}/items?limit=10000` })).json()
          const values = served.features.map((f: { properties: Record<string, number> }) => f.properties[name])
          expect(values.every(Number.isInteger), `${id}.${name} is whole in every feature served`).toBe(true)
        }
      }
      const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', gpkg(id), id], { maxBuffer: 1 << 28 })
      read[id] = JSON.parse(stdout).features
      expect(read[id]).toHaveLength(await stored(id))
    },
    600_000,
  )

  it.each([
    ['grids', 'communityCode', 'communities'],
    ['units', 'communityCode', 'communities'],
    ['communities', 'streetCode', 'streets'],
  ] as const)(
    'PostGIS finds in the %s read back no invalid geometry, no overlapping pair and no gap',
    async (id, group, parent) => {
      const parents = read[parent].map((f) => ({ ...f, id: f.properties?.code }))
      const report = await polygonTopology(ctx.database.db, read[id], group, parents)
      expect(report).toEqual({ features: await stored(id), invalid: 0, overlappingPairs: 0, gaps: 0, gapAreaM2: 0 })
    },
    180_000,
  )
})
