// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the real app
// on a private copy of the test database.
import { type Browser, chromium, type Page } from 'playwright-core'
import { startTestApp } from './test-database'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
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

/** Starts the app on a port, opens `path` in a fresh page and records what leaves our origin. */
export async function openApp(path = '/', viewport = { width: 1600, height: 1000 }): Promise<BrowserSession> {
  const app = await startTestApp({ listen: true })
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
