// Norms are data: after PUT /api/settings sets the household target to 250 and the tolerance to
// 15% (and the staffing norm to 20), every place that states or applies them says so — the API,
// the legend on the map, the grid editor, the wall and the printable report — and none of them
// still shows the default 300 ± 20% (240–360).
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, CommunityUnits, GridPage, Settings, WallKpis } from '../../core/api'
import { webBuildDir } from '../../scripts/ensure-web-build'
import { launchBrowser } from '../support/browser'
import { startTestApp } from '../support/test-database'

let app: Awaited<ReturnType<typeof startTestApp>>
let browser: Browser
let page: Page
const errors: string[] = []

const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(`${app.url}${path}`, init)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

beforeAll(async () => {
  // the browser tests' build of the client, with its hooks on window (as openApp serves it)
  app = await startTestApp({ listen: true, webRoot: webBuildDir({ testHooks: true }) })
  await api<Settings>('/api/settings', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      'grid.household_target': 250,
      'grid.household_tolerance': 0.15,
      'staffing.workers_per_10k_urban': 20,
    }),
  })
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
  page.on('pageerror', (e) => errors.push(e.message))
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const BAND = '213–287' // the whole numbers of households within 250 ± 15% (212.5 … 287.5)

describe('a changed household target and tolerance', () => {
  it('are served by the API and applied to every grid', async () => {
    expect(await api<Settings>('/api/settings')).toMatchObject({
      'grid.household_target': 250,
      'grid.household_tolerance': 0.15,
    })
    const grids = await api<GridPage>('/api/grids?limit=5000')
    for (const { properties: g } of grids.features) {
      expect(g.targetHouseholds).toBe(250)
      expect(g.deviation).toBeCloseTo((g.households - 250) / 250, 6)
      expect(g.inBand).toBe(g.households >= 213 && g.households <= 287)
    }
    expect((await api<WallKpis>('/api/wall/kpis')).householdBand).toEqual([212.5, 287.5])
  })

  it('show in the legend on the map', async () => {
    await page.goto(`${app.url}/`)
    const legend = page.getByTestId('legend-band')
    await expect.poll(() => legend.textContent(), { timeout: 60_000 }).toContain(BAND)
    const text = await page.getByTestId('legend').textContent()
    expect(text).toContain('250 户 ±15%')
    expect(text).toContain('目标 250 户/网格')
    expect(text).not.toContain('240–360')
  })

  it('judge the community panel against the staffing norm in force (20 per 10,000, not 18)', async () => {
    await page.waitForFunction(() => window.__wangge !== undefined)
    await page.evaluate(() => window.__wangge!.ready)
    const communities = (await api<CommunityPage>('/api/communities?limit=5000')).features.map((f) => f.properties)
    const between = communities.find((c) => c.workersPer10k >= 18.5 && c.workersPer10k < 19.5)!
    const above = communities.find((c) => c.workersPer10k >= 21)!
    for (const [community, tone] of [
      [between, 'tone-bad'],
      [above, 'tone-good'],
    ] as const) {
      await page.evaluate((code) => window.__wangge!.select({ kind: 'community', code }), community.code)
      const figure = page.getByTestId('panel-workers-per-10k')
      await expect.poll(() => page.getByTestId('panel-title').textContent()).toBe(community.name)
      expect(await figure.getAttribute('class'), `${community.name}: ${community.workersPer10k}`).toBe(tone)
    }
  })

  it('show in the grid editor, which judges every grid against them', { timeout: 180_000 }, async () => {
    const communities = (await api<CommunityPage>('/api/communities?limit=5000')).features.map((f) => f.properties)
    const community = communities.filter((c) => c.gridCount >= 3).sort((a, b) => b.gridCount - a.gridCount)[0]
    const data = await api<CommunityUnits>(`/api/communities/${community.code}/units`)
    await page.goto(`${app.url}/?edit=${community.code}`)
    await page.waitForFunction(() => window.__wangge?.editor?.loaded === true, null, { timeout: 120_000 })
    const band = await page.getByTestId('edit-band').textContent()
    expect(band).toContain(BAND)
    expect(band).toContain('250 户 ±15%')
    for (const g of data.grids) {
      const inBand = g.households >= 213 && g.households <= 287
      const cell = page.locator(`[data-testid=edit-grid-${g.id}] td`).nth(3)
      expect(await cell.getAttribute('class'), `grid ${g.code}: ${g.households} households`).toBe(
        inBand ? 'tone-good' : 'tone-bad',
      )
    }
    const outOfBand = await page.getByTestId('integrity-out-of-band').allTextContents()
    expect(outOfBand.length).toBe(data.grids.filter((g) => g.households < 213 || g.households > 287).length)
    for (const line of outOfBand) expect(line).toContain(`不在 ${BAND} 之间`)
  })

  it('show on the wall, with the staffing norm', { timeout: 180_000 }, async () => {
    await page.goto(`${app.url}/wall?cycle=0`)
    const tile = page.getByTestId('kpi-in-band')
    await expect.poll(() => tile.textContent(), { timeout: 120_000 }).toContain(BAND)
    expect(await tile.textContent()).toContain('250 ±15%')
    const workers = await page.getByTestId('kpi-below-workers').textContent()
    expect(workers).toContain('每万人不足 20 名')
    expect(workers).not.toContain('18 名')
  })

  it('are stated in the printable report', async () => {
    await page.goto(`${app.url}/report`)
    const norms = await page.getByTestId('report-norms').textContent()
    expect(norms).toContain(`每网格 250 户 ±15%（${BAND} 户为达标）`)
    expect(norms).toContain('社区工作者不少于 20 名')
    expect(errors).toEqual([])
  })
})
