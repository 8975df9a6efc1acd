// Accounts in the browser (issue 13): a street planner signs in on the sign-in page, edits a grid
// in their own street, is refused in another street with a clear message (and nothing changes),
// and signs out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityPage, CommunityUnits } from '../../core/api'
import { type BrowserSession, openApp } from '../support/browser'

let s: BrowserSession
beforeAll(async () => {
  s = await openApp('/', { width: 1600, height: 1000 }, { as: null })
}, 600_000)
afterAll(() => s?.close())

describe('signing in as a street planner', () => {
  it('edits in their street, is refused in another with a clear message, signs out', { timeout: 600_000 }, async () => {
    const { page } = s
    await page.waitForSelector('[data-testid=sign-in-form]')
    await page.fill('[data-testid=sign-in-username]', 'street')
    await page.fill('[data-testid=sign-in-password]', 'wrong-password')
    await page.click('[data-testid=sign-in-submit]')
    await expect.poll(() => page.textContent('[data-testid=sign-in-error]')).toContain('登录失败')
    await page.fill('[data-testid=sign-in-password]', 'wangge-street')
    await page.click('[data-testid=sign-in-submit]')
    // the whole district loads after the reload: allow for a busy machine
    await page.waitForSelector('[data-testid=user-menu]', { timeout: 180_000 })
    expect(await page.textContent('[data-testid=user-role]')).toContain('街道规划员')
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json())
    const myStreet: string = me.streets[0]

    const communities = (await page.evaluate(async () =>
      (await fetch('/api/communities?limit=5000')).json(),
    )) as CommunityPage
    const several = communities.features.map((f) => f.properties).filter((c) => c.gridCount >= 3)
    const mine = several.find((c) => c.streetCode === myStreet)!
    const theirs = several.find((c) => c.streetCode !== myStreet)!

    const moveOneUnit = async (code: string) => {
      await page.goto(`${s.app.url}/?edit=${code}`)
      await page.waitForFunction(() => window.__wangge?.editor?.loaded === true, null, { timeout: 90_000 })
      await page.waitForTimeout(500)
      const units = (await page.evaluate(
        async (c) => (await fetch(`/api/communities/${c}/units`)).json(),
        code,
      )) as CommunityUnits
      const pairs = (await page.evaluate(
        async (c) => (await fetch(`/api/communities/${c}/adjacency`)).json(),
        code,
      )) as { pairs: [number, number, number][] }
      const gridOf = new Map(units.units.features.map((f) => [f.id as number, f.properties.gridId!]))
      const [unit, neighbour] = pairs.pairs.find(([a, b]) => gridOf.get(a) !== gridOf.get(b))!
      // the save bar names who is signed in (no name field: the server takes it from the session)
      expect(await page.textContent('[data-testid=edit-editor-name]')).toContain('街道规划员（street）')
      await page.click('[data-testid=edit-tool-click]')
      await page.click(`[data-testid=edit-grid-${gridOf.get(neighbour)}]`)
      const at = units.units.features.find((f) => f.id === unit)!.properties.centroid
      const point = await page.evaluate(([x, y]) => window.__wangge!.projectLngLat(x, y), at)
      await page.mouse.move(point!.x, point!.y, { steps: 4 })
      await page.mouse.click(point!.x, point!.y)
      await expect.poll(() => page.evaluate(() => window.__wangge!.editor!.pendingSteps())).toBe(1)
      await page.fill('[data-testid=edit-reason]', '权限测试')
      await page.click('[data-testid=edit-save]')
      // a grid left outside the band: saving asks first (the reason is given)
      if ((await page.locator('[data-testid=integrity-out-of-band]').count()) > 0)
        await page.click('[data-testid=edit-confirm-save]')
      return units.community.editVersion
    }

    // in their street: saved
    await moveOneUnit(mine.code)
    await page.waitForSelector('[data-testid=edit-message].tone-good', { timeout: 30_000 })
    const history = await page.evaluate(async (c) => (await fetch(`/api/communities/${c}/history`)).json(), mine.code)
    expect(history[0]).toMatchObject({ author: '街道规划员 (street)', reason: '权限测试' })

    // in another street: refused, the message names the street, nothing saved
    const version = await moveOneUnit(theirs.code)
    const refusal = page.locator('[data-testid=edit-message].tone-bad')
    await refusal.waitFor({ timeout: 30_000 })
    const text = await refusal.textContent()
    expect(text).toContain('超出您负责的街道')
    expect(text).toContain(theirs.streetCode)
    const after = (await page.evaluate(
      async (c) => (await fetch(`/api/communities/${c}/units`)).json(),
      theirs.code,
    )) as CommunityUnits
    expect(after.community.editVersion).toBe(version)

    // sign out: back to the sign-in page, and the API refuses the old session
    await page.goto(`${s.app.url}/`)
    await page.click('[data-testid=sign-out]')
    await page.waitForSelector('[data-testid=sign-in-form]', { timeout: 30_000 })
    const status = await page.evaluate(async () => (await fetch('/api/grids?limit=1')).status)
    expect(status).toBe(401)
    expect(s.errors.filter((e) => !/401|403|Unauthorized|Forbidden/.test(e))).toEqual([])
    expect(s.foreignRequests).toEqual([])
  })
})
