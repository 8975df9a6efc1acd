// Issue 5 acceptance for the equalization panel (/equity) in headless Chromium: the urban vs rural
// comparison shows the API's figures for the chosen indicator, street and scenario; a click on a
// community shows its scorecard as the API rates it; the exports point at the API; no request
// leaves our origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison, Scorecard, StreetPage } from '../../core/api'
import { type BrowserSession, imageStats, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/equity')
  await s.page.getByTestId('equity-compare').waitFor({ timeout: 60_000 })
})
afterAll(() => s?.close())

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${s.app.url}${path}`)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const value = (id: string) => s.page.getByTestId(id).getAttribute('data-value').then(Number)

/** Waits until the panel shows the comparison of this indicator and scenario, then checks it against the API. */
async function expectPanelToShow(indicator: string, scenario: string, street: string | null) {
  await s.page.waitForSelector(
    `[data-testid="equity-compare"][data-indicator="${indicator}"][data-scenario="${scenario}"]`,
    { timeout: 30_000 },
  )
  const q = new URLSearchParams({ indicator, scenario, ...(street ? { street } : {}) })
  const cmp = await api<Comparison>(`/api/equity/compare?${q}`)
  // the panel may still hold the previous street's figures for a moment: wait for the count
  await s.page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="equity-urban-count"]')?.getAttribute('data-value')) === n,
    cmp.groups.urban?.count ?? 0,
    { timeout: 30_000 },
  )
  if (cmp.groups.urban) expect(await value('equity-urban-median')).toBeCloseTo(cmp.groups.urban.median, 9)
  if (cmp.groups.rural) expect(await value('equity-rural-median')).toBeCloseTo(cmp.groups.rural.median, 9)
  expect(await value('equity-rural-count')).toBe(cmp.groups.rural?.count ?? 0)
  expect(await value('equity-gini')).toBeCloseTo(cmp.gini, 9)
  expect(await value('equity-weighted-gini')).toBeCloseTo(cmp.weightedGini, 9)
  expect(await value('equity-theil-between')).toBeCloseTo(cmp.theil.between, 9)
  expect(await value('equity-theil-within')).toBeCloseTo(cmp.theil.within, 9)
  // the shown text is the same figure, formatted
  const shown = await s.page.getByTestId('equity-gini').textContent()
  expect(Number(shown)).toBeCloseTo(cmp.gini, 3)
}

describe('the equalization panel', () => {
  it('shows the API’s urban/rural comparison of the default indicator, in Chinese', async () => {
    await expectPanelToShow('coverage_share:tier:5min', 'as-is', null)
    await expect(s.page.getByTestId('equity-compare').textContent()).resolves.toContain('城镇社区')
    const box = await s.page.getByTestId('equity-map').boundingBox()
    const stats = await imageStats(s.page, await s.page.screenshot({ clip: box! }))
    expect(stats.colours).toBeGreaterThan(5)
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.15)
  })

  it('follows the indicator picker, the street filter and the scenario switch', async () => {
    await s.page.getByTestId('equity-indicator').selectOption('workers_per_10k_residents')
    await expectPanelToShow('workers_per_10k_residents', 'as-is', null)
    const streets = await api<StreetPage>('/api/streets')
    // a street with both communities and villages, when there is one
    const table = await api<{ rows: { streetCode: string; kind: string }[] }>('/api/equity/indicators')
    const mixed = streets.features.find((f) => {
      const kinds = new Set(table.rows.filter((r) => r.streetCode === f.properties.code).map((r) => r.kind))
      return kinds.size === 2
    })
    const street = (mixed ?? streets.features[0]).properties.code
    await s.page.getByTestId('equity-street').selectOption(street)
    await expectPanelToShow('workers_per_10k_residents', 'as-is', street)
    await s.page.getByTestId('equity-street').selectOption('')
    await s.page.getByTestId('equity-indicator').selectOption('coverage_share:tier:15min')
    await s.page.getByTestId('equity-scenario-with-planned').click()
    await expectPanelToShow('coverage_share:tier:15min', 'with-planned', null)
    const gap = s.page.getByTestId('equity-plan-gap')
    const asIs = await api<Comparison>('/api/equity/compare?indicator=coverage_share:tier:15min')
    expect(Number(await gap.getAttribute('data-before'))).toBeCloseTo(asIs.theil.between, 9)
    await s.page.getByTestId('equity-scenario-as-is').click()
  })

  it('shows a clicked community’s scorecard as the API rates it', async () => {
    const box = (await s.page.getByTestId('equity-map').boundingBox())!
    // the district's urban core sits a little right of the map's middle
    await s.page.mouse.click(box.x + box.width * 0.52, box.y + box.height * 0.45)
    const card = s.page.getByTestId('equity-scorecard')
    await card.waitFor({ timeout: 30_000 })
    const code = (await card.getAttribute('data-code'))!
    const api1 = await api<Scorecard>(`/api/equity/scorecard/${code}`)
    expect(await card.getAttribute('data-stars')).toBe(String(api1.stars ?? ''))
    await expect(card.textContent()).resolves.toContain(api1.name)
    if (api1.pullingDown.length > 0)
      expect(await card.locator('.pulling-down li').count()).toBe(api1.pullingDown.length)
  })

  it('links the CSV and the printable report to the API, for the current filters', async () => {
    const csv = await s.page.getByTestId('equity-csv').getAttribute('href')
    expect(csv).toMatch(/^\/api\/equity\/indicators\.csv\?/)
    const res = await fetch(`${s.app.url}${csv}`)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/)
    const report = await s.page.getByTestId('equity-report').getAttribute('href')
    expect(report).toMatch(/^\/report\?/)
    expect((await fetch(`${s.app.url}${report}`)).status).toBe(200)
  })

  it('makes no request outside its own origin and logs no errors', () => {
    expect(s.foreignRequests).toEqual([])
    expect(s.errors).toEqual([])
  })
})
