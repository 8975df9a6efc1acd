// The wall display at 1920×1080: map drawn, every KPI tile and the alarm heading inside the
// viewport and the side column, the tour moves on by itself (?cycle=5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserSession, imageStats, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/wall?cycle=5', { width: 1920, height: 1080 })
  await s.page.waitForFunction(() => window.__wanggeWall !== undefined)
  await s.page.waitForFunction(() => window.__wanggeWall!.getRenderedGridCount() > 100, null, {
    timeout: 120_000,
    polling: 1000,
  })
})
afterAll(() => s?.close())

describe('the wall at 1920×1080', () => {
  it('draws the map and fits every tile in the side column', async () => {
    const map = (await s.page.getByTestId('wall-map').boundingBox())!
    const stats = await imageStats(s.page, await s.page.screenshot({ clip: map }))
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.2)
    const tiles = await s.page.locator('.wall-tile').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
      }),
    )
    expect(tiles.length).toBeGreaterThanOrEqual(9)
    for (const t of tiles) {
      expect(t.left).toBeGreaterThanOrEqual(map.x + map.width - 1)
      expect(t.right).toBeLessThanOrEqual(1920)
      expect(t.bottom).toBeLessThanOrEqual(1080)
    }
    // every tile title is whole at 1080p (at most two lines, none cut off)
    const cut = await s.page
      .locator('.wall-tile-label')
      .evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent))
    expect(cut).toEqual([])
    const fontPx = await s.page
      .locator('[data-testid="kpi-households"] .wall-tile-value')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(32)
  })

  it('tours the streets on its own', async () => {
    const first = await s.page.evaluate(() => window.__wanggeWall!.getStop())
    await s.page.waitForFunction((f) => window.__wanggeWall!.getStop() !== f, first, { timeout: 15_000 })
    const street = await s.page.evaluate(() => window.__wanggeWall!.getStop())
    expect(street).toMatch(/^\d{9}$/)
    // the tiles follow the street
    await s.page.waitForFunction((code) => window.__wanggeWall!.getKpis()?.street === code, street, { timeout: 15_000 })
    expect(s.foreignRequests).toEqual([])
    expect(s.errors).toEqual([])
  })
})
