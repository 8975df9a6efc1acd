// The wall display's KPI tiles, alarms and coverage-gap points, summed from the coverage store's
// per-community sums (pure: no I/O). Alarms: grids far out of the household band (|deviation| > 2.5 × the
// tolerance, the outermost colour classes of the map), communities whose one-window service
// reaches under half their households, and communities under the staffing norm.
import type { WallAlarm, WallGaps, WallKpis } from '../../api'
import { compareRows } from '../equity'
import type { CoverageStore, ScenarioFigures } from './coverage-store'

/** The key types shown as tiles, in order (those missing from the types table are skipped). */
export const WALL_KEY_TYPES = [
  'community_service_station',
  'village_service_station',
  'kindergarten',
  'elderly_daycare',
  'health_station',
  'health_centre',
]
/** The indicator behind the urban–rural gap index. */
export const WALL_GAP_INDICATOR = 'coverage_share:tier:5min'
/** Far out of band: |deviation| above this multiple of the tolerance. */
export const FAR_OUT_OF_BAND_FACTOR = 2.5
/** A one-window coverage share below this is an alarm. */
export const COVERAGE_GAP_SHARE = 0.5
const MAX_ALARMS_PER_KIND = 12

/** The one-window type that serves a community: the village station in villages. */
const oneWindowType = (kind: 'urban' | 'rural') =>
  kind === 'rural' ? 'village_service_station' : 'community_service_station'

export function wallKpis(
  store: CoverageStore,
  sums: ScenarioFigures,
  street: { code: string; name: string } | null,
): WallKpis {
  const { world } = store
  const { settings } = world
  const share = (key: string, c: number) => {
    const h = sums.households[c]
    return h > 0 ? sums.coveredHouseholds.get(key)![c] / h : null
  }
  const picked: number[] = []
  world.communities.forEach((c, i) => {
    if (!street || c.streetCode === street.code) picked.push(i)
  })
  const inStreet = new Set(picked.map((i) => world.communities[i].code))
  // households, residents, staffing, one-window coverage gaps
  let households = 0
  let residents = 0
  let belowWorkerNorm = 0
  const alarms: WallAlarm[] = []
  const staffing: WallAlarm[] = []
  const gaps: WallAlarm[] = []
  for (const i of picked) {
    const c = world.communities[i]
    households += c.households
    residents += c.residents
    const w = c.residents > 0 ? (c.workers / c.residents) * 10_000 : null
    if (w !== null && w < settings.minWorkersPer10kResidents) {
      belowWorkerNorm++
      staffing.push(alarm('workers_below_norm', c.code, c.name, c, w))
    }
    const oneWindow = world.types.some((t) => t.code === oneWindowType(c.kind)) ? share(oneWindowType(c.kind), i) : null
    if (oneWindow !== null && oneWindow < COVERAGE_GAP_SHARE)
      gaps.push(alarm('coverage_gap', c.code, c.name, c, 1 - oneWindow))
  }
  // grids in band and far out of it
  const target = settings.gridHouseholdTarget
  const tolerance = settings.gridHouseholdTolerance
  const band: [number, number] = [target * (1 - tolerance), target * (1 + tolerance)]
  let grids = 0
  let gridsInBand = 0
  const far: WallAlarm[] = []
  const communityByCode = new Map(world.communities.map((c) => [c.code, c]))
  for (const g of store.gridsByCode) {
    if (!inStreet.has(g.communityCode)) continue
    grids++
    if (g.households >= band[0] && g.households <= band[1]) gridsInBand++
    const deviation = (g.households - target) / target
    if (Math.abs(deviation) > FAR_OUT_OF_BAND_FACTOR * tolerance) {
      const c = communityByCode.get(g.communityCode)
      far.push({
        kind: 'grid_far_out_of_band',
        id: String(g.id),
        name: g.name,
        communityName: c?.name ?? '',
        streetCode: g.streetCode,
        value: deviation,
        lngLat: g.labelPoint,
      })
    }
  }
  far.sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
  gaps.sort((a, b) => b.value - a.value)
  staffing.sort((a, b) => a.value - b.value)
  alarms.push(...far.slice(0, MAX_ALARMS_PER_KIND), ...gaps.slice(0, MAX_ALARMS_PER_KIND))
  alarms.push(...staffing.slice(0, MAX_ALARMS_PER_KIND))
  // coverage tiles: covered households / households over the picked communities
  const typeByCode = new Map(world.types.map((t) => [t.code, t]))
  const coverage = WALL_KEY_TYPES.filter((code) => typeByCode.has(code)).flatMap((code) => {
    // a one-window type serves one kind of community: count only those households
    const kind: 'urban' | 'rural' | null =
      code === oneWindowType('urban') ? 'urban' : code === oneWindowType('rural') ? 'rural' : null
    const covered = sums.coveredHouseholds.get(code)!
    let sumCovered = 0
    let total = 0
    for (const i of picked) {
      if (kind !== null && world.communities[i].kind !== kind) continue
      sumCovered += covered[i]
      total += sums.households[i]
    }
    if (total === 0) return []
    const t = typeByCode.get(code)!
    return [
      {
        typeCode: code,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        kind,
        share: sumCovered / total,
        coveredHouseholds: Math.round(sumCovered),
      },
    ]
  })
  // the urban–rural gap index: Theil between-group part over the stop's communities
  const gap = gapIndex(store, sums, picked)
  return {
    street: street?.code ?? null,
    streetName: street?.name ?? null,
    households,
    residents,
    communities: picked.length,
    grids,
    gridsInBand,
    gridsInBandShare: grids > 0 ? gridsInBand / grids : 0,
    householdBand: band,
    workerNormPer10k: settings.minWorkersPer10kResidents,
    communitiesBelowWorkerNorm: belowWorkerNorm,
    coverage,
    gap,
    alarms,
    trend: null,
    computedAt: sums.computedAt,
  }
}

function alarm(
  kind: WallAlarm['kind'],
  id: string,
  name: string,
  c: { name: string; streetCode: string; labelPoint: [number, number] | null },
  value: number,
): WallAlarm {
  return { kind, id, name, communityName: c.name, streetCode: c.streetCode, value, lngLat: c.labelPoint }
}

function gapIndex(store: CoverageStore, sums: ScenarioFigures, picked: readonly number[]): WallKpis['gap'] {
  const tier = WALL_GAP_INDICATOR.slice('coverage_share:'.length)
  const covered = sums.coveredHouseholds.get(tier)
  if (!covered)
    return { indicator: WALL_GAP_INDICATOR, theilBetween: 0, theilTotal: 0, urbanMean: null, ruralMean: null }
  const rows = picked.map((i) => {
    const c = store.world.communities[i]
    return {
      code: c.code,
      kind: c.kind,
      residents: c.residents,
      values: { [WALL_GAP_INDICATOR]: sums.households[i] > 0 ? covered[i] / sums.households[i] : null },
    }
  })
  try {
    const cmp = compareRows(rows, WALL_GAP_INDICATOR)
    const mean = (key: string) => cmp.theil.groups.find((g) => g.key === key)?.mean ?? null
    return {
      indicator: WALL_GAP_INDICATOR,
      theilBetween: cmp.theil.between,
      theilTotal: cmp.theil.total,
      urbanMean: mean('urban'),
      ruralMean: mean('rural'),
    }
  } catch {
    return { indicator: WALL_GAP_INDICATOR, theilBetween: 0, theilTotal: 0, urbanMean: null, ruralMean: null }
  }
}

/** Buildings reached by no one-window facility (either kind), biggest first, at most `limit`. */
export function wallGaps(store: CoverageStore, sums: ScenarioFigures, street: string | null, limit = 20_000): WallGaps {
  const { world } = store
  const { households } = store.demand
  const a = sums.coverage.byType.get('community_service_station')?.covered
  const b = sums.coverage.byType.get('village_service_station')?.covered
  const picked: number[] = []
  let totalUncovered = 0
  for (let c = 0; c < world.communities.length; c++) {
    if (street && world.communities[c].streetCode !== street) continue
    for (let i = store.ranges[c]; i < store.ranges[c + 1]; i++) {
      if (a?.[i] || b?.[i] || households[i] === 0) continue
      picked.push(i)
      totalUncovered += households[i]
    }
  }
  picked.sort((x, y) => households[y] - households[x])
  const kept = picked.slice(0, limit)
  const round = (v: number) => Math.round(v * 1e5) / 1e5
  return {
    lng: kept.map((i) => round(world.buildings.lng[i])),
    lat: kept.map((i) => round(world.buildings.lat[i])),
    households: kept.map((i) => households[i]),
    totalUncoveredHouseholds: Math.round(totalUncovered),
  }
}

/**
 * The key figures of a stop as a daily snapshot keeps them, keyed like the wall's tiles: households,
 * grids, in-band (share), below-workers (communities), gap (Theil between), coverage-<type> (share).
 */
export function wallSnapshotFigures(kpis: WallKpis): Record<string, number> {
  const figures: Record<string, number> = {
    households: kpis.households,
    grids: kpis.grids,
    'in-band': kpis.gridsInBandShare,
    'below-workers': kpis.communitiesBelowWorkerNorm,
    gap: kpis.gap.theilBetween,
  }
  for (const c of kpis.coverage) figures[`coverage-${c.typeCode}`] = c.share
  return figures
}
