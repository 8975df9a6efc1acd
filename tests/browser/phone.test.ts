// Issue 14, small screens: on a 390×844 phone the map keeps most of the screen (the panels fold
// behind one button), the page never scrolls sideways, the selected feature opens as a bottom sheet
// and wide tables scroll inside their panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage } from '../../core/api'
import { type BrowserSession, imageStats, openApp } from '../support/browser'

const W = 390
const H = 844
let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/', { width: W, height: H })
  await s.page.waitForFunction(() => window.__wangge !== undefined, undefined, { timeout: 120_000 })
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

/** Share of the screen covered by visible panels (their union, sampled on a 10 px lattice). */
const coveredShare = () =>
  s.page.evaluate(
    ({ w, h }) => {
      const rects = [...document.querySelectorAll('.panel')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => el.getBoundingClientRect())
      let covered = 0
      let total = 0
      for (let x = 5; x < w; x += 10)
        for (let y = 5; y < h; y += 10) {
          total++
          if (rects.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) covered++
        }
      return covered / total
    },
    { w: W, h: H },
  )

const noSideways = () => s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe('the map on a 390×844 phone', () => {
  it('keeps most of the screen for the map, panels folded behind one button', async () => {
    // the district is drawn below the header, not fitted off screen
    const below = { x: 0, y: Math.round(H * 0.35), width: W, height: Math.round(H * 0.6) }
    const stats = await imageStats(s.page, await s.page.screenshot({ clip: below }))
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.15)
    expect(await coveredShare()).toBeLessThan(0.4)
    expect(await noSideways()).toBe(true)
    await expect(s.page.getByTestId('legend').isVisible()).resolves.toBe(false)
    // unfolded: the legend is there and the column stays on screen, scrolling inside itself
    await s.page.getByTestId('panels-toggle').click()
    await s.page.getByTestId('legend').waitFor({ state: 'attached' })
    const column = (await s.page.getByTestId('left-column').boundingBox())!
    expect(column.y + column.height).toBeLessThanOrEqual(H)
    expect(column.x + column.width).toBeLessThanOrEqual(W)
    await s.page.getByTestId('panels-toggle').click()
    await expect(s.page.getByTestId('legend').isVisible()).resolves.toBe(false)
  })

  it('opens a found community as a bottom sheet whose tables scroll inside it', async () => {
    const community = ((await (await fetch(`${s.app.url}/api/communities?limit=1&offset=30`)).json()) as CommunityPage)
      .features[0]
    await s.page.getByTestId('search-input').fill(community.properties.name.slice(0, 4))
    const hit = s.page
      .locator('[data-testid="search-hit"][data-kind="community"]', { hasText: community.properties.name })
      .first()
    await hit.waitFor({ timeout: 60_000 })
    await hit.click()
    await expect(s.page.getByTestId('panel-title').textContent()).resolves.toBe(community.properties.name)
    const sheet = (await s.page.getByTestId('side-panel').boundingBox())!
    // a bottom sheet at most 40% high, full width, the map above it free
    expect(sheet.y + sheet.height).toBeGreaterThanOrEqual(H - 1)
    expect(sheet.height).toBeLessThanOrEqual(0.4 * H + 1)
    expect(sheet.width).toBeLessThanOrEqual(W)
    expect(await coveredShare()).toBeLessThan(0.7)
    // every table in a panel stays inside it (scrolling sideways there, not the page)
    const tables = await s.page
      .locator('.panel table')
      .evaluateAll((els) =>
        els.map((el) => ({ right: el.getBoundingClientRect().right, overflow: getComputedStyle(el).overflowX })),
      )
    for (const t of tables) {
      expect(t.right).toBeLessThanOrEqual(W + 1)
      expect(t.overflow).toBe('auto')
    }
    expect(await noSideways()).toBe(true)
  })
})
