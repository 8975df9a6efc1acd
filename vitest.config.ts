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
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/build-web.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
