// Issue 11 acceptance in headless Chromium: coverage is measured on foot by default; select a
// kindergarten and see its isochrones; drag it across a barrier (to a building inside its radius
// but beyond walking distance, i.e. over a river, railway or expressway) and see the isochrone
// follow the drag and the community's walking coverage change — the figure the API gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BarrierEffect, CoverageSummary, FacilityPage, Isochrones } from '../../core/api'
import { haversineDistanceMeters } from '../../core/geo'
import { type BrowserSession, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/')
  // a generous wait: the page loads the whole demo district on a shared machine
  await s.page.waitForFunction(() => window.__wangge !== undefined, undefined, { timeout: 120_000 })
  await s.page.evaluate(() => window.__wangge!.ready)
  expect(s.errors).toEqual([])
}, 600_000)
afterAll(() => s?.close())

const api = async <T>(path: string): Promise<T> => (await fetch(`${s.app.url}${path}`)).json() as Promise<T>
/** expect.poll with room for a machine shared by many test runs */
const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 90_000, interval: 500 })
const walkState = () => s.page.evaluate(() => window.__wangge!.coverage!.getWalk())

describe('walking distances in the coverage mode', () => {
  it('measures on foot by default and says so, with the barrier effect listed', async () => {
    await s.page.getByTestId('mode-coverage').click()
    await s.page.getByTestId('coverage-type').selectOption('kindergarten')
    await s.page.waitForFunction(() => window.__wangge!.coverage?.getWalk().method === 'walk', undefined, {
      timeout: 120_000,
    })
    expect(await s.page.getByTestId('method-walk').getAttribute('aria-pressed')).toBe('true')
    expect(await s.page.getByTestId('method-note').textContent()).toContain('步行距离')
    const barrier = await api<BarrierEffect>('/api/coverage/barrier?type=kindergarten&limit=10')
    await poll(async () => (await walkState()).barrierHouseholds).toBe(barrier.totals.barrierHouseholds)
    await poll(() => s.page.getByTestId('barrier-row').count()).toBe(barrier.rows.length)
    // the straight line, when chosen, is called that
    await s.page.getByTestId('method-radius').click()
    await s.page.waitForFunction(() => window.__wangge!.coverage?.getWalk().method === 'radius', undefined, {
      timeout: 120_000,
    })
    expect(await s.page.getByTestId('method-note').textContent()).toContain('直线距离')
    await s.page.getByTestId('method-walk').click()
    await s.page.waitForFunction(() => window.__wangge!.coverage?.getWalk().method === 'walk', undefined, {
      timeout: 120_000,
    })
  }, 600_000)

  it('drags a kindergarten across a barrier: the isochrone follows, the community walking coverage changes as the API says', async () => {
    await s.page.getByTestId('method-walk').click()
    await s.page.waitForFunction(() => window.__wangge!.coverage?.getWalk().method === 'walk', undefined, {
      timeout: 120_000,
    })
    // no name to type: the edit is recorded under the signed-in person, shown instead
    const me = await api<{ username: string }>('/api/auth/me')
    expect(await s.page.getByTestId('editor-name').textContent()).toContain(me.username)
    // a building cut off on foot, and the kindergarten whose radius reaches it across the barrier
    const barrier = await api<BarrierEffect>('/api/coverage/barrier?type=kindergarten&limit=1&pointLimit=5000')
    const facilities = (await api<FacilityPage>('/api/facilities?type=kindergarten&status=existing&limit=5000'))
      .features
    let pick: { f: (typeof facilities)[number]; to: [number, number] } | null = null
    for (let i = 0; i < barrier.points.buildingId.length && !pick; i++) {
      const to: [number, number] = [barrier.points.lng[i], barrier.points.lat[i]]
      const f = facilities.find((x) => haversineDistanceMeters(x.geometry.coordinates as [number, number], to) < 280)
      if (f) pick = { f, to }
    }
    expect(pick).not.toBeNull()
    const { f, to } = pick!
    const from = f.geometry.coordinates as [number, number]
    const before = await api<Isochrones>(`/api/coverage/isochrones?facility=${f.id}`)
    // select it and look closely
    await s.page.evaluate(
      ({ id, center }) => {
        window.__wangge!.select({ kind: 'facility', id })
        window.__wangge!.map!.jumpTo({ center, zoom: 15.5 })
      },
      { id: f.id as number, center: [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2] as [number, number] },
    )
    await poll(async () => (await walkState()).isochrones.map((b) => b.areaM2)).toEqual(
      before.features.map((b) => b.properties.areaM2),
    )
    expect(await s.page.getByTestId('isochrone-note').textContent()).toContain('5 分钟')
    // every community's walking coverage before, as the API gives it
    const shares = async () =>
      new Map(
        (
          await api<CoverageSummary>('/api/coverage/summary?type=kindergarten&level=community&limit=5000&method=walk')
        ).rows.map((r) => [r.key, r.share]),
      )
    const sharesBefore = await shares()
    // drag the handle onto the building across the barrier, pausing on the way
    const handle = s.page.getByTestId('facility-drag-handle')
    await handle.waitFor()
    const box = (await handle.boundingBox())!
    const target = await s.page.evaluate((p) => {
      const map = window.__wangge!.map!
      const q = map.project(p)
      const rect = map.getContainer().getBoundingClientRect()
      return { x: q.x + rect.left, y: q.y + rect.top }
    }, to)
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await s.page.mouse.down()
    await s.page.mouse.move(target.x, target.y, { steps: 15 })
    // while dragging, the isochrones are the dragged point's
    await poll(async () => {
      const o = (await walkState()).isochroneOrigin
      return o ? Math.round(haversineDistanceMeters(o, to)) : null
    }).toBeLessThan(40)
    await s.page.mouse.up()
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="coverage-message"]')?.textContent?.includes('已移动') ?? false,
      undefined,
      { timeout: 60_000 },
    )
    // after the drop: the facility's isochrones are where it now stands, and differ from before
    const after = await api<Isochrones>(`/api/coverage/isochrones?facility=${f.id}`)
    expect(after.features.map((b) => b.properties.areaM2)).not.toEqual(before.features.map((b) => b.properties.areaM2))
    await poll(async () => (await walkState()).isochrones.map((b) => b.areaM2)).toEqual(
      after.features.map((b) => b.properties.areaM2),
    )
    // walking coverage changed in the communities it left or reached, and the map shows the API's figures
    const sharesAfter = await shares()
    const changed = [...sharesAfter].filter(([code, v]) => sharesBefore.get(code) !== v).map(([code]) => code)
    expect(changed.length).toBeGreaterThan(0)
    for (const code of changed)
      await poll(() => s.page.evaluate((c) => window.__wangge!.coverage!.getCommunityShare(c), code)).toBe(
        sharesAfter.get(code),
      )
  })
})
