// Issue 2 acceptance in a real headless Chromium: the page loads, the grid layer has rendered
// features, and clicking a grid shows the same household count that the API returns for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GridProps } from '../../core/api'
import { type BrowserSession, imageStats, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/')
  await s.page.waitForFunction(() => window.__wangge !== undefined)
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

/** "12,345 户" → 12345 */
const toNumber = (text: string) => Number(text.replace(/[^\d.-]/g, ''))

describe('the map', () => {
  it('renders the district: hundreds of grids drawn, a legend, Chinese labels', async () => {
    const health = await (await fetch(`${s.app.url}/api/health`)).json()
    // deck.gl may need a few frames after `ready` on a busy machine: wait for the drawn grids
    await s.page
      .waitForFunction((min) => window.__wangge!.getRenderedGridCount() > min, health.world.grids / 4, {
        timeout: 30_000,
      })
      .catch(() => {})
    const rendered = await s.page.evaluate(() => window.__wangge!.getRenderedGridCount())
    expect(rendered).toBeGreaterThan(health.world.grids / 4)
    await expect(s.page.getByTestId('legend').textContent()).resolves.toContain('300')
    expect(await s.page.evaluate(() => window.__wangge!.getLanguage())).toBe('zh')
    const stats = await imageStats(s.page, await s.page.screenshot())
    expect(stats.colours).toBeGreaterThan(20)
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.2)
  })

  it('shows, for a clicked grid, the household count the API returns for it', async () => {
    const page = await (await fetch(`${s.app.url}/api/grids?limit=5000`)).json()
    // the largest grid by households is easy to hit at district zoom
    const target = (page.features as { properties: GridProps }[])
      .map((f) => f.properties)
      .sort((a, b) => b.households - a.households)[0]
    const point = await s.page.evaluate((id) => window.__wangge!.getGridScreenPoint(id), target.id)
    expect(point).not.toBeNull()
    const picked = await s.page.evaluate(({ x, y }) => window.__wangge!.pickGridAt(x, y), point!)
    expect(picked).not.toBeNull()
    await s.page.mouse.click(point!.x, point!.y)
    await s.page.getByTestId('side-panel').waitFor()
    const shown = toNumber((await s.page.getByTestId('panel-households').textContent()) ?? '')
    const api = await (await fetch(`${s.app.url}/api/grids/${picked!.id}`)).json()
    expect(shown).toBe(api.properties.households)
    await expect(s.page.getByTestId('panel-code').textContent()).resolves.toContain(api.properties.code)
  })

  it('switches to English and back', async () => {
    await s.page.getByTestId('lang-en').click()
    expect(await s.page.evaluate(() => window.__wangge!.getLanguage())).toBe('en')
    await expect(s.page.getByTestId('legend').textContent()).resolves.toMatch(/household/i)
    await s.page.getByTestId('lang-zh').click()
    expect(await s.page.evaluate(() => window.__wangge!.getLanguage())).toBe('zh')
  })

  it('makes no request outside its own origin and logs no errors', () => {
    expect(s.foreignRequests).toEqual([])
    expect(s.errors).toEqual([])
  })
})
