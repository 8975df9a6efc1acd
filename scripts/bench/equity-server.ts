// Issues 5 and 8 benchmark on the real demo world (seed 20230101, scale 1: 505 communities, ~44k
// buildings, 800k households, ~1,440 facilities): the server's one coverage store, as the API runs
// it. Times, after coverage is known, every indicator of every community (core indicators over 18
// types and tiers, 2SFCA per type, the star rating), the urban–rural comparison of every
// indicator, and the wall's KPIs; beside the baseline of enumerating every (building, facility)
// pair within reach once — the radius queries coverage itself makes — measured in the same run.
// Then issue 8: a facility edit updating every figure (coverage, sums, indicator rows of both
// scenarios, wall KPIs) in one incremental pass, beside the full equity recompute (coverage and
// every indicator from scratch) that each facility edit cost before, in the same run.
//   npx tsx scripts/bench/equity-server.ts [--reps 7] [--moves 50]
import { readFileSync } from 'node:fs'
import { generateDemoWorld } from '../../core/demo/generate-demo-world'
import {
  applyFacilities,
  computeIndicators,
  computeScenario,
  createCoverageStore,
  SCENARIOS,
  type StoreCommunity,
  type StoreFacilityType,
  type StoreWorld,
  scenarioResult,
  wallKpis,
} from '../../core/domain/coverage-store'
import { compareRows, indicatorSettingsFrom } from '../../core/domain/equity'
import { median, percentile, printRow } from './report'

const arg = (name: string, fallback: number) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback
const reps = arg('--reps', 7)
const moves = arg('--moves', 50)
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`
const time = (f: () => void) => {
  const t = performance.now()
  f()
  return performance.now() - t
}
const repeat = (n: number, f: () => void) => median(Array.from({ length: n }, () => time(f)))

// --- the facility types and norms of migrations/0002_standards.sql (the standards as data) ---
const standards = readFileSync(new URL('../../migrations/0002_standards.sql', import.meta.url), 'utf8')
const types: StoreFacilityType[] = [
  ...standards.matchAll(
    /\('([a-z_]+)',\s*'([^']+)',\s*'([^']+)',\s*'([a-z_]+)',\s*'([a-z0-9]+)',\s*(\d+),\s*([\d.]+|NULL),\s*([\d.]+|NULL),/g,
  ),
].map((m) => ({
  code: m[1],
  nameZh: m[2],
  nameEn: m[3],
  service: m[4],
  tier: m[5],
  defaultRadiusM: Number(m[6]),
  minActivityShare: m[7] === 'NULL' ? null : Number(m[7]),
  floorAreaM2Per100Households: m[8] === 'NULL' ? null : Number(m[8]),
}))
const settings: Record<string, unknown> = Object.fromEntries(
  [...standards.matchAll(/\('([a-z_.0-9]+)',\s*'([^']+)',/g)].map((m) => [m[1], m[2]]),
)

// --- the demo world as the repository would read it ------------------------------------------
let t = performance.now()
const demo = generateDemoWorld({})
const tGenerate = performance.now() - t
t = performance.now()
const streetName = new Map(demo.streets.map((s) => [s.code, s.name]))
const communities: StoreCommunity[] = [...demo.communities]
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((c) => ({
    code: c.code,
    name: c.name,
    streetCode: c.streetCode,
    streetName: streetName.get(c.streetCode) ?? '',
    kind: c.kind,
    households: c.households,
    residents: c.residents,
    workers: c.workers,
    labelPoint: null,
  }))
const communityIndex = new Map(communities.map((c, i) => [c.code, i]))
const unitIndex = new Map(demo.units.map((u, i) => [u.code, i]))
const gridId = new Map(demo.grids.map((g, i) => [g.code, i + 1]))
const buildingOrder = demo.buildings
  .map((b, i) => ({ i, c: communityIndex.get(demo.units[unitIndex.get(b.unitCode)!].communityCode)! }))
  .sort((a, b) => a.c - b.c || a.i - b.i)
const n = buildingOrder.length
const unitOf = (i: number) => demo.units[unitIndex.get(demo.buildings[i].unitCode)!]
const gridHouseholds = new Map<string, number>()
for (const u of demo.units) gridHouseholds.set(u.gridCode, (gridHouseholds.get(u.gridCode) ?? 0) + u.households)
const world: StoreWorld = {
  district: { code: demo.district.code, name: demo.district.name },
  streets: demo.streets.map((s) => ({ code: s.code, name: s.name })),
  communities,
  units: demo.units.map((u, i) => ({ id: i + 1, name: u.name, communityCode: u.communityCode })),
  grids: demo.grids.map((g, i) => ({
    id: i + 1,
    code: g.code,
    name: g.name,
    communityCode: g.communityCode,
    streetCode: g.streetCode,
    households: gridHouseholds.get(g.code) ?? 0,
    labelPoint: null,
  })),
  buildings: {
    id: Int32Array.from(buildingOrder, ({ i }) => i + 1),
    lng: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].lng),
    lat: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].lat),
    households: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].households),
    residents: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].residents),
    unitId: Int32Array.from(buildingOrder, ({ i }) => unitIndex.get(demo.buildings[i].unitCode)! + 1),
    gridId: Int32Array.from(buildingOrder, ({ i }) => gridId.get(unitOf(i).gridCode) ?? 0),
    community: Int32Array.from(buildingOrder, ({ c }) => c),
  },
  types,
  facilities: demo.facilities.map((f, i) => ({
    id: i + 1,
    typeCode: f.typeCode,
    status: f.status,
    lng: f.lng,
    lat: f.lat,
    radiusM: f.radiusM,
    floorAreaM2: f.floorAreaM2,
    activityAreaM2: f.activityAreaM2,
    capacity: f.capacity,
    communityCode: f.communityCode,
  })),
  settings: indicatorSettingsFrom(settings),
}
const tWorld = performance.now() - t

// --- the store: demand index and both scenarios' coverage, once ----------------------------------
let store = createCoverageStore(world)
const tStore = time(() => {
  store = createCoverageStore(world)
})
let figures = computeScenario(store, 'as-is')
const tCoverage = repeat(3, () => {
  figures = computeScenario(store, 'as-is')
})
const coverage = figures.coverage

// --- baseline: every (building, facility) pair within reach, enumerated once ----------------------
let pairs = 0
const buffer = new Int32Array(n)
const tPairs = repeat(reps, () => {
  pairs = 0
  for (const cov of coverage.byType.values()) {
    const { sites } = cov
    for (let s = 0; s < sites.ids.length; s++) {
      if (!sites.alive[s]) continue
      pairs += store.demand.index.withinInto(sites.xMeters[s], sites.yMeters[s], sites.radiusMeters[s], buffer)
    }
  }
})

// --- all indicators for all communities, after coverage ---------------------------------------
let result = computeIndicators(store, figures)
const tIndicators = repeat(reps, () => {
  result = computeIndicators(store, figures)
})
const codes = store.catalogue.map((i) => i.code)
const flat = result.rows.map((r) => ({
  code: r.community.code,
  kind: r.community.kind,
  residents: r.community.residents,
  values: r.values,
}))
let compared = 0
const tCompare = repeat(reps, () => {
  compared = 0
  for (const code of codes) {
    if (flat.some((r) => r.values[code] !== null)) {
      compareRows(flat, code)
      compared++
    }
  }
})
const tWall = repeat(reps, () => wallKpis(store, store.scenarios['as-is'], null))
let planned = computeScenario(store, 'with-planned')
const tPlannedCoverage = time(() => {
  planned = computeScenario(store, 'with-planned')
})
const tPlanned = repeat(reps, () => computeIndicators(store, planned))

// --- issue 8: a facility edit, every figure updated in one pass, vs the full equity recompute ---------
// the full recompute each facility edit cost before: coverage of the scenario and every indicator
const tFull = repeat(reps, () => computeIndicators(store, computeScenario(store, 'as-is')))
for (const scenario of SCENARIOS) scenarioResult(store, scenario) // the rows exist, as after the first request
let seed = 20230101
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const movable = [...store.facilities.values()].filter((f) => f.status === 'existing')
const edits: number[] = []
const touched: number[] = []
for (let k = 0; k < moves; k++) {
  const f = store.facilities.get(movable[Math.floor(random() * movable.length)].id)!
  // up to ~500 m in each direction (0.0045° of latitude; longitude scaled at 39°N)
  const moved = { ...f, lng: f.lng + (random() - 0.5) * 0.0116, lat: f.lat + (random() - 0.5) * 0.009 }
  edits.push(
    time(() => {
      const update = applyFacilities(store, [moved])
      wallKpis(store, store.scenarios['as-is'], null)
      touched.push(update.communities['as-is'].length)
    }),
  )
}
// after the moves, the store's figures against a full recompute of the moved world
const full = createCoverageStore({ ...world, facilities: [...store.facilities.values()] })
let differing = 0
for (const scenario of SCENARIOS) {
  const mine = scenarioResult(store, scenario).rows
  const theirs = scenarioResult(full, scenario).rows
  mine.forEach((r, c) => {
    for (const [code, v] of Object.entries(theirs[c].values)) {
      const w = r.values[code]
      if (v === null || w === null || w === undefined ? v !== w : Math.abs(v - w) > 1e-9 * Math.max(1, Math.abs(v)))
        differing++
    }
  })
}

console.log(
  `  demo world: ${communities.length} communities, ${n.toLocaleString()} buildings, ` +
    `${world.facilities.length.toLocaleString()} facilities, ${types.length} types, ${codes.length} indicators per community`,
)
printRow('generate the demo world (seed 20230101, scale 1)', ms(tGenerate), 'setup', 'once')
printRow('rows → store world (sort buildings by community)', ms(tWorld), 'setup', 'once')
printRow('coverage store: demand index, keys, both scenarios', ms(tStore), 'setup', 'once per start')
printRow('coverage as-is, all types (computeCoverage + sums)', ms(tCoverage), 'issue 4', 'median of 3')
printRow(
  `baseline: enumerate ${pairs.toLocaleString()} (building, facility) pairs once`,
  ms(tPairs),
  'baseline',
  `median of ${reps}`,
)
printRow(
  `ALL indicators, ${communities.length} communities, after coverage`,
  ms(tIndicators),
  'goal ≤ 1000 ms',
  `${(tIndicators / tPairs).toFixed(1)}× the baseline, median of ${reps}`,
)
printRow(`urban–rural comparison of all ${compared} indicators`, ms(tCompare), 'goal: interactive', `median of ${reps}`)
printRow('wall KPIs and alarms, district (from the store sums)', ms(tWall), 'goal ≪ 100 ms', `median of ${reps}`)
printRow('coverage with planned facilities (scenario view)', ms(tPlannedCoverage), 'issue 4', 'once')
printRow('ALL indicators with planned facilities, after coverage', ms(tPlanned), 'goal ≤ 1000 ms', `median of ${reps}`)
const p50 = median(edits)
const p95 = percentile(edits, 95)
printRow('full equity recompute (coverage + every indicator, as-is)', ms(tFull), 'before issue 8', `median of ${reps}`)
printRow(
  `facility edit → all figures updated, p50 (${moves} moves)`,
  ms(p50),
  'goal ≥ 10× faster',
  `${(tFull / p50).toFixed(0)}× faster than the full recompute; both scenarios + wall KPIs`,
)
printRow(
  'facility edit → all figures updated, p95',
  ms(p95),
  'goal ≥ 10× faster',
  `${(tFull / p95).toFixed(0)}× faster; communities re-rated per move, median ${median(touched)}`,
)
printRow(
  'indicator values differing from a full recompute after the moves',
  String(differing),
  'goal 0',
  'both scenarios',
)
if (tIndicators > 1000 || tFull / p50 < 10 || differing > 0) process.exitCode = 1
