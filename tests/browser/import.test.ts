// A street office corrects one community's household register through the import wizard, in
// headless Chromium: a zipped shapefile of its units traced on AMap (GCJ-02, though the .prj says
// WGS84) with GBK names and no .cpg, the households in a column the guess cannot name (DJHS,
// pinyin initials). Declared as the .prj says, the preview lands ~500 m off the units; declared
// GCJ-02 it lands on them. Committed, the new households show on the map and in the grid editor.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, CommunityUnits, GridPage, ImportSummary } from '../../core/api'
import { wgs84ToGcj02 } from '../../core/geo/gcj02'
import { type BrowserSession, openApp } from '../support/browser'
import { type LayerFeature, transformFeatures, writeShapefileZip } from '../support/world-files'

let s: BrowserSession
/** the community the first test imports into, and its grids' households before */
let imported: { code: string; grids: Map<number, number> } | null = null
beforeAll(async () => {
  s = await openApp('/import')
})
afterAll(() => s?.close())

const api = async <T>(path: string): Promise<T> => (await fetch(`${s.app.url}${path}`)).json() as Promise<T>
const WGS84_PRJ = readFileSync(new URL('../../core/geo/fixtures/prj/epsg-4326.wkt1-esri.prj', import.meta.url), 'utf8')
const ADDED = 7 // households added to every unit of the register

/** The preview row drawn at a position: the deck.gl pick on the preview layer, or null. */
function previewAt(lngLat: [number, number]) {
  return s.page.evaluate(([lng, lat]) => {
    const hooks = window.__wangge!
    const p = hooks.map!.project([lng, lat])
    const info = hooks.overlay!.pickObject({ x: p.x, y: p.y, radius: 0, layerIds: ['import-preview'] })
    const props = (info?.object as { properties?: { code: string; status: string } } | undefined)?.properties
    return props ? { code: props.code, status: props.status } : null
  }, lngLat)
}

/** Waits for the dry run's report (failing with the wizard's message if the dry run failed). */
async function dryRunReport() {
  await s.page.waitForSelector('[data-testid=import-report], [data-testid=import-dry-run-error]', { timeout: 120_000 })
  expect(await s.page.locator('[data-testid=import-dry-run-error]').allTextContents()).toEqual([])
}

describe('the import wizard', () => {
  it('imports a GBK shapefile in GCJ-02: fixes a mapping, previews in the right place, commits, shows the new households', {
    timeout: 300_000,
  }, async () => {
    // a community of a dozen units or so, and its register with ADDED more households per unit
    const communities = (await api<CommunityPage>('/api/communities?limit=5000')).features.map((f) => f.properties)
    const community = communities
      .filter((c) => c.unitCount >= 8 && c.unitCount <= 20 && c.gridCount >= 2)
      .sort((a, b) => a.code.localeCompare(b.code))[0]
    const before = await api<CommunityUnits>(`/api/communities/${community.code}/units`)
    const units = before.units.features
    const register: LayerFeature[] = units.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        小区编码: f.properties.code,
        小区名称: f.properties.name,
        社区代码: community.code,
        DJHS: f.properties.households + ADDED,
      },
    }))
    const zip = writeShapefileZip(transformFeatures(register, wgs84ToGcj02), {
      name: '户籍小区',
      encoding: 'gbk',
      cpg: false,
      prj: WGS84_PRJ,
    })

    const { page } = s
    await page.waitForSelector('[data-testid=import-wizard]')
    await page.setInputFiles('[data-testid=import-file]', {
      name: 'units.zip',
      mimeType: 'application/zip',
      buffer: zip,
    })
    await page.waitForSelector('[data-testid=import-found], [data-testid=import-upload-error]', { timeout: 60_000 })
    expect(await page.locator('[data-testid=import-upload-error]').allTextContents()).toEqual([])

    // GBK detected without a .cpg: the names decode, none flagged
    expect(await page.inputValue('[data-testid=import-encoding]')).toBe('gb18030')
    expect(await page.getAttribute('[data-testid=import-garbled]', 'data-garbled')).toBe('0')
    const shown = await page.locator('[data-testid=import-names] li').allTextContents()
    expect(shown).toContain(units[0].properties.name)

    // units, with the code, name and community guessed; the households column is not: fix it
    await page.selectOption('[data-testid=import-target]', 'units')
    expect(await page.inputValue('[data-testid=import-map-code]')).toBe('小区编码')
    expect(await page.inputValue('[data-testid=import-map-households]')).toBe('')
    await page.selectOption('[data-testid=import-map-households]', 'DJHS')

    // as the .prj says (WGS84): the preview sits off the units it updates
    expect(await page.inputValue('[data-testid=import-crs]')).toBe('EPSG:4326')
    await page.click('[data-testid=import-dry-run]')
    await dryRunReport()
    await page.waitForTimeout(500) // the map fits the preview
    const misplaced = await Promise.all(units.map((u) => previewAt(u.properties.centroid)))
    expect(misplaced.filter((p, i) => p?.code === units[i].properties.code).length).toBeLessThan(units.length / 3)

    // declared GCJ-02: every unit's preview is drawn where the unit is, as a change; the progress
    // shows while it runs (recorded as it appears: a quick dry run is over before any poll)
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress?: boolean }
      w.sawProgress = false
      new MutationObserver((_, o) => {
        if (!document.querySelector('[data-testid=import-dry-run-progress]')) return
        w.sawProgress = true
        o.disconnect()
      }).observe(document.body, { childList: true, subtree: true })
    })
    await page.selectOption('[data-testid=import-crs]', 'GCJ-02')
    await page.click('[data-testid=import-dry-run]')
    await dryRunReport()
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(true)
    await page.waitForTimeout(500)
    const placed = await Promise.all(units.map((u) => previewAt(u.properties.centroid)))
    expect(placed).toEqual(units.map((u) => ({ code: u.properties.code, status: 'changed' })))
    // the notices in the UI's language (Chinese by default)
    expect((await page.locator('.import-notices li').allTextContents()).join('\n')).toMatch(
      /坐标已从 GCJ-02 转换为 EPSG:4326/,
    )
    await page.screenshot({ path: '.cache/screenshots/import-preview.png' }) // to look at, not compared
    expect(await page.textContent('[data-testid=import-count-changed]')).toBe(String(units.length))
    expect(await page.textContent('[data-testid=import-count-rejected]')).toBe('0')
    // the figures that would change: the district's households, and each grid of the community
    const world = (await api<{ world: { households: number } }>('/api/health')).world.households
    expect(await page.textContent('[data-testid=import-households]')).toBe(
      `${world.toLocaleString('zh-CN')} → ${(world + ADDED * units.length).toLocaleString('zh-CN')}`,
    )
    const gridAfter = (g: (typeof before.grids)[number]) =>
      g.households + ADDED * units.filter((u) => u.properties.gridId === g.id).length
    for (const g of before.grids)
      expect(
        await page.textContent(`[data-testid=import-figure-grids] tr[data-code="${g.code}"] [data-testid=after]`),
      ).toBe(gridAfter(g).toLocaleString('zh-CN'))

    // no name to type: the edit is recorded under the signed-in person, shown instead
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { username: string }
    expect(await page.textContent('[data-testid=import-author]')).toContain(me.username)
    await page.fill('[data-testid=import-reason]', '2024年户籍核对')
    await page.click('[data-testid=import-commit]')
    await page.waitForSelector('[data-testid=import-message].tone-good', { timeout: 120_000 })

    // on the map: each grid of the community holds ADDED more households per unit
    const grids = before.grids
    imported = { code: community.code, grids: new Map(grids.map((g) => [g.id, g.households])) }
    const expected = new Map(grids.map((g) => [g.id, gridAfter(g)]))
    const after = await api<GridPage>(`/api/grids?community=${community.code}`)
    expect(new Map(after.features.map((f) => [f.properties.id, f.properties.households]))).toEqual(expected)
    await page.goto(`${s.app.url}/`)
    await page.evaluate(() => window.__wangge!.ready)
    const grid = grids[0]
    await page.evaluate((code) => window.__wangge!.select({ kind: 'community', code }), community.code)
    const lngs = units.map((u) => u.properties.centroid[0])
    const lats = units.map((u) => u.properties.centroid[1])
    const box = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]
    await page.evaluate(
      ([w, so, e, n]) => window.__wangge!.map!.fitBounds([w, so, e, n], { duration: 0, padding: 120 }),
      box,
    )
    await page.waitForTimeout(800)
    const point = (await page.evaluate((id) => window.__wangge!.getGridScreenPoint(id), grid.id))!
    const drawn = await page.evaluate(([x, y]) => window.__wangge!.pickGridAt(x, y), [point.x, point.y])
    expect(drawn?.households).toBe(expected.get(grid.id))

    // in the grid editor: the grid table shows the same
    await page.goto(`${s.app.url}/?edit=${community.code}`)
    await page.waitForFunction(() => window.__wangge?.editor?.loaded === true, null, { timeout: 60_000 })
    for (const g of grids)
      await expect
        .poll(() => page.textContent(`[data-testid=edit-grid-${g.id}] [data-testid=households]`))
        .toBe(expected.get(g.id)!.toLocaleString('zh-CN'))

    expect(s.errors).toEqual([])
    expect(s.foreignRequests).toEqual([])
  })

  it('rolls the import back from the history: the households are as before', { timeout: 120_000 }, async () => {
    expect(imported).not.toBeNull()
    const { page } = s
    const [last] = await api<ImportSummary[]>('/api/imports')
    expect(last.status).toBe('committed')
    await page.goto(`${s.app.url}/import`)
    // the name given at the commit is remembered
    await page.click(`[data-testid=import-rollback-${last.id}]`)
    await page.waitForSelector(`[data-testid=import-history-${last.id}][data-status=rolled_back]`, { timeout: 60_000 })
    const after = await api<GridPage>(`/api/grids?community=${imported!.code}`)
    expect(new Map(after.features.map((f) => [f.properties.id, f.properties.households]))).toEqual(imported!.grids)
    expect(s.errors).toEqual([])
  })
})
