import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

// Projects: `unit` (pure core/ and web/ modules, no database), `db-pglite` (the embedded engine,
// always), `db-postgres` (a real PostgreSQL + PostGIS server, only when DATABASE_URL is set),
// `browser` (headless Chromium against the app on the embedded engine).
const dbTests = ['server/**/*.test.ts', 'tests/api/**/*.test.ts']
const dbProject = (name: string) => ({
  test: {
    name,
    include: dbTests,
    environment: 'node' as const,
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
})

// Browser tests need Debian's Chromium (playwright cannot download one here). Without it they are
// left out with a note, so `npm test` still passes on a fresh machine; CI installs it and runs them.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const haveChromium = existsSync(chromium)
if (!haveChromium && process.env.CI) throw new Error(`CI must run the browser tests: no Chromium at ${chromium}`)
if (!haveChromium)
  console.warn(
    `[wangge] browser tests left out: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`,
  )

const browserProject = {
  test: {
    name: 'browser',
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node' as const,
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/build-web.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
}

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      dbProject('db-pglite'),
      ...(process.env.DATABASE_URL ? [dbProject('db-postgres')] : []),
      ...(haveChromium ? [browserProject] : []),
    ],
  },
})
