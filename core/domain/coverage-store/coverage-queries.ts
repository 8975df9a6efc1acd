// Answers to the coverage questions, read from the coverage store (pure): totals per level, the
// unserved buildings (points or hexagons), the worst grids / units / communities. Bad subjects
// throw a CoverageQueryError with a named code (the server answers 400).
import type { Bbox, CoverageGaps, CoverageRow, CoverageSummary, CoverageTotals } from '../../api'
import { toLngLat } from '../../geo'
import { aggregateCoverage, type Scenario } from '../coverage'
import { hexBins, hexCorners } from '../coverage/hex-bins'
import type { CoverageStore } from './coverage-store'
import type { Level, LevelKeys } from './level-keys'

export type CoverageQueryErrorCode = 'UNKNOWN_FACILITY_TYPE' | 'TIER_MISMATCH' | 'UNKNOWN_TIER' | 'MISSING_SUBJECT'

/** A question coverage cannot answer as asked; the message names the bad value. */
export class CoverageQueryError extends Error {
  constructor(
    readonly code: CoverageQueryErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'CoverageQueryError'
  }
}

export interface Subject {
  type?: string
  tier?: string
  scenario?: Scenario
}

/** The covered flags for a type (or a whole tier) in a scenario; unknown names are a 400. */
export function coveredFlags(
  model: CoverageStore,
  subject: Subject,
): {
  covered: Uint8Array
  nearestMeters: Float32Array | null
  type: string | null
  tier: string
  scenario: Scenario
} {
  const scenario = subject.scenario ?? 'as-is'
  const state = model.scenarios[scenario].coverage
  if (subject.type !== undefined) {
    const cov = state.byType.get(subject.type)
    if (!cov)
      throw new CoverageQueryError(
        'UNKNOWN_FACILITY_TYPE',
        `unknown facility type "${subject.type}" (see /api/facility-types)`,
      )
    if (subject.tier !== undefined && subject.tier !== cov.type.tier)
      throw new CoverageQueryError(
        'TIER_MISMATCH',
        `facility type "${subject.type}" is of tier ${cov.type.tier}, not "${subject.tier}": tiers never substitute`,
      )
    return { covered: cov.covered, nearestMeters: cov.nearestMeters, type: subject.type, tier: cov.type.tier, scenario }
  }
  if (subject.tier !== undefined) {
    const tier = state.byTier.get(subject.tier)
    if (!tier)
      throw new CoverageQueryError(
        'UNKNOWN_TIER',
        `no facility type has tier "${subject.tier}"; the tiers are ${[...state.byTier.keys()].join(', ')} (see /api/facility-types)`,
      )
    return { covered: tier.covered, nearestMeters: null, type: null, tier: subject.tier, scenario }
  }
  throw new CoverageQueryError(
    'MISSING_SUBJECT',
    `give a facility "type" or a life-circle "tier" (${[...state.byTier.keys()].join(', ')})`,
  )
}

const totalsOf = (
  t: { total: Float64Array; covered: Float64Array; unserved: Float64Array },
  k: number,
): CoverageTotals => {
  const households = Math.round(t.total[k])
  const covered = Math.round(t.covered[k])
  return { households, covered, unserved: households - covered, share: households > 0 ? covered / households : 0 }
}

function rowOf(
  keys: LevelKeys,
  level: Level,
  k: number,
  t: { total: Float64Array; covered: Float64Array; unserved: Float64Array },
): CoverageRow {
  const bbox = keys.bbox
  const row: CoverageRow = {
    key: level === 'grid' ? keys.names[k] : keys.codes[k],
    name: keys.names[k],
    ...totalsOf(t, k),
    bbox: [bbox[4 * k], bbox[4 * k + 1], bbox[4 * k + 2], bbox[4 * k + 3]],
  }
  if (keys.kinds[k]) row.kind = keys.kinds[k]
  if (keys.communityCodes[k] && level !== 'community') row.communityCode = keys.communityCodes[k]
  return row
}

function inBbox(keys: LevelKeys, k: number, bbox?: Bbox): boolean {
  if (!bbox) return true
  const b = keys.bbox
  if (Number.isNaN(b[4 * k])) return false
  return b[4 * k] <= bbox[2] && b[4 * k + 2] >= bbox[0] && b[4 * k + 1] <= bbox[3] && b[4 * k + 3] >= bbox[1]
}

export interface SummaryOptions extends Subject {
  level: Level
  street?: string
  community?: string
  bbox?: Bbox
  limit: number
}

/** Covered / unserved / total households per key of a level, the district and its urban/rural split. */
export function coverageSummary(model: CoverageStore, options: SummaryOptions): CoverageSummary {
  const flags = coveredFlags(model, options)
  const { households } = model.demand
  const all = aggregateCoverage(households, flags.covered)
  const ur = aggregateCoverage(households, flags.covered, model.demand.keys.urbanRural, 2)
  const keys = model.levels[options.level]
  const t = aggregateCoverage(households, flags.covered, keys.of, keys.codes.length)
  const rows: CoverageRow[] = []
  let total = 0
  for (let k = 0; k < keys.codes.length; k++) {
    // the 'unassigned' grid key only when some building has no grid
    if (options.level === 'grid' && keys.codes[k] === '0' && t.total[k] === 0) continue
    if (options.level !== 'district') {
      if (options.street && keys.streetCodes[k] !== options.street) continue
      if (options.community && keys.communityCodes[k] !== options.community) continue
    }
    if (!inBbox(keys, k, options.bbox)) continue
    // a key with no building yet (a district being imported) has no figures or bbox to show
    if (Number.isNaN(keys.bbox[4 * k])) continue
    total++
    if (rows.length < options.limit) rows.push(rowOf(keys, options.level, k, t))
  }
  return {
    scenario: flags.scenario,
    subject: { type: flags.type, tier: flags.tier },
    level: options.level,
    totals: totalsOf(all, 0),
    urban: totalsOf(ur, 0),
    rural: totalsOf(ur, 1),
    rows,
    total,
    computedAt: new Date().toISOString(),
  }
}

export interface WorstOptions extends Subject {
  level: 'grid' | 'unit' | 'community'
  sort: 'unserved' | 'share'
  bbox?: Bbox
  street?: string
  limit: number
}

/** The keys with the most unserved households (or the lowest share), worst first. */
export function worstKeys(
  model: CoverageStore,
  options: WorstOptions,
): { scenario: Scenario; level: string; rows: CoverageRow[] } {
  const flags = coveredFlags(model, options)
  const keys = model.levels[options.level]
  const t = aggregateCoverage(model.demand.households, flags.covered, keys.of, keys.codes.length)
  const picked: number[] = []
  for (let k = 0; k < keys.codes.length; k++) {
    if (t.unserved[k] <= 0) continue
    if (options.level === 'grid' && keys.codes[k] === '0') continue
    if (options.street && keys.streetCodes[k] !== options.street) continue
    if (!inBbox(keys, k, options.bbox)) continue
    picked.push(k)
  }
  const share = (k: number) => t.covered[k] / t.total[k]
  picked.sort((a, b) =>
    options.sort === 'share'
      ? share(a) - share(b) || t.unserved[b] - t.unserved[a]
      : t.unserved[b] - t.unserved[a] || share(a) - share(b),
  )
  return {
    scenario: flags.scenario,
    level: options.level,
    rows: picked.slice(0, options.limit).map((k) => rowOf(keys, options.level, k, t)),
  }
}

export interface GapOptions extends Subject {
  bbox?: Bbox
  aggregate: 'none' | 'hex'
  cellMeters: number
  limit: number
}

/** Unserved buildings in a bbox, as points (up to limit) or summed into hexagons. */
export function coverageGaps(model: CoverageStore, options: GapOptions): CoverageGaps {
  const flags = coveredFlags(model, options)
  const { lng, lat, id } = model.world.buildings
  const { households, xMeters, yMeters } = model.demand
  const bbox = options.bbox
  const selected = (i: number) =>
    !flags.covered[i] &&
    households[i] > 0 &&
    (!bbox || (lng[i] >= bbox[0] && lng[i] <= bbox[2] && lat[i] >= bbox[1] && lat[i] <= bbox[3]))
  const points: CoverageGaps['points'] = { buildingId: [], lng: [], lat: [], households: [], nearestMeters: [] }
  let unservedHouseholds = 0
  let unservedBuildings = 0
  let truncated = false
  const picked: number[] = [] // in building-id order
  for (const i of model.byId) {
    if (!selected(i)) continue
    picked.push(i)
    unservedHouseholds += households[i]
    unservedBuildings++
    if (options.aggregate !== 'none') continue
    if (points.buildingId.length >= options.limit) {
      truncated = true
      continue
    }
    points.buildingId.push(id[i])
    points.lng.push(Math.round(lng[i] * 1e6) / 1e6)
    points.lat.push(Math.round(lat[i] * 1e6) / 1e6)
    points.households.push(households[i])
    const d = flags.nearestMeters?.[i]
    points.nearestMeters.push(d === undefined || !Number.isFinite(d) ? null : Math.round(d))
  }
  const hexagons: CoverageGaps['hexagons'] = []
  if (options.aggregate === 'hex') {
    const bins = hexBins(
      Float64Array.from(picked, (i) => xMeters[i]),
      Float64Array.from(picked, (i) => yMeters[i]),
      Float64Array.from(picked, (i) => households[i]),
      options.cellMeters,
    )
    bins.sort((a, b) => b.weight - a.weight)
    if (bins.length > options.limit) truncated = true
    for (const bin of bins.slice(0, options.limit)) {
      const round = (p: [number, number]): [number, number] => [
        Math.round(p[0] * 1e6) / 1e6,
        Math.round(p[1] * 1e6) / 1e6,
      ]
      hexagons.push({
        polygon: hexCorners(bin.xMeters, bin.yMeters, options.cellMeters).map((c) => round(toLngLat(c))),
        center: round(toLngLat([bin.xMeters, bin.yMeters])),
        households: Math.round(bin.weight),
        buildings: bin.count,
      })
    }
  }
  return {
    scenario: flags.scenario,
    subject: { type: flags.type, tier: flags.tier },
    aggregate: options.aggregate,
    unservedHouseholds: Math.round(unservedHouseholds),
    unservedBuildings,
    points,
    hexagons,
    cellMeters: options.cellMeters,
    truncated,
  }
}
