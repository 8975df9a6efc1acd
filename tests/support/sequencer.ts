// The order test files start in: longest first, across every project (browser files among the
// database files), so that on CI's two workers the long files start at once and the short ones
// fill the gaps at the end — a clean clone has no timing cache, and vitest's default (largest file
// first, one project after another) left a long serial tail. The weights are rough seconds from
// CI runs on a quiet machine; a file not listed weighs by its size. Refresh them when a file's
// time changes a lot (the JSON report in .cache/vitest-report.json has each file's duration).
import { statSync } from 'node:fs'
import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const SECONDS: Record<string, number> = {
  // browser (headless Chromium)
  'tests/browser/grid-editing.test.ts': 110,
  'tests/browser/auth.test.ts': 110,
  'tests/browser/coverage.test.ts': 100,
  'tests/browser/import.test.ts': 90,
  'tests/browser/settings.test.ts': 55,
  'tests/browser/production-build.test.ts': 50,
  'tests/browser/exports.test.ts': 50,
  'tests/browser/search.test.ts': 50,
  'tests/browser/wall.test.ts': 50,
  'tests/browser/walk.test.ts': 50,
  'tests/browser/tiles.test.ts': 40,
  'tests/browser/wall-1080.test.ts': 35,
  'tests/browser/map.test.ts': 35,
  'tests/browser/equity.test.ts': 32,
  // database, either engine
  'tests/api/import-roundtrip.test.ts': 150,
  'tests/api/coverage-store.test.ts': 80,
  'tests/api/fuzz.test.ts': 65,
  'tests/api/permissions.test.ts': 60,
  'tests/api/siting.test.ts': 55,
  'tests/api/import-network.test.ts': 45,
  'tests/api/street-scope.test.ts': 28,
  'tests/api/coverage.test.ts': 26,
  'tests/api/wall.test.ts': 25,
  'tests/api/import-district.test.ts': 22,
  'tests/api/http-contract.test.ts': 20,
  'tests/api/streets-communities.test.ts': 18,
}

/** seconds a file is expected to take: its weight, or 1 s per 2 kB of test code */
function weight(spec: TestSpecification, root: string): number {
  const file = relative(root, spec.moduleId)
  const listed = SECONDS[`${spec.project.name}:${file}`] ?? SECONDS[file]
  if (listed !== undefined) return listed
  try {
    return statSync(spec.moduleId).size / 2000
  } catch {
    return 1
  }
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root
    return [...files].sort((a, b) => weight(b, root) - weight(a, root))
  }
}
