// One store of coverage state, read by coverage, equity, siting and the wall (pure, no I/O).
// Built once from the world's rows: the demand in EPSG:4548 metres with its kd-tree, the level
// keys, and per scenario (as is / with planned) the per-building coverage of core/domain/coverage
// with its per-community sums. The indicator rows (core/domain/equity) are computed on first use.
// A facility change is applied incrementally, once: coverage (update-coverage), then only the
// sums, 2SFCA values and indicator rows of the communities whose figures it changed.
import type { IndicatorInfo } from '../../api'
import { toMetric, toMetricBatch } from '../../geo'
import { buildWalkGraph } from '../../network'
import {
  type CoverageState,
  computeCoverage,
  createDemandIndex,
  createWalkContext,
  type DemandIndex,
  type Facility,
  type Scenario,
  upsertFacility,
  upsertWalkFacility,
  type WalkContext,
  walkCoverage,
} from '../coverage'
import {
  defaultStarRatingSettings,
  type IndicatorSettings,
  indicatorCatalogue,
  type StarRatingSettings,
} from '../equity'
import {
  access2sfcaOf,
  type CommunityResult,
  communityResult,
  coveredPerCommunity,
  floorAreaPerCommunity,
  type IndicatorInputs,
  sliceHouseholds,
  tierNearestInto,
} from './community-figures'
import { gridLevelKeys, type Level, type LevelKeys, levelKeysOf } from './level-keys'
import {
  communityRanges,
  idOrder,
  type StoreFacility,
  type StoreFacilityType,
  type StoreGrid,
  type StoreWorld,
} from './world'

export const SCENARIOS: readonly Scenario[] = ['as-is', 'with-planned']

/** How distance is measured: along the walk network (步行距离) or as the straight line (直线距离). */
export type DistanceMethod = 'walk' | 'radius'

/** The walking side of the store: the graph joined to the buildings, and both scenarios on foot. */
export interface WalkFigures {
  ctx: WalkContext
  scenarios: Record<Scenario, ScenarioFigures>
}

/** A scenario's indicator rows, in community order. */
export interface ScenarioResult {
  scenario: Scenario
  rows: CommunityResult[]
  byCode: Map<string, CommunityResult>
  computedAt: string
}

/** One scenario's state: coverage, per-community sums, and (once asked for) the indicator rows. */
export interface ScenarioFigures {
  scenario: Scenario
  coverage: CoverageState
  /** covered households per type (and `tier:<tier>`) per community, in community order */
  coveredHouseholds: Map<string, Float64Array>
  /** households of each community's buildings, in community order */
  households: Float64Array
  computedAt: string
  indicators: (IndicatorInputs & ScenarioResult) | null
}

export interface CoverageStore {
  world: StoreWorld
  demand: DemandIndex
  /** community c's buildings are [ranges[c], ranges[c + 1]) */
  ranges: Int32Array
  /** building indices in building-id order (the order lists and siting walk them in) */
  byId: Int32Array
  levels: Record<Level, LevelKeys>
  urban: Uint8Array // 1 for buildings of urban communities
  types: Map<string, StoreFacilityType>
  facilities: Map<number, StoreFacility>
  /** current grids in code order, and their households per community code */
  gridsByCode: StoreGrid[]
  gridHouseholds: Map<string, number[]>
  starSettings: StarRatingSettings
  catalogue: IndicatorInfo[]
  /** straight-line (radius) figures per scenario */
  scenarios: Record<Scenario, ScenarioFigures>
  /** walking-distance figures per scenario, when the world has a walk network with walkable edges */
  walk: WalkFigures | null
}

/** What one update changed. */
export interface StoreUpdate {
  /** community indices whose figures changed, per scenario */
  communities: Record<Scenario, number[]>
  millis: number
}

export function toCoreFacility(row: StoreFacility): Facility {
  const [x, y] = toMetric([row.lng, row.lat])
  return {
    id: String(row.id),
    typeId: row.typeCode,
    xMeters: x,
    yMeters: y,
    status: row.status,
    radiusMeters: row.radiusM ?? undefined,
  }
}

/** Builds the store from the world's rows: demand index, level keys, both scenarios' coverage and sums. */
export function createCoverageStore(world: StoreWorld): CoverageStore {
  const b = world.buildings
  const ranges = communityRanges(b.community, world.communities.length)
  const byId = idOrder(b.id)
  const { xMeters, yMeters } = toMetricBatch(b.lng, b.lat)
  const urban = Uint8Array.from(b.community, (c) => (world.communities[c].kind === 'urban' ? 1 : 0))
  const levels = levelKeysOf(world, byId)
  const demand = createDemandIndex({
    xMeters,
    yMeters,
    households: b.households,
    residents: b.residents,
    keys: {
      grid: levels.grid.of,
      community: levels.community.of,
      street: levels.street.of,
      urbanRural: Int32Array.from(urban, (u) => (u ? 0 : 1)),
    },
  })
  const { gridsByCode, gridHouseholds } = gridTables(world.grids)
  const store: CoverageStore = {
    world,
    demand,
    ranges,
    byId,
    levels,
    urban,
    types: new Map(world.types.map((t) => [t.code, t])),
    facilities: new Map(world.facilities.map((f) => [f.id, f])),
    gridsByCode,
    gridHouseholds,
    starSettings: defaultStarRatingSettings(world.settings),
    catalogue: indicatorCatalogue(world.types, world.settings),
    scenarios: {} as Record<Scenario, ScenarioFigures>,
    walk: null,
  }
  for (const scenario of SCENARIOS) store.scenarios[scenario] = computeScenario(store, scenario)
  attachNetwork(store, world.network ?? null)
  return store
}

/** Joins a walk network to the store (or drops it with null) and walks both scenarios. */
export function attachNetwork(store: CoverageStore, network: CoverageStore['world']['network']): void {
  store.world.network = network
  store.walk = null
  if (!network) return
  const graph = buildWalkGraph(network)
  if (graph.edgeCount === 0) return
  store.walk = { ctx: createWalkContext(graph, store.demand), scenarios: {} as Record<Scenario, ScenarioFigures> }
  for (const scenario of SCENARIOS) store.walk.scenarios[scenario] = computeScenario(store, scenario, 'walk')
}

/** The method a question gets when it names none: walking where a network exists (ADR 22). */
export function defaultMethod(store: CoverageStore): DistanceMethod {
  return store.walk ? 'walk' : 'radius'
}

/**
 * The store as seen with one distance method: the same store, its scenario figures those of the
 * method (a shallow view; every query and indicator of the store reads it unchanged). Walking
 * without a network is a RangeError the routes turn into a 400.
 */
export function storeFor(store: CoverageStore, method: DistanceMethod = defaultMethod(store)): CoverageStore {
  if (method === 'radius') return store
  if (method !== 'walk') throw new RangeError(`unknown distance method "${String(method)}"`)
  if (!store.walk) throw new RangeError('no walk network: walking distances need one (see /api/network)')
  return { ...store, scenarios: store.walk.scenarios }
}

function figureSets(store: CoverageStore): Record<Scenario, ScenarioFigures>[] {
  return store.walk ? [store.scenarios, store.walk.scenarios] : [store.scenarios]
}

/** Grids in code order (the wall's alarm order) and their households per community code. */
function gridTables(grids: readonly StoreGrid[]) {
  const gridsByCode = [...grids].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))
  const gridHouseholds = new Map<string, number[]>()
  for (const g of gridsByCode) {
    const list = gridHouseholds.get(g.communityCode)
    if (list) list.push(g.households)
    else gridHouseholds.set(g.communityCode, [g.households])
  }
  return { gridsByCode, gridHouseholds }
}

/**
 * Applies a saved grid edit: the current grids, and the grid of each building of the edited
 * communities (in building-id order, as their slice). Coverage does not change; the grid keys,
 * the grid tables and the edited communities' indicator rows do.
 */
export function applyGrids(
  store: CoverageStore,
  grids: StoreGrid[],
  edited: readonly { communityCode: string; gridIds: Int32Array }[],
): number[] {
  const index = new Map(store.world.communities.map((c, i) => [c.code, i]))
  const communities: number[] = []
  for (const { communityCode, gridIds } of edited) {
    const c = index.get(communityCode)
    if (c === undefined) throw new RangeError(`unknown community ${communityCode}`)
    const from = store.ranges[c]
    if (gridIds.length !== store.ranges[c + 1] - from)
      throw new RangeError(
        `community ${communityCode} has ${store.ranges[c + 1] - from} buildings, got ${gridIds.length}`,
      )
    store.world.buildings.gridId.set(gridIds, from)
    communities.push(c)
  }
  store.world.grids = grids
  store.levels.grid = gridLevelKeys(store.world, store.byId)
  store.demand.keys.grid = store.levels.grid.of
  Object.assign(store, gridTables(grids))
  for (const figures of figureSets(store))
    for (const scenario of SCENARIOS) {
      const ind = figures[scenario].indicators
      if (!ind) continue
      for (const c of communities) {
        const r = communityResult(store, ind, c, { result: ind.rows[c], subjects: new Set() })
        ind.rows[c] = r
        ind.byCode.set(r.community.code, r)
      }
    }
  return communities
}

/**
 * Applies changed norms (settings table): coverage does not change; the catalogue, the star
 * rating criteria and the compliance ranges follow, and the indicator rows are computed again on
 * their next use.
 */
export function applySettings(
  store: CoverageStore,
  settings: IndicatorSettings,
  tierRadiusRange: Record<string, [number, number]> | undefined,
): void {
  store.world.settings = settings
  store.world.tierRadiusRange = tierRadiusRange
  store.starSettings = defaultStarRatingSettings(settings)
  store.catalogue = indicatorCatalogue(store.world.types, settings)
  for (const figures of figureSets(store)) for (const scenario of SCENARIOS) figures[scenario].indicators = null
}

/** A scenario from scratch: coverage of every type (full recompute) and its per-community sums. */
export function computeScenario(
  store: CoverageStore,
  scenario: Scenario,
  method: DistanceMethod = 'radius',
): ScenarioFigures {
  const types = store.world.types.map((t) => ({ id: t.code, tier: t.tier, defaultRadiusMeters: t.defaultRadiusM }))
  const facilities = [...store.facilities.values()].map(toCoreFacility)
  const coverage =
    method === 'walk'
      ? walkCoverage(store.walk!.ctx, store.demand, facilities, types, { scenario })
      : computeCoverage(store.demand, facilities, types, { scenario })
  const count = store.world.communities.length
  return {
    scenario,
    coverage,
    coveredHouseholds: coveredPerCommunity(store, coverage),
    households: Float64Array.from({ length: count }, (_, c) => sliceHouseholds(store, c, null)),
    computedAt: new Date().toISOString(),
    indicators: null,
  }
}

/** The indicator rows of a scenario, computed for every community on first use. */
export function scenarioResult(store: CoverageStore, scenario: Scenario): ScenarioResult {
  const figures = store.scenarios[scenario]
  figures.indicators ??= computeIndicators(store, figures)
  return figures.indicators
}

/** Every community's indicators from a scenario's coverage and sums (the full computation). */
export function computeIndicators(store: CoverageStore, figures: ScenarioFigures): IndicatorInputs & ScenarioResult {
  const { coverage } = figures
  const n = store.demand.count
  const tierNearest = new Map<string, Float32Array>()
  for (const tier of coverage.byTier.values())
    tierNearest.set(tier.tier, tierNearestInto(coverage, tier.tier, new Float32Array(n)))
  const access2sfca = new Map<string, Float64Array>()
  for (const cov of coverage.byType.values()) access2sfca.set(cov.type.id, access2sfcaOf(store, coverage, cov))
  const inputs: IndicatorInputs = {
    coverage,
    coveredHouseholds: figures.coveredHouseholds,
    households: figures.households,
    tierNearest,
    access2sfca,
    floorArea: floorAreaPerCommunity(store, coverage),
  }
  const rows = store.world.communities.map((_, c) => communityResult(store, inputs, c))
  return {
    ...inputs,
    scenario: figures.scenario,
    rows,
    byCode: new Map(rows.map((r) => [r.community.code, r])),
    computedAt: figures.computedAt,
  }
}

/**
 * Applies committed facility rows (added, moved, edited or retired) to both scenarios, in one
 * pass: incremental coverage, then the sums, tier distances, 2SFCA values, floor areas and
 * indicator rows of only the communities whose figures changed.
 */
export function applyFacilities(store: CoverageStore, rows: readonly StoreFacility[]): StoreUpdate {
  const started = performance.now()
  const communities = {} as Record<Scenario, number[]>
  for (const scenario of SCENARIOS) communities[scenario] = []
  for (const row of rows) {
    const old = store.facilities.get(row.id)
    store.facilities.set(row.id, row)
    const typeIds = new Set([row.typeCode, ...(old ? [old.typeCode] : [])])
    const facility = toCoreFacility(row)
    for (const scenario of SCENARIOS) {
      const upsert = (state: CoverageState) => upsertFacility(state, facility)
      const changed = applyToScenario(store, store.scenarios[scenario], upsert, typeIds)
      for (const c of changed) if (!communities[scenario].includes(c)) communities[scenario].push(c)
      const walk = store.walk
      if (!walk) continue
      const upsertWalk = (state: CoverageState) => upsertWalkFacility(walk.ctx, state, facility)
      for (const c of applyToScenario(store, walk.scenarios[scenario], upsertWalk, typeIds))
        if (!communities[scenario].includes(c)) communities[scenario].push(c)
    }
  }
  return { communities, millis: performance.now() - started }
}

function applyToScenario(
  store: CoverageStore,
  figures: ScenarioFigures,
  upsert: (state: CoverageState) => unknown,
  typeIds: Set<string>,
): number[] {
  const { coverage } = figures
  const { community } = store.world.buildings
  const n = store.demand.count
  // the affected types' flags and distances before the change
  const before = [...typeIds].map((id) => {
    const cov = coverage.byType.get(id)!
    return { cov, covered: cov.covered.slice(), nearest: cov.nearestMeters.slice() }
  })
  upsert(coverage)
  // per subject (type code, `tier:<tier>`): the communities whose coverage or distances it changed
  const count = store.world.communities.length
  const changedIn = new Map<string, Uint8Array>()
  const marks = (subject: string) => {
    const m = changedIn.get(subject) ?? new Uint8Array(count)
    changedIn.set(subject, m)
    return m
  }
  for (const { cov, covered, nearest } of before) {
    const m = marks(cov.type.id)
    for (let b = 0; b < n; b++)
      if (covered[b] !== cov.covered[b] || nearest[b] !== cov.nearestMeters[b]) m[community[b]] = 1
  }
  const dirty = new Uint8Array(count)
  for (const m of changedIn.values()) for (let c = 0; c < count; c++) dirty[c] |= m[c]
  const touched: number[] = []
  for (let c = 0; c < count; c++) if (dirty[c]) touched.push(c)
  // covered households of the types and their tiers in the touched communities
  const tiers = [...new Set(before.map(({ cov }) => cov.type.tier))]
  for (const c of touched) {
    for (const { cov } of before)
      if (changedIn.get(cov.type.id)![c])
        figures.coveredHouseholds.get(cov.type.id)![c] = sliceHouseholds(store, c, cov.covered)
    for (const tier of tiers) {
      const sums = figures.coveredHouseholds.get(`tier:${tier}`)!
      const next = sliceHouseholds(store, c, coverage.byTier.get(tier)!.covered)
      if (next !== sums[c]) marks(`tier:${tier}`)[c] = 1
      sums[c] = next
    }
  }
  figures.computedAt = new Date().toISOString()
  const ind = figures.indicators
  if (!ind) return touched
  // tier distances over the touched slices
  for (const c of touched) {
    const from = store.ranges[c]
    const to = store.ranges[c + 1]
    for (const tier of tiers) {
      const nearest = ind.tierNearest.get(tier)!
      const old = nearest.slice(from, to)
      tierNearestInto(coverage, tier, nearest, from, to)
      for (let b = from; b < to; b++)
        if (old[b - from] !== nearest[b]) {
          marks(`tier:${tier}`)[c] = 1
          break
        }
    }
  }
  // 2SFCA of the affected types, floor areas: communities whose value changed
  for (const { cov } of before) {
    const next = access2sfcaOf(store, coverage, cov)
    const prev = ind.access2sfca.get(cov.type.id)!
    for (let c = 0; c < count; c++) if (!Object.is(next[c], prev[c])) dirty[c] = 1
    ind.access2sfca.set(cov.type.id, next)
  }
  const floorArea = floorAreaPerCommunity(store, coverage)
  for (let c = 0; c < count; c++) if (floorArea[c] !== ind.floorArea[c]) dirty[c] = 1
  ind.floorArea = floorArea
  // the rows of every community whose inputs changed; access summaries only for the subjects that did
  const changed: number[] = []
  for (let c = 0; c < count; c++) {
    if (!dirty[c]) continue
    changed.push(c)
    const subjects = new Set<string>()
    for (const [subject, m] of changedIn) if (m[c]) subjects.add(subject)
    const r = communityResult(store, ind, c, { result: ind.rows[c], subjects })
    ind.rows[c] = r
    ind.byCode.set(r.community.code, r)
  }
  ind.computedAt = figures.computedAt
  return changed
}
