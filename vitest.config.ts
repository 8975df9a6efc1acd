import { defineConfig } from 'vitest/config'

// Projects: `unit` (pure core/, no database), `db-pglite` (embedded engine, always),
// `db-postgres` (only when DATABASE_URL is set), `browser` (headless Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
})
