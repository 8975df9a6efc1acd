// Screenshots of every page at 1440×900, 1920×1080, 3840×2160 and a 390×844 phone, in Chinese and
// English, into docs/screenshots/ (PNG). Runs the app on a private copy of the test database (the
// demo world) with headless Chromium, as the browser tests do:
//   npx tsx scripts/screenshots.ts                 every page, size and language
//   npx tsx scripts/screenshots.ts wall map        only these pages
//   SIZES=1080p,phone npx tsx scripts/screenshots.ts
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { buildApp } from '../server/app'
import { openDatabase } from '../server/db/engine'
import { registerListeningSession, signInTestApp, type TestRole } from '../tests/support/auth'
import { launchBrowser } from '../tests/support/browser'
import { ensureWebBuild } from './ensure-web-build'

const TEMPLATES = new URL('../.cache/test-templates/', import.meta.url).pathname

/** The app on a copy of the newest ready test database (run one browser or API test first to build it). */
async function startApp(webRoot: string, as: TestRole) {
  const newest = readdirSync(TEMPLATES)
    .filter((f) => f.startsWith('pglite-'))
    .map((f) => join(TEMPLATES, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (!newest) throw new Error(`no test database in ${TEMPLATES}: run a database test once first`)
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(newest)]) })
  const app = await buildApp({ database, logLevel: 'silent', webRoot })
  const session = await signInTestApp(app, database, as)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  registerListeningSession(url, session)
  return {
    url,
    async close() {
      registerListeningSession(url, null)
      await app.close()
      await database.close()
    },
  }
}

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname

interface Size {
  name: string
  width: number
  height: number
  scale: number
}
const SIZES: Size[] = [
  { name: '1440x900', width: 1440, height: 900, scale: 1 },
  { name: 'phone', width: 390, height: 844, scale: 1 },
  { name: '1080p', width: 1920, height: 1080, scale: 1 },
  { name: '4k', width: 3840, height: 2160, scale: 1 },
]

interface Shot {
  name: string
  path: string
  /** nobody signed in (the sign-in page) */
  anonymous?: boolean
  /** waits until the page shows what it is for */
  ready: (page: Page) => Promise<unknown>
  /** clicks before the shot (e.g. switch on the coverage mode) */
  prepare?: (page: Page) => Promise<unknown>
}

const mapReady = async (page: Page) => {
  await page.waitForFunction(() => window.__wangge !== undefined, null, { timeout: 120_000 })
  await page.evaluate(() => window.__wangge!.ready)
}

const SHOTS: Shot[] = [
  { name: 'map', path: '/', ready: mapReady },
  {
    name: 'editor',
    path: '/?edit=120116001001',
    ready: (page) => page.waitForSelector('[data-testid="grid-editor"], .grid-editor', { timeout: 120_000 }),
  },
  {
    name: 'coverage',
    path: '/',
    ready: mapReady,
    prepare: async (page) => {
      await page.getByTestId('mode-coverage').click()
      await page.waitForSelector('[data-testid="coverage-panel"], .coverage-panel', { timeout: 60_000 })
      await page.waitForTimeout(3000)
    },
  },
  {
    name: 'equity',
    path: '/equity',
    ready: (page) => page.waitForSelector('[data-testid="equity-page"], .equity-page', { timeout: 120_000 }),
  },
  {
    name: 'wall',
    path: '/wall?cycle=0',
    ready: (page) =>
      page.waitForFunction(() => (window.__wanggeWall?.getRenderedGridCount() ?? 0) > 100, null, {
        timeout: 150_000,
        polling: 1000,
      }),
  },
  {
    name: 'import',
    path: '/import',
    ready: (page) => page.waitForSelector('[data-testid="import-page"]', { timeout: 60_000 }),
  },
  { name: 'users', path: '/users', ready: (page) => page.waitForSelector('table', { timeout: 60_000 }) },
  {
    name: 'sign-in',
    path: '/',
    anonymous: true,
    ready: (page) => page.waitForSelector('input[type="password"]', { timeout: 60_000 }),
  },
  { name: 'report', path: '/report', ready: (page) => page.waitForSelector('h1', { timeout: 120_000 }) },
]

async function main() {
  const only = process.argv.slice(2)
  const sizes = process.env.SIZES ? SIZES.filter((s) => process.env.SIZES!.split(',').includes(s.name)) : SIZES
  const shots = only.length ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS
  mkdirSync(OUT, { recursive: true })
  const webRoot = ensureWebBuild({ testHooks: true })
  const app = await startApp(webRoot, 'administrator')
  const anonymousApp = await startApp(webRoot, null)
  const browser = await launchBrowser()
  try {
    for (const size of sizes)
      for (const shot of shots)
        for (const lang of ['zh', 'en'] as const) {
          const base = shot.anonymous ? anonymousApp.url : app.url
          const page = await browser.newPage({
            viewport: { width: Math.round(size.width * size.scale), height: Math.round(size.height * size.scale) },
            deviceScaleFactor: 1,
            isMobile: size.name === 'phone',
            hasTouch: size.name === 'phone',
          })
          // 4K: lay out at 3840×2160 CSS px but keep the file at 1920×1080 device px
          if (size.scale !== 1) await page.setViewportSize({ width: size.width, height: size.height })
          const file = join(OUT, `${shot.name}-${size.name}-${lang}.png`)
          const sep = shot.path.includes('?') ? '&' : '?'
          const started = Date.now()
          try {
            await page.goto(`${base}${shot.path}${sep}lang=${lang}`)
            await shot.ready(page)
            await shot.prepare?.(page)
            await page.waitForTimeout(1500)
            await page.screenshot({ path: file, scale: size.scale === 1 ? 'device' : 'css', animations: 'disabled' })
            console.log(`${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
          } catch (error) {
            console.error(`${shot.name} ${size.name} ${lang}: ${(error as Error).message.split('\n')[0]}`)
          } finally {
            await page.close()
          }
        }
  } finally {
    await browser.close()
    await anonymousApp.close()
    await app.close()
  }
}

await main()
