// Issue 10: the map draws the buildings from the server's vector tiles at street zoom, only
// from our own origin, and what it drew are the buildings of that place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GridPage } from '../../core/api'
import { type BrowserSession, imageStats, openApp } from '../support/browser'
import { outerRing } from '../support/geometry'
import { meterTransfer } from '../support/transfer'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/')
  await s.page.waitForFunction(() => window.__wangge !== undefined)
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

/** A grid's rough centre (the mean of its outer ring). */
const centreOf = (grid: GridPage['features'][number]): [number, number] => {
  const ring = outerRing(grid.geometry)
  return [ring.reduce((t, p) => t + p[0], 0) / ring.length, ring.reduce((t, p) => t + p[1], 0) / ring.length]
}

/** At most this many bytes (tiles + data) for the map page at district view and at street view. */
const PAGE_BUDGET_BYTES = 2_000_000

describe('the map from tiles', () => {
  it('transfers well under 2 MB at district view and at street view, and draws the map both times', {
    timeout: 300_000,
  }, async () => {
    const page = await s.browser.newPage({ viewport: { width: 1600, height: 1000 } })
    try {
      const meter = meterTransfer(page)
      await page.goto(`${s.app.url}/`)
      await page.waitForFunction(() => window.__wangge !== undefined)
      await page.evaluate(() => window.__wangge!.ready)
      await page.waitForFunction(() => window.__wangge!.tilesLoaded(), undefined, { timeout: 120_000 })
      await meter.settled()
      const district = meter.read()
      const atDistrict = await imageStats(page, await page.screenshot())
      console.log(`[transfer] district view: ${JSON.stringify(district)}`)
      expect(atDistrict.colours).toBeGreaterThan(20)
      expect(atDistrict.nonBackgroundShare).toBeGreaterThan(0.2)
      expect(district.tileBytes + district.dataBytes).toBeLessThan(PAGE_BUDGET_BYTES)

      meter.reset()
      // a grid of a community with two grids or more (edited below)
      const all = ((await (await fetch(`${s.app.url}/api/grids?limit=5000`)).json()) as GridPage).features
      const grid = all.find(
        (g, i) => i >= 100 && all.filter((o) => o.properties.communityCode === g.properties.communityCode).length >= 2,
      )!
      await page.evaluate((c) => window.__wangge!.map!.jumpTo({ center: c, zoom: 15.5 }), centreOf(grid))
      await page.waitForFunction(
        () => window.__wangge!.map!.areTilesLoaded() && window.__wangge!.tilesLoaded(),
        undefined,
        { timeout: 120_000 },
      )
      await meter.settled()
      const street = meter.read()
      console.log(`[transfer] street view: ${JSON.stringify(street)}`)
      const atStreet = await imageStats(page, await page.screenshot())
      expect(atStreet.colours).toBeGreaterThan(10)
      expect(atStreet.nonBackgroundShare).toBeGreaterThan(0.2)
      // grids and buildings are drawn there
      await page.waitForFunction(() => window.__wangge!.getRenderedGridCount() > 0, undefined, { timeout: 30_000 })
      expect(street.tileBytes + street.dataBytes).toBeLessThan(PAGE_BUDGET_BYTES)

      // a grid edit there: the tiles in view are asked for again, the untouched ones answer 304
      meter.reset()
      const code = grid.properties.communityCode
      const community = (await (await fetch(`${s.app.url}/api/communities/${code}/units`)).json()) as {
        community: { editVersion: number }
        units: { features: { properties: { id: number; gridId: number | null; households: number } }[] }
      }
      const units = community.units.features.map((f) => f.properties).filter((u) => u.gridId !== null)
      const from = units[0]
      const to = units.find((u) => u.gridId !== from.gridId)!.gridId!
      const saved = await fetch(`${s.app.url}/api/communities/${code}/edits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          editVersion: community.community.editVersion,
          reason: 'issue 10: tiles after an edit',
          ops: [{ kind: 'moveUnits', unitIds: [from.id], toGrid: to }],
        }),
      })
      expect(saved.status).toBe(200)
      await expect.poll(() => meter.read().tiles, { timeout: 60_000 }).toBeGreaterThan(0)
      await page.waitForFunction(() => window.__wangge!.tilesLoaded(), undefined, { timeout: 120_000 })
      await meter.settled()
      const afterEdit = meter.read()
      console.log(`[transfer] after a grid edit at street view: ${JSON.stringify(afterEdit)}`)
      expect(afterEdit.notModified).toBeGreaterThan(0)
      expect(afterEdit.notModified).toBeLessThan(afterEdit.tiles)
      expect(afterEdit.tileBytes).toBeLessThan(street.tileBytes)
    } finally {
      await page.close()
    }
  })

  it('draws no building tiles at district zoom, and the buildings of a grid at street zoom', async () => {
    const tileRequests: string[] = []
    s.page.on('request', (r) => {
      if (r.url().includes('/api/tiles/')) tileRequests.push(r.url())
    })
    expect(tileRequests.filter((u) => u.includes('/api/tiles/buildings/'))).toEqual([])
    const grid = ((await (await fetch(`${s.app.url}/api/grids?limit=1`)).json()) as GridPage).features[0]
    const ring = outerRing(grid.geometry)
    const centre: [number, number] = [
      ring.reduce((t, p) => t + p[0], 0) / ring.length,
      ring.reduce((t, p) => t + p[1], 0) / ring.length,
    ]
    await s.page.evaluate((c) => window.__wangge!.map!.jumpTo({ center: c, zoom: 15.5 }), centre)
    await s.page.waitForFunction(
      () => {
        const map = window.__wangge!.map!
        return map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['buildings'] }).length > 0
      },
      undefined,
      { timeout: 30_000 },
    )
    const drawn = await s.page.evaluate(() =>
      window.__wangge!.map!.queryRenderedFeatures({ layers: ['buildings'] }).map((f) => ({
        id: f.id as number,
        communityCode: f.properties.communityCode as string,
      })),
    )
    expect(drawn.length).toBeGreaterThan(10)
    expect(tileRequests.length).toBeGreaterThan(0)
    // the buildings' tiles only at street zoom; every tile from our own origin
    expect(tileRequests.some((u) => u.startsWith(`${s.app.url}/api/tiles/buildings/`))).toBe(true)
    expect(tileRequests.every((u) => u.startsWith(`${s.app.url}/api/tiles/`))).toBe(true)
    // the grid's own community is among the buildings drawn around its centre
    expect(drawn.some((b) => b.communityCode === grid.properties.communityCode)).toBe(true)
    expect(s.foreignRequests).toEqual([])
  })
})
