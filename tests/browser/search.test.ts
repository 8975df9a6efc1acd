// Find anything (找地方) in a real headless Chromium: by name, by pinyin initials and by a grid's
// 15-digit code, the hit is flown to, selected and outlined until the next selection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, GridPage } from '../../core/api'
import { pinyinInitials } from '../../core/domain/search/search-index'
import { type BrowserSession, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/', { width: 1440, height: 900 })
  await s.page.waitForFunction(() => window.__wangge !== undefined, undefined, { timeout: 120_000 })
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

const api = async <T>(path: string) => (await fetch(`${s.app.url}${path}`)).json() as Promise<T>

/** Types a query, waits for the hits and clicks the one of `kind` named `name`. */
async function findAndPick(query: string, kind: string, name: string) {
  const input = s.page.getByTestId('search-input')
  await input.fill('')
  await input.fill(query)
  const hit = s.page.locator(`[data-testid="search-hit"][data-kind="${kind}"]`, { hasText: name }).first()
  await hit.waitFor({ timeout: 60_000 })
  await hit.click()
}

/** Waits until the map's view lies inside (zoomed in on) the box and contains its centre. */
async function expectViewOn(bbox: [number, number, number, number]) {
  await s.page.waitForFunction(
    (box) => {
      const map = window.__wangge!.map!
      if (map.isMoving()) return false
      const b = map.getBounds()
      const [cx, cy] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]
      return b.contains([cx, cy]) && b.getEast() - b.getWest() < 0.5
    },
    bbox,
    { timeout: 60_000 },
  )
}

describe('find anything', () => {
  it('finds a community by name: flies there, opens it and outlines it', async () => {
    const community = (await api<CommunityPage>('/api/communities?limit=1&offset=30')).features[0]
    await findAndPick(community.properties.name.slice(0, 4), 'community', community.properties.name)
    await expect(s.page.getByTestId('panel-title').textContent()).resolves.toBe(community.properties.name)
    expect(await s.page.evaluate(() => window.__wangge!.getSelection())).toEqual({
      kind: 'community',
      code: community.properties.code,
    })
    expect(await s.page.evaluate(() => window.__wangge!.getOutlined())).toEqual({
      type: 'MultiPolygon',
      name: community.properties.name,
    })
    const coords = community.geometry.coordinates.flat(2)
    await expectViewOn([
      Math.min(...coords.map((c) => c[0])),
      Math.min(...coords.map((c) => c[1])),
      Math.max(...coords.map((c) => c[0])),
      Math.max(...coords.map((c) => c[1])),
    ])
  })

  it('finds a community by its pinyin initials', async () => {
    const community = (await api<CommunityPage>('/api/communities?limit=1&offset=12')).features[0].properties
    await findAndPick(pinyinInitials(community.name), 'community', community.name)
    expect(await s.page.evaluate(() => window.__wangge!.getSelection())).toEqual({
      kind: 'community',
      code: community.code,
    })
    await expect(s.page.getByTestId('panel-title').textContent()).resolves.toBe(community.name)
  })

  it('finds a grid by its 15-digit code; the next selection ends the highlight', async () => {
    const grid = (await api<GridPage>('/api/grids?limit=1&offset=200')).features[0]
    await findAndPick(grid.properties.code, 'grid', grid.properties.name)
    expect(await s.page.evaluate(() => window.__wangge!.getSelection())).toEqual({
      kind: 'grid',
      id: grid.properties.id,
    })
    await expect(s.page.getByTestId('panel-code').textContent()).resolves.toContain(grid.properties.code)
    expect(await s.page.evaluate(() => window.__wangge!.getOutlined())).toMatchObject({ name: grid.properties.name })
    // the map flew there: the grid lies on screen, in a view zoomed in on it
    await s.page.waitForFunction(
      (id) => {
        const w = window.__wangge!
        if (w.map!.isMoving()) return false
        const point = w.getGridScreenPoint(id)
        return point !== null && point.x > 0 && point.x < innerWidth && point.y > 0 && point.y < innerHeight
      },
      grid.properties.id,
      { timeout: 60_000 },
    )
    expect(await s.page.evaluate(() => window.__wangge!.map!.getZoom())).toBeGreaterThan(12)

    await s.page.evaluate(() => window.__wangge!.select(null))
    await s.page.waitForFunction(() => window.__wangge!.getOutlined() === null)
  })

  it('says so when nothing matches, and logs no errors', async () => {
    await s.page.getByTestId('search-input').fill('不存在的地方名称')
    await s.page.getByText('没有找到').waitFor({ timeout: 60_000 })
    expect(s.errors).toEqual([])
    expect(s.foreignRequests).toEqual([])
  })
})
