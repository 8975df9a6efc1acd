// Issue 5 acceptance for the wall display (/wall) in headless Chromium at 3840×2160: map and KPI
// tiles render (the map area is not blank), the tiles show the API's figures, edits saved through
// the API (a facility, a grid edit) appear within 2 s, the wall reconnects by itself after a
// server restart, and nothing is requested outside our origin.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WallGaps, WallKpis } from '../../core/api'
import { buildApp } from '../../server/app'
import { type BrowserSession, imageStats, openApp } from '../support/browser'

const LIVE_BUDGET_MS = 2000
let s: BrowserSession
let restarted: FastifyInstance | null = null
let base = ''

beforeAll(async () => {
  s = await openApp('/wall?cycle=0&page=2', { width: 3840, height: 2160 })
  base = s.app.url
  await s.page.waitForFunction(() => window.__wanggeWall !== undefined)
  // loaded and drawn; on failure say how far the wall got (a slow software-GL frame at 4K, or no data)
  try {
    await s.page.waitForFunction(
      () =>
        Promise.race([
          window.__wanggeWall!.ready.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 100)),
        ]),
      null,
      { timeout: 150_000, polling: 500 },
    )
    await s.page.waitForFunction(() => window.__wanggeWall!.getStatus() === 'live', null, { timeout: 30_000 })
    // and the grids are on screen (software GL at 4K can take a few frames)
    await s.page.waitForFunction(() => window.__wanggeWall!.getRenderedGridCount() > 100, null, {
      timeout: 60_000,
      polling: 1000,
    })
  } catch (error) {
    const state = await s.page.evaluate(() => ({
      status: window.__wanggeWall!.getStatus(),
      kpis: window.__wanggeWall!.getKpis() !== null,
      lastChange: window.__wanggeWall!.getLastChange(),
      error: document.querySelector('.wall-error')?.textContent ?? null,
    }))
    throw new Error(
      `the wall did not get ready: ${JSON.stringify(state)}; page errors: ${s.errors.join(' | ')}; ${error}`,
    )
  }
})
afterAll(async () => {
  await restarted?.close()
  await s?.close()
})

const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(`${base}${path}`, init)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const post = <T>(path: string, body: unknown) =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const tileValue = (id: string) => s.page.getByTestId(`kpi-${id}`).getAttribute('data-value').then(Number)

/** Waits until the wall's tile shows a value other than `before`; returns the ms it took from `since` (the save's answer). */
async function waitForTileChange(id: string, before: number, since: number) {
  await s.page.waitForFunction(
    ({ id, before }) =>
      Number(document.querySelector(`[data-testid="kpi-${id}"]`)?.getAttribute('data-value')) !== before,
    { id, before },
    { timeout: 10_000, polling: 50 },
  )
  return Date.now() - since
}

describe('the wall at 3840×2160', () => {
  it('renders the district map (not blank) and the KPI tiles', async () => {
    const health = await api<{ world: { grids: number } }>('/api/health')
    const rendered = await s.page.evaluate(() => window.__wanggeWall!.getRenderedGridCount())
    expect(rendered).toBeGreaterThan(health.world.grids / 4)
    const box = await s.page.getByTestId('wall-map').boundingBox()
    expect(box!.width).toBeGreaterThan(1800)
    const stats = await imageStats(s.page, await s.page.screenshot({ clip: box! }))
    expect(stats.colours).toBeGreaterThan(20)
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.2)
    await expect(s.page.getByTestId('kpi-households').isVisible()).resolves.toBe(true)
    // readable from across the room: the tile figures are large at 4K
    const fontPx = await s.page
      .locator('[data-testid="kpi-households"] .wall-tile-value')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(60)
  })

  it('shows the figures of /api/wall/kpis', async () => {
    const kpis = await api<WallKpis>('/api/wall/kpis')
    expect(await tileValue('households')).toBe(kpis.households)
    expect(await tileValue('grids')).toBe(kpis.grids)
    expect(await tileValue('below-workers')).toBe(kpis.communitiesBelowWorkerNorm)
    expect(await tileValue('in-band')).toBeCloseTo(kpis.gridsInBandShare, 9)
    expect(await tileValue('gap')).toBeCloseTo(kpis.gap.theilBetween, 9)
    const station = kpis.coverage.find((c) => c.typeCode === 'community_service_station')!
    expect(await tileValue('coverage-community_service_station')).toBe(station.coveredHouseholds)
    expect(await s.page.getByTestId('wall-alarms').getAttribute('data-count')).toBe(String(kpis.alarms.length))
  })

  it('shows every alarm at 4K, paging when the column is full, each numbered as its marker on the map', async () => {
    const list = s.page.getByTestId('wall-alarms')
    const count = Number(await list.getAttribute('data-count'))
    const pages = Number(await list.getAttribute('data-pages'))
    expect(count).toBeGreaterThan(0)
    const column = (await s.page.locator('.wall-side').boundingBox())!
    const seen = new Set<number>()
    let fullPageBottom = 0
    for (let p = 1; p <= pages; p++) {
      await s.page.waitForFunction(
        (p) => document.querySelector('[data-testid="wall-alarms"]')?.getAttribute('data-page') === String(p),
        p,
        {
          timeout: 10_000,
          polling: 100,
        },
      )
      const rows = await s.page.locator('[data-alarm-index]').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect()
          return {
            index: Number((el as HTMLElement).dataset.alarmIndex),
            top: r.top,
            bottom: r.bottom,
            number: el.querySelector('.wall-alarm-no')?.textContent,
          }
        }),
      )
      for (const row of rows) {
        // every shown row is whole and on screen, numbered from 1
        expect(row.bottom).toBeLessThanOrEqual(column.y + column.height + 1)
        expect(row.number).toBe(String(row.index + 1))
        seen.add(row.index)
      }
      if (p < pages) fullPageBottom = Math.max(fullPageBottom, ...rows.map((r) => r.bottom))
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i))
    // a full page fills the column: no more than two rows' height left empty below it
    if (pages > 1) expect(column.y + column.height - fullPageBottom).toBeLessThan(200)
    // the alarms are on the map as numbered markers, and the map has place labels and a legend
    const kpis = await s.page.evaluate(() => window.__wanggeWall!.getKpis()!)
    const located = kpis.alarms.filter((a) => a.lngLat !== null).length
    expect(await s.page.evaluate(() => window.__wanggeWall!.getLayerSize('wall-alarm-markers'))).toBe(located)
    expect(await s.page.evaluate(() => window.__wanggeWall!.getLayerSize('wall-place-labels'))).toBe(
      (await api<{ features: unknown[] }>('/api/streets')).features.length,
    )
    await expect(s.page.getByTestId('wall-legend').isVisible()).resolves.toBe(true)
    // the scale bar reads from across the room
    const scale = await s.page.locator('.maplibregl-ctrl-scale').evaluate((el) => ({
      font: Number.parseFloat(getComputedStyle(el).fontSize),
      width: el.getBoundingClientRect().width,
    }))
    expect(scale.font).toBeGreaterThanOrEqual(24)
    expect(scale.width).toBeGreaterThan(100)
  })

  it(`shows a facility saved through the API within ${LIVE_BUDGET_MS} ms`, async () => {
    const gaps = await api<WallGaps>('/api/wall/gaps')
    const before = await tileValue('coverage-community_service_station')
    const t0 = Date.now()
    await post('/api/facilities', {
      typeCode: 'community_service_station',
      name: '墙面测试党群服务中心',
      lngLat: [gaps.lng[0], gaps.lat[0]],
      floorAreaM2: 400,
      activityAreaM2: 300,
      author: 'wall-browser-test',
      reason: 'issue 5: live wall',
    })
    const t = Date.now()
    const ms = await waitForTileChange('coverage-community_service_station', before, t)
    console.log(`facility: saved in ${t - t0} ms, on the wall ${ms} ms after`)
    expect(ms).toBeLessThan(LIVE_BUDGET_MS)
    expect(await tileValue('coverage-community_service_station')).toBeGreaterThan(before)
  })

  it(`shows a grid edit saved through the API within ${LIVE_BUDGET_MS} ms`, async () => {
    // a community with two grids: move one unit of the first into the second
    const grids = await api<{ features: { properties: { id: number; communityCode: string } }[] }>(
      '/api/grids?limit=5000',
    )
    const counts = new Map<string, number>()
    for (const g of grids.features)
      counts.set(g.properties.communityCode, (counts.get(g.properties.communityCode) ?? 0) + 1)
    const code = [...counts].find(([, n]) => n >= 2)![0]
    const community = await api<{
      community: { editVersion: number }
      units: { features: { id: number; properties: { id: number; gridId: number | null; households: number } }[] }
    }>(`/api/communities/${code}/units`)
    const units = community.units.features.map((f) => f.properties).filter((u) => u.gridId !== null && u.households > 0)
    const from = units[0]
    const to = units.find((u) => u.gridId !== from.gridId)!.gridId!
    const before = await s.page.evaluate((c) => window.__wanggeWall!.getCommunityGrids(c), code)
    const t0 = Date.now()
    await post(`/api/communities/${code}/edits`, {
      editVersion: community.community.editVersion,
      author: 'wall-browser-test',
      reason: 'issue 5: live wall',
      ops: [{ kind: 'moveUnits', unitIds: [from.id], toGrid: to }],
    })
    const t = Date.now()
    await s.page.waitForFunction(
      ({ c, before }) => JSON.stringify(window.__wanggeWall!.getCommunityGrids(c)) !== before,
      { c: code, before: JSON.stringify(before) },
      { timeout: 10_000, polling: 50 },
    )
    const ms = Date.now() - t
    console.log(`grid edit: saved in ${t - t0} ms, on the wall ${ms} ms after`)
    expect(ms).toBeLessThan(LIVE_BUDGET_MS)
    // the change is on the map, not only in a footnote: its community highlighted, a banner naming it
    await s.page.waitForFunction(() => window.__wanggeWall!.getLayerSize('wall-changed-communities') === 1, null, {
      timeout: 5_000,
    })
    await expect(s.page.getByTestId('wall-change-banner').textContent()).resolves.toMatch(/网格调整/)
    // the wall now shows what the grids API says
    const after = await api<{ features: { properties: { id: number; households: number } }[] }>(
      `/api/grids?community=${code}`,
    )
    const shown = await s.page.evaluate((c) => window.__wanggeWall!.getCommunityGrids(c), code)
    expect(shown).toEqual(
      after.features
        .map((f) => ({ id: f.properties.id, households: f.properties.households }))
        .sort((a, b) => a.id - b.id),
    )
  })

  it('reconnects by itself after a server restart and keeps showing edits', async () => {
    const port = (s.app.app.server.address() as AddressInfo).port
    const reconnects = (await s.page.evaluate(() => window.__wanggeWall!.getLastChange()?.count)) ?? 0
    await s.app.app.close()
    await s.page.waitForFunction(() => window.__wanggeWall!.getStatus() !== 'live', null, { timeout: 10_000 })
    restarted = await buildApp({ database: s.app.database, logLevel: 'silent' })
    await restarted.listen({ port, host: '127.0.0.1' })
    await s.page.waitForFunction(() => window.__wanggeWall!.getStatus() === 'live', null, { timeout: 15_000 })
    // after the reconnect the wall refetched everything
    await s.page.waitForFunction((n) => (window.__wanggeWall!.getLastChange()?.count ?? 0) > n, reconnects, {
      timeout: 10_000,
    })
    const gaps = await api<WallGaps>('/api/wall/gaps')
    const before = await tileValue('coverage-community_service_station')
    const t0 = Date.now()
    await post('/api/facilities', {
      typeCode: 'community_service_station',
      name: '重连测试党群服务中心',
      lngLat: [gaps.lng[0], gaps.lat[0]],
      author: 'wall-browser-test',
      reason: 'issue 5: after restart',
    })
    const t = Date.now()
    const ms = await waitForTileChange('coverage-community_service_station', before, t)
    console.log(`after restart: facility saved in ${t - t0} ms, on the wall ${ms} ms after`)
    expect(ms).toBeLessThan(LIVE_BUDGET_MS)
  })

  it('makes no request outside its own origin', () => {
    expect(s.foreignRequests).toEqual([])
    // the restart makes the browser log failed EventSource/fetch attempts; nothing else
    expect(s.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|EventSource/i.test(e))).toEqual([])
  })
})
