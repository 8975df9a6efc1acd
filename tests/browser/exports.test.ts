// Issue 10 acceptance in a real headless Chromium: a layer downloaded from the map page as a
// zipped Shapefile and as FlatGeobuf, then read back (GDAL, and flatgeobuf for the .fgb).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js'
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
    },
  )

  it('the facilities as FlatGeobuf in GCJ-02 read back with every facility', async () => {
    const { path, name } = await download('facilities', 'fgb', 'gcj02')
    expect(name).toMatch(/^facilities_gcj02_r\d+_.*\.fgb$/)
    const features: { id?: unknown; properties: Record<string, unknown> }[] = []
    for await (const f of deserialize(new Uint8Array(readFileSync(path)))) features.push(f as never)
    const api = await (await fetch(`${s.app.url}/api/facilities?limit=5000`)).json()
    const live = api.features.filter((f: { properties: { status: string } }) => f.properties.status !== 'retired')
    expect(features.length).toBe(live.length)
    expect(new Set(features.map((f) => f.properties.name))).toEqual(
      new Set(live.map((f: { properties: { name: string } }) => f.properties.name)),
    )
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
