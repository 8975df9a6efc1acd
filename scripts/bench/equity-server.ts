// Issue 5 benchmark on the real demo world (seed 20230101, scale 1: 505 communities, ~44k
// buildings, 800k households, ~1,440 facilities): the server's equity model, as the API runs it.
// Times, after coverage is known, every indicator of every community (core indicators over 18
// types and tiers, 2SFCA per type, the star rating), the urban–rural comparison of every
// indicator, and the wall's KPIs; beside the baseline of enumerating every (building, facility)
// pair within reach once — the radius queries coverage itself makes — measured in the same run.
//   npx tsx scripts/bench/equity-server.ts [--reps 7]
import { readFileSync } from 'node:fs'
import { generateDemoWorld } from '../../core/demo/generate-demo-world'
import { compareRows } from '../../core/domain/equity'
import {
  type EquityCommunity,
  type EquityFacilityType,
  EquityModel,
  type EquityWorld,
  indicatorSettingsFrom,
} from '../../server/modules/equity/equity-model'
import { wallKpis } from '../../server/modules/equity/wall-kpis'
import { median, printRow } from './report'

const reps = process.argv.includes('--reps') ? Number(process.argv[process.argv.indexOf('--reps') + 1]) : 7
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`
const time = (f: () => void) => {
  const t = performance.now()
  f()
  return performance.now() - t
}
const repeat = (n: number, f: () => void) => median(Array.from({ length: n }, () => time(f)))

// --- the facility types and norms of migrations/0002_standards.sql (the standards as data) ---
const standards = readFileSync(new URL('../../migrations/0002_standards.sql', import.meta.url), 'utf8')
const types: EquityFacilityType[] = [
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
const communities: EquityCommunity[] = [...demo.communities]
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
const unitCommunity = new Map(demo.units.map((u) => [u.code, u.communityCode]))
const buildingOrder = demo.buildings
  .map((b, i) => ({ i, c: communityIndex.get(unitCommunity.get(b.unitCode)!)! }))
  .sort((a, b) => a.c - b.c || a.i - b.i)
const n = buildingOrder.length
const buildings = {
  lng: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].lng),
  lat: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].lat),
  households: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].households),
  residents: Float64Array.from(buildingOrder, ({ i }) => demo.buildings[i].residents),
  community: Int32Array.from(buildingOrder, ({ c }) => c),
}
const gridHouseholds = new Map<string, number>()
for (const u of demo.units) gridHouseholds.set(u.gridCode, (gridHouseholds.get(u.gridCode) ?? 0) + u.households)
const world: EquityWorld = {
  communities,
  buildings,
  facilities: demo.facilities.map((f, i) => ({
    id: String(i + 1),
    typeCode: f.typeCode,
    status: f.status,
    lng: f.lng,
    lat: f.lat,
    radiusM: f.radiusM,
    floorAreaM2: f.floorAreaM2,
    capacity: f.capacity,
    communityCode: f.communityCode,
  })),
  types,
  grids: demo.grids.map((g, i) => ({
    id: i + 1,
    code: g.code,
    name: g.name,
    communityCode: g.communityCode,
    streetCode: g.streetCode,
    households: gridHouseholds.get(g.code) ?? 0,
    labelPoint: null,
  })),
  settings: indicatorSettingsFrom(settings),
}
const tWorld = performance.now() - t

// --- the model: demand index once, coverage once ("coverage is known") ---------------------------
let model!: EquityModel
const tModel = time(() => {
  model = new EquityModel(world)
})
let coverage = model.coverage('as-is')
const tCoverage = repeat(3, () => {
  coverage = model.coverage('as-is')
})

// --- baseline: every (building, facility) pair within reach, enumerated once ----------------------
let pairs = 0
const buffer = new Int32Array(n)
const tPairs = repeat(reps, () => {
  pairs = 0
  for (const cov of coverage.byType.values()) {
    const { sites } = cov
    for (let s = 0; s < sites.ids.length; s++) {
      if (!sites.alive[s]) continue
      pairs += model.demand.index.withinInto(sites.xMeters[s], sites.yMeters[s], sites.radiusMeters[s], buffer)
    }
  }
})

// --- all indicators for all communities, after coverage ---------------------------------------
let result = model.compute(model.sumCoverage('as-is', coverage))
const tIndicators = repeat(reps, () => {
  result = model.compute(model.sumCoverage('as-is', coverage))
})
const codes = model.catalogue().map((i) => i.code)
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
const tWall = repeat(reps, () => wallKpis(model, model.sumCoverage('as-is', coverage), null))
let planned = model.coverage('with-planned')
const tPlannedCoverage = time(() => {
  planned = model.coverage('with-planned')
})
const tPlanned = repeat(reps, () => model.compute(model.sumCoverage('with-planned', planned)))

console.log(
  `  demo world: ${communities.length} communities, ${n.toLocaleString()} buildings, ` +
    `${world.facilities.length.toLocaleString()} facilities, ${types.length} types, ${codes.length} indicators per community`,
)
printRow('generate the demo world (seed 20230101, scale 1)', ms(tGenerate), 'setup', 'once')
printRow('rows → equity world (sort buildings by community)', ms(tWorld), 'setup', 'once')
printRow('demand index (EPSG:4548, kd-tree), once per start', ms(tModel), 'setup', 'once')
printRow('coverage as-is, all types (computeCoverage)', ms(tCoverage), 'issue 4', 'median of 3')
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
printRow('wall KPIs and alarms, district (coverage sums + KPIs)', ms(tWall), 'goal ≪ 100 ms', `median of ${reps}`)
printRow('coverage with planned facilities (scenario view)', ms(tPlannedCoverage), 'issue 4', 'once')
printRow('ALL indicators with planned facilities, after coverage', ms(tPlanned), 'goal ≤ 1000 ms', `median of ${reps}`)
if (tIndicators > 1000) process.exitCode = 1
