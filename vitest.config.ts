import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import LongestFirst from './tests/support/sequencer.ts'

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

// The browser files that stay on the embedded engine (what `npm start` runs) wherever they run;
// the others follow DATABASE_URL: on a real PostgreSQL when it is set (CI), else embedded too.
const embeddedBrowserTests = [
  'tests/browser/map.test.ts',
  'tests/browser/production-build.test.ts',
  'tests/browser/wall-1080.test.ts',
  'tests/browser/search.test.ts',
]
const browserProject = (name: string, include: string[], exclude: string[] = []) => ({
  test: {
    name,
    include,
    exclude,
    environment: 'node' as const,
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/build-web.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Browser files run beside the database files on the same two workers (each has its own app,
    // database copy and Chromium). With fileParallelism off they ran one by one after everything
    // else, a 16-minute serial tail on CI.
  },
})
const browserProjects = process.env.DATABASE_URL
  ? [
      browserProject('browser', embeddedBrowserTests),
      browserProject('browser-postgres', ['tests/browser/**/*.test.ts'], embeddedBrowserTests),
    ]
  : [browserProject('browser', ['tests/browser/**/*.test.ts'])]

export default defineConfig({
  test: {
    maxWorkers: 2,
    // longest files first across all projects (tests/support/sequencer.ts)
    sequence: { sequencer: LongestFirst },
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
      ...(haveChromium ? browserProjects : []),
    ],
  },
})
