// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the real app
// on a private copy of the test database.
import { type Browser, chromium, type Page } from 'playwright-core'
import { webBuildDir } from '../../scripts/ensure-web-build'
import { listeningSessions, type TestRole } from './auth'
import { startTestApp } from './test-database'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

/**
 * Chromium; every context it opens (browser.newPage too) carries the session cookies of the
 * listening test apps (startTestApp signs in as the administrator by default).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    // browser files share CI's two cores with the database files: waits get room (default 30 s)
    context.setDefaultTimeout(90_000)
    const cookies = listeningSessions().flatMap(({ origin, session }) => [
      { name: 'wangge_session', value: session.sid, url: origin, httpOnly: true, sameSite: 'Lax' as const },
      { name: 'wangge_csrf', value: session.csrf, url: origin, sameSite: 'Strict' as const },
    ])
    if (cookies.length) await context.addCookies(cookies)
    return context
  }
  browser.newPage = async (options) => {
    const context = await browser.newContext(options)
    const page = await context.newPage()
    page.on('close', () => void context.close().catch(() => {}))
    return page
  }
  return browser
}

export interface BrowserSession {
  app: Awaited<ReturnType<typeof startTestApp>>
  browser: Browser
  page: Page
  /** requests the page made to any origin other than the app's */
  foreignRequests: string[]
  /** console errors and uncaught page errors */
  errors: string[]
  close(): Promise<void>
}

/**
 * Starts the app on a port, opens `path` in a fresh page and records what leaves our origin. The
 * client is the browser tests' build, with its hooks on window (web/dist-test, built by
 * build-web.ts); `{ production: true }` serves the production build (web/dist) instead. The
 * browser is signed in as `as` (default: the administrator; `null`: nobody, the sign-in page).
 */
export async function openApp(
  path = '/',
  viewport = { width: 1600, height: 1000 },
  options: { production?: boolean; as?: TestRole } = {},
): Promise<BrowserSession> {
  const app = await startTestApp({
    listen: true,
    webRoot: webBuildDir({ testHooks: !options.production }),
    as: options.as,
  })
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport })
  const foreignRequests: string[] = []
  const errors: string[] = []
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(app.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url)
  })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(`${app.url}${path}`)
  return {
    app,
    browser,
    page,
    foreignRequests,
    errors,
    async close() {
      await browser.close()
      await app.close()
    },
  }
}

export interface ImageStats {
  /** distinct colours (quantised to 5 bits per channel) */
  colours: number
  /** share of pixels that differ from the most common colour (the background) */
  nonBackgroundShare: number
}

/** Decodes a PNG screenshot in the page itself (no image library needed) and measures it. */
export async function imageStats(page: Page, png: Buffer): Promise<ImageStats> {
  return page.evaluate(async (base64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${base64}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const { data } = ctx.getImageData(0, 0, img.width, img.height)
    const counts = new Map<number, number>()
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const background = Math.max(...counts.values())
    const total = data.length / 4
    return { colours: counts.size, nonBackgroundShare: (total - background) / total }
  }, png.toString('base64'))
}
