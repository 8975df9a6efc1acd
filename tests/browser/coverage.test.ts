// Issue 4 acceptance in headless Chromium: in the coverage mode, drag a facility on the map; the
// gap layer and the community's coverage share change, and the share shown is the one the API gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoverageSummary, FacilityPage } from '../../core/api'
import { type BrowserSession, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/')
  await s.page.waitForFunction(() => window.__wangge !== undefined)
  await s.page.evaluate(() => window.__wangge!.ready)
})
afterAll(() => s?.close())

const api = async <T>(path: string): Promise<T> => (await fetch(`${s.app.url}${path}`)).json() as Promise<T>
/** "25.8%" → 25.8 */
const percent = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''))
/** Waits until the element with a test id contains the text. */
const waitForText = (testId: string, text: string) =>
  s.page.waitForFunction(
    ([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(t) ?? false,
    [testId, text],
    { timeout: 60_000 },
  )
/** Waits until exactly `n` elements carry the test id. */
const waitForCount = (testId: string, n: number) =>
  s.page.waitForFunction(
    ([id, count]) => document.querySelectorAll(`[data-testid="${id}"]`).length === count,
    [testId, n] as const,
    { timeout: 60_000 },
  )
const coverageState = () => s.page.evaluate(() => window.__wangge!.coverage!.getState())

describe('the coverage mode', () => {
  it('shows district coverage for the chosen type, with the figures of the API', async () => {
    await s.page.getByTestId('mode-coverage').click()
    await s.page.getByTestId('coverage-type').selectOption('kindergarten')
    await s.page.waitForFunction(() => {
      const c = window.__wangge!.coverage?.getState()
      return c?.typeCode === 'kindergarten' && !c.loading && c.districtShare !== null
    })
    const summary = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten')
    await expect
      .poll(async () => percent(await s.page.getByTestId('coverage-district-share').textContent()))
      .toBe(Math.round(summary.totals.share * 1000) / 10)
    // zoomed out: the gap layer is a hexagon surface
    expect((await coverageState()).gapHexagons).toBeGreaterThan(10)
  })

  it('drags a facility: the gap layer and the community share change, as the API says', async () => {
    // no name to type: the edit is recorded under the signed-in person, shown instead
    const me = await api<{ username: string }>('/api/auth/me')
    expect(await s.page.getByTestId('editor-name').textContent()).toContain(me.username)
    // an existing kindergarten in the community with the most households that it partly covers
    const communities = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=community')
    const facilities = await api<FacilityPage>('/api/facilities?type=kindergarten&status=existing&limit=5000')
    // the biggest such community first: dense streets, so its kindergarten reaches buildings on foot too
    // (walking is the default measure; one far from any street may reach none, before or after a drag)
    const partly = communities.rows
      .filter((r) => r.share > 0.2 && r.share < 0.9)
      .sort((a, b) => b.households - a.households)
      .map((r) => r.key)
    const facility = partly
      .map((key) => facilities.features.find((f) => f.properties.communityCode === key))
      .find((f) => f !== undefined)!
    const code = facility.properties.communityCode!
    await s.page.evaluate(
      ({ id, center }) => {
        window.__wangge!.select({ kind: 'facility', id })
        window.__wangge!.map!.jumpTo({ center, zoom: 15 })
      },
      { id: facility.id as number, center: facility.geometry.coordinates as [number, number] },
    )
    const share = s.page.getByTestId('coverage-community-share')
    await share.waitFor()
    const shareBefore = percent(await share.textContent())
    expect(shareBefore).toBe(Math.round((communities.rows.find((r) => r.key === code)!.share ?? 0) * 1000) / 10)
    await s.page.waitForFunction(() => window.__wangge!.coverage!.getState().gapAggregate === 'none')
    const gapBefore = (await coverageState()).gapUnservedHouseholds
    // drag the handle 250 px east (about 460 m at zoom 15)
    const handle = s.page.getByTestId('facility-drag-handle')
    await handle.waitFor()
    const box = (await handle.boundingBox())!
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await s.page.mouse.move(x, y)
    await s.page.mouse.down()
    await s.page.mouse.move(x + 250, y + 20, { steps: 12 })
    await s.page.mouse.up()
    await waitForText('coverage-message', '已移动')
    // the facility is where it was dropped
    const dropped = await s.page.evaluate(
      ({ px, py }) => {
        const map = window.__wangge!.map!
        const rect = map.getContainer().getBoundingClientRect()
        return map.unproject([px - rect.left, py - rect.top]).toArray()
      },
      { px: x + 250, py: y + 20 },
    )
    const moved = await api<{ geometry: { coordinates: [number, number] }; properties: { version: number } }>(
      `/api/facilities/${facility.id}`,
    )
    expect(moved.properties.version).toBe(facility.properties.version + 1)
    expect(Math.abs(moved.geometry.coordinates[0] - dropped[0])).toBeLessThan(0.0002)
    expect(Math.abs(moved.geometry.coordinates[1] - dropped[1])).toBeLessThan(0.0002)
    // the community's share changed (the choropleth's figure) and equals the API's figure
    const after = await api<CoverageSummary>(
      `/api/coverage/summary?type=kindergarten&level=community&community=${code}`,
    )
    expect(after.rows[0].share).not.toBe(communities.rows.find((r) => r.key === code)!.share)
    await expect
      .poll(() => s.page.evaluate((c) => window.__wangge!.coverage!.getCommunityShare(c), code))
      .toBe(after.rows[0].share)
    // the panel shows the share of the community the facility now stands in, as the API gives it
    const now = (await api<{ properties: { communityCode: string } }>(`/api/facilities/${facility.id}`)).properties
      .communityCode
    const shown = await api<CoverageSummary>(`/api/coverage/summary?type=kindergarten&level=community&community=${now}`)
    await expect.poll(async () => percent(await share.textContent())).toBe(Math.round(shown.rows[0].share * 1000) / 10)
    // the gap layer in view changed too
    await expect.poll(async () => (await coverageState()).gapUnservedHouseholds).not.toBe(gapBefore)
    // and the history says who moved it
    const revisions = await api<{ action: string; author: string }[]>(`/api/facilities/${facility.id}/revisions`)
    // the author is the signed-in user (issue 13), not the name typed in the panel
    expect(revisions[0]).toMatchObject({ action: 'move', author: '系统管理员 (admin)' })
  })

  it('proposes where to build and adopts a site as a planned facility', async () => {
    await s.page.getByTestId('siting-k').fill('3')
    await s.page.getByTestId('siting-run').click()
    await waitForCount('siting-site', 3)
    const planned = async () =>
      (await api<FacilityPage>('/api/facilities?type=kindergarten&status=planned&limit=5000')).total
    const before = await planned()
    await s.page.getByTestId('siting-adopt').first().click()
    await waitForText('coverage-message', '已添加')
    expect(await planned()).toBe(before + 1)
    await waitForCount('siting-site', 2)
  })

  it('adds a planned facility by clicking the map: coverage with planned facilities grows, as is stays', async () => {
    await s.page.getByTestId('scenario-as-is').click()
    await s.page.waitForFunction(() => window.__wangge!.coverage!.getState().scenario === 'as-is')
    const asIsBefore = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&scenario=as-is')
    const plannedBefore = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&scenario=with-planned')
    const plannedCountBefore = (await api<FacilityPage>('/api/facilities?type=kindergarten&status=planned&limit=1'))
      .total
    // a building no kindergarten reaches even with the planned ones (the previous test adopted
    // some) is a place where a new one must add coverage
    const gaps = await api<{ points: { lng: number[]; lat: number[] } }>(
      '/api/coverage/gaps?type=kindergarten&scenario=with-planned&bbox=117.6,39.0,117.75,39.1&limit=1',
    )
    const at: [number, number] = [gaps.points.lng[0], gaps.points.lat[0]]
    await s.page.evaluate((center) => window.__wangge!.map!.jumpTo({ center, zoom: 15 }), at)
    await s.page.waitForTimeout(500)
    const point = await s.page.evaluate((p) => window.__wangge!.projectLngLat(p[0], p[1]), at)
    await s.page.getByTestId('add-planned').click()
    await s.page.mouse.click(point!.x, point!.y)
    // the message may still be the previous test's '已添加': wait for the new facility itself
    await expect
      .poll(async () => (await api<FacilityPage>('/api/facilities?type=kindergarten&status=planned&limit=1')).total, {
        timeout: 30_000,
      })
      .toBe(plannedCountBefore + 1)
    await waitForText('coverage-message', '已添加')
    const plannedAfter = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&scenario=with-planned')
    const asIsAfter = await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&scenario=as-is')
    expect(plannedAfter.totals.covered).toBeGreaterThan(plannedBefore.totals.covered)
    expect(asIsAfter.totals.covered).toBe(asIsBefore.totals.covered)
    // the panel shows both scenarios side by side, as the API gives them
    await s.page.getByTestId('scenario-with-planned').click()
    const expected = Math.round(plannedAfter.totals.share * 1000) / 10
    await expect
      .poll(async () => percent(await s.page.getByTestId('coverage-district-share').textContent()))
      .toBe(expected)
    const compare = (await s.page.getByTestId('coverage-compare').textContent()) ?? ''
    expect(compare).toContain(`${expected.toFixed(1)}%`)
    expect(compare).toContain(`${(Math.round(asIsAfter.totals.share * 1000) / 10).toFixed(1)}%`)
  })

  it('makes no request outside its own origin and logs no errors', () => {
    expect(s.foreignRequests).toEqual([])
    expect(s.errors).toEqual([])
  })
})
