// Issue 10 acceptance in a real headless Chromium: a layer downloaded from the map page as a
// zipped Shapefile, as GeoPackage and as FlatGeobuf, then read back (GDAL, and flatgeobuf for the .fgb).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js'
import readXlsxFile from 'read-excel-file/universal'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserSession, openApp } from '../support/browser'
import { hasGdal, ogrFeatures, ogrSummary } from '../support/gdal'

let s: BrowserSession
const dir = mkdtempSync(join(tmpdir(), 'wangge-downloads-'))
beforeAll(async () => {
  s = await openApp('/')
  await s.page.waitForFunction(() => window.__wangge !== undefined)
  await s.page.evaluate(() => window.__wangge!.ready)
  await s.page.getByTestId('layer-downloads').locator('summary').click()
})
afterAll(() => s?.close())

/** Chooses format and CRS, clicks the layer's download button and saves what the browser got. */
async function download(layer: string, format: string, crs: string) {
  await s.page.getByTestId('download-format').selectOption(format)
  await s.page.getByTestId('download-crs').selectOption(crs)
  const [file] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId(`download-${layer}`).click()])
  const path = join(dir, file.suggestedFilename())
  await file.saveAs(path)
  return { path, name: file.suggestedFilename() }
}

describe('downloads from the map page', () => {
  it.skipIf(!hasGdal)(
    'the grids as a zipped Shapefile in EPSG:4548 read back whole in GDAL, Chinese names intact',
    async () => {
      const { path, name } = await download('grids', 'shp', 'epsg4548')
      expect(name).toMatch(/^grids_epsg4548_r\d+_\d{4}-\d\d-\d\d\.zip$/)
      const api = await (await fetch(`${s.app.url}/api/grids?limit=5000`)).json()
      const layer = ogrSummary(`/vsizip/${path}`)
      expect(layer.featureCount).toBe(api.total)
      expect(layer.epsg).toBe(4548)
      expect(layer.geometry).toMatch(/Polygon/)
      const names = new Map<string, string>(
        api.features.map((f: { properties: { code: string; name: string } }) => [f.properties.code, f.properties.name]),
      )
      const back = ogrFeatures(`/vsizip/${path}`)
      expect(back.length).toBe(api.total)
      expect(back.every((f) => names.get(f.properties!.code) === f.properties!.name)).toBe(true)
      // the provenance travels inside the zip
      const files = unzipSync(new Uint8Array(readFileSync(path)))
      const text = new TextDecoder().decode(files[Object.keys(files).find((n) => n.endsWith('_provenance.txt'))!])
      expect(text).toContain('what: grids')
      expect(text).toContain('CRS: EPSG:4548')
      expect(text).toMatch(new RegExp(`data revision: ${/_r(\d+)_/.exec(name)![1]}`))
    },
  )

  it.skipIf(!hasGdal)(
    'the grids as a GeoPackage in CGCS2000 read back whole in GDAL, Chinese names and provenance intact',
    async () => {
      const { path, name } = await download('grids', 'gpkg', 'cgcs2000')
      expect(name).toMatch(/^grids_cgcs2000_r\d+_\d{4}-\d\d-\d\d\.gpkg$/)
      const api = await (await fetch(`${s.app.url}/api/grids?limit=5000`)).json()
      const layer = ogrSummary(path)
      expect(layer.featureCount).toBe(api.total)
      expect(layer.epsg).toBe(4490)
      expect(layer.geometry).toBe('Multi Polygon')
      expect(layer.fields.get('households')).toBe('Integer')
      const names = new Map<string, string>(
        api.features.map((f: { properties: { code: string; name: string } }) => [f.properties.code, f.properties.name]),
      )
      const back = ogrFeatures(path)
      expect(back.length).toBe(api.total)
      expect(back.every((f) => names.get(f.properties!.code) === f.properties!.name)).toBe(true)
      // the provenance is the layer's metadata (gpkg_metadata)
      const info = execFileSync('ogrinfo', ['-so', '-ro', path, 'grids']).toString()
      expect(info).toContain('WANGGE_WHAT=grids')
      expect(info).toContain('WANGGE_CRS=EPSG:4490')
      expect(info).toContain(`WANGGE_REVISION=${/_r(\d+)_/.exec(name)![1]}`)
    },
  )

  it('the facilities as FlatGeobuf in GCJ-02 read back with every facility', async () => {
    const { path, name } = await download('facilities', 'fgb', 'gcj02')
    expect(name).toMatch(/^facilities_gcj02_r\d+_.*\.fgb$/)
    const features: { id?: unknown; properties: Record<string, unknown> }[] = []
    let header: HeaderMeta | undefined
    for await (const f of deserialize(new Uint8Array(readFileSync(path)), {
      headerMetaFn: (h: HeaderMeta) => (header = h),
    } as never))
      features.push(f as never)
    // the provenance travels in the FlatGeobuf header
    expect(JSON.parse(header!.metadata!)).toMatchObject({
      what: 'facilities',
      crs: 'GCJ-02',
      features: features.length,
    })
    const api = await (await fetch(`${s.app.url}/api/facilities?limit=5000`)).json()
    const live = api.features.filter((f: { properties: { status: string } }) => f.properties.status !== 'retired')
    expect(features.length).toBe(live.length)
    expect(new Set(features.map((f) => f.properties.name))).toEqual(
      new Set(live.map((f: { properties: { name: string } }) => f.properties.name)),
    )
  })
})

describe('downloads from the analysis views', () => {
  it('the equity indicators download from /equity as XLSX with a provenance sheet', async () => {
    const page = await s.browser.newPage()
    await page.goto(`${s.app.url}/equity`)
    await page.getByTestId('equity-downloads').locator('summary').click()
    await page.getByTestId('equity-downloads-format').selectOption('xlsx')
    await page.getByTestId('equity-downloads-crs').selectOption('epsg4548')
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('equity-downloads-indicators').click(),
    ])
    expect(file.suggestedFilename()).toMatch(/^equity-indicators_epsg4548_r\d+_.*\.xlsx$/)
    const path = join(dir, file.suggestedFilename())
    await file.saveAs(path)
    const bytes = readFileSync(path)
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    const communities = (await (await fetch(`${s.app.url}/api/communities?limit=1`)).json()).total
    expect(sheets[0].data.length - 1).toBe(communities)
    expect(sheets[0].data[0]).toContain('stars')
    const facts = new Map(sheets[1].data.map((r) => [r[0], r[1]]))
    expect(facts.get('what')).toBe('equity-indicators')
    expect(facts.get('CRS')).toBe('EPSG:4548')
    await page.close()
  })
})

describe('downloads from the printable report', () => {
  it("the report's tables download from /report as XLSX: the headline indicators, the ratings and the provenance", async () => {
    const page = await s.browser.newPage()
    await page.goto(`${s.app.url}/report`)
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-xlsx').click()])
    expect(file.suggestedFilename()).toMatch(/^report-tables_as-is_r\d+_.*\.xlsx$/)
    const path = join(dir, file.suggestedFilename())
    await file.saveAs(path)
    const bytes = readFileSync(path)
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    expect(sheets.map((x) => x.sheet)).toEqual(['headline 主要指标', 'lowest 星级评分', 'provenance'])
    // the page's headline table has as many rows as the sheet
    expect(await page.locator('table.figures').first().locator('tbody tr').count()).toBe(sheets[0].data.length - 1)
    // the links are not printed
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByTestId('report-downloads').isVisible()).resolves.toBe(false)
    await page.close()
  })
})

describe('the printable grid plan', () => {
  it("draws a community's grids with the 网格员 column blank, and prints to an A4 PDF", async () => {
    const community = (await (await fetch(`${s.app.url}/api/communities?limit=1`)).json()).features[0].properties
    const sheet = await s.browser.newPage()
    await sheet.goto(`${s.app.url}/sheets/grids?community=${community.code}`)
    await expect(sheet.locator('h1').textContent()).resolves.toContain(community.name)
    expect(await sheet.locator('svg path').count()).toBe(community.gridCount)
    expect(await sheet.locator('tbody tr').count()).toBe(community.gridCount)
    expect(await sheet.locator('tbody td.blank').count()).toBe(community.gridCount * 2)
    const box = await sheet.locator('svg').boundingBox()
    expect(box!.height).toBeGreaterThan(300)
    const pdf = await sheet.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await sheet.close()
  })
})
