// Test hooks ship in test builds only: the production build `npm start` serves (web/dist) has no
// `__wangge` anywhere in its code, while the browser tests' build (web/dist-test) does; and pages
// opened from the production build have no hooks on window.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../../scripts/ensure-web-build'
import { type BrowserSession, openApp } from '../support/browser'

let production = ''
let withHooks = ''
beforeAll(() => {
  production = ensureWebBuild()
  withHooks = ensureWebBuild({ testHooks: true })
})

/** Names of the build's script files that mention the hooks' names. */
function filesNamingHooks(dir: string): string[] {
  const assets = join(dir, 'assets')
  return readdirSync(assets)
    .filter((name) => /\.m?js$/.test(name))
    .filter((name) => readFileSync(join(assets, name), 'utf8').includes('__wangge'))
}

describe('the production build', () => {
  it('contains no test hooks; the test build does', () => {
    expect(filesNamingHooks(production)).toEqual([])
    expect(filesNamingHooks(withHooks).length).toBeGreaterThan(0)
  })

  let s: BrowserSession | null = null
  afterEach(async () => {
    await s?.close()
    s = null
  })

  it('puts no hooks on window on the map page', async () => {
    s = await openApp('/', undefined, { production: true })
    await s.page.getByTestId('grid-count').waitFor({ timeout: 60_000 })
    expect(await s.page.evaluate(() => ['__wangge' in window, '__wanggeWall' in window])).toEqual([false, false])
    expect(s.errors).toEqual([])
  })

  it('puts no hooks on window on the wall', async () => {
    s = await openApp('/wall?cycle=0', undefined, { production: true })
    await s.page.getByTestId('wall-status').waitFor({ timeout: 60_000 })
    await s.page.locator('.wall-tile').first().waitFor({ timeout: 60_000 })
    expect(await s.page.evaluate(() => ['__wangge' in window, '__wanggeWall' in window])).toEqual([false, false])
  })
})
