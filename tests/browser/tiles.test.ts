// Issue 10: the map draws the buildings from the server's vector tiles at street zoom, only
// from our own origin, and what it drew are the buildings of that place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GridPage } from '../../core/api'
import { type BrowserSession, openApp } from '../support/browser'
import { outerRing } from '../support/geometry'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/')
  await s.page.waitForFunction(() => window.__wangge !== undefined)
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

describe('the map from tiles', () => {
  it('draws no building tiles at district zoom, and the buildings of a grid at street zoom', async () => {
    const tileRequests: string[] = []
    s.page.on('request', (r) => {
      if (r.url().includes('/api/tiles/')) tileRequests.push(r.url())
    })
    expect(tileRequests).toEqual([])
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
    expect(tileRequests.every((u) => u.startsWith(`${s.app.url}/api/tiles/buildings/`))).toBe(true)
    // the grid's own community is among the buildings drawn around its centre
    expect(drawn.some((b) => b.communityCode === grid.properties.communityCode)).toBe(true)
    expect(s.foreignRequests).toEqual([])
  })
})
