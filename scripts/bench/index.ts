// `npm run bench`: runs every benchmark in its own process, one after another (they would
// disturb each other's timings), and prints their reports. `npm run bench -- startup grids`
// runs only those.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const here = new URL('./', import.meta.url).pathname
const all: Record<string, string[]> = {
  startup: ['startup.ts'], // issue 2: cold/warm start, all grids as GeoJSON, peak memory
  grids: ['grids.ts'], // issue 3: live diff, proposals vs greedy sweep, rebalance
  'grids-server': ['grids-server.ts'], // issue 3: a saved unit move (p95) and a street proposal on the full demo
  coverage: ['coverage.ts'], // issue 4: coverage recompute, one move, MCLP/LSCP/MILP
  'coverage-server': ['coverage-server.ts'], // issue 4: the same end to end on the server, full demo world
  siting: ['siting-orlib.ts', '--to', '10'], // issue 4: OR-Library p-median gaps
  equity: ['equity.ts'], // issue 5: Gini, Theil, 2SFCA, indicators
  'equity-server': ['equity-server.ts'], // issues 5, 8: all indicators after coverage, wall KPIs; a facility edit vs the full recompute
  tiles: ['tiles.ts'], // issue 10: MVT z10–z16 cold/warm beside the bare SQL; all grids gzip/brotli vs raw
  network: ['network.ts'], // issue 11: walking coverage, a move, an isochrone, MCLP on foot, beside radius and pgRouting
  import: ['import.ts'], // issue 9: a district from Shapefile and CSV, validate + commit vs COPY, peak memory
  load: ['load.ts'], // issue 13: 20 and 50 concurrent readers during edits and an exact siting solve, p50/p95 per route
  city: ['city.ts'], // issue 12: all of Tianjin beside Binhai on the server engine (DATABASE_URL)
}
// names first, then options for them: `npm run bench -- city --scale 0.2`
const firstOption = process.argv.slice(2).findIndex((a) => a.startsWith('--'))
const names = firstOption < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstOption)
const options = firstOption < 0 ? [] : process.argv.slice(2 + firstOption)
const chosen = names.length ? names : Object.keys(all)
const unknown = chosen.filter((name) => !(name in all))
if (unknown.length) {
  console.error(`unknown benchmark "${unknown.join('", "')}"; choose from: ${Object.keys(all).join(', ')}`)
  process.exit(2)
}
let failed = 0
for (const name of chosen) {
  const [file, ...args] = all[name]
  console.log(`\n── ${name} ${'─'.repeat(60 - name.length)}`)
  const tsx = join(here, '../../node_modules/tsx/dist/cli.mjs')
  const result = spawnSync(process.execPath, [tsx, join(here, file), ...args, ...options], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
