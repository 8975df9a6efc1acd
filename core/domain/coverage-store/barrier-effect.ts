// The barrier effect (阻隔效应): households inside a facility's straight-line radius but beyond
// its walking distance — what rivers, canals, railways and expressways take away. Per community
// or grid, worst first, and the buildings themselves for the map (pure, over the store).
import type { BarrierEffect, BarrierRow, Bbox } from '../../api'
import { coveredFlags, type Subject } from './coverage-queries'
import { type CoverageStore, storeFor } from './coverage-store'

export interface BarrierOptions extends Subject {
  level: 'community' | 'grid'
  street?: string
  bbox?: Bbox
  limit: number
  pointLimit: number
}

export function barrierEffect(store: CoverageStore, options: BarrierOptions): BarrierEffect {
  const subject = { type: options.type, tier: options.tier, scenario: options.scenario }
  const radius = coveredFlags(storeFor(store, 'radius'), subject)
  const walk = coveredFlags(storeFor(store, 'walk'), subject)
  const { households } = store.demand
  const { lng, lat, id } = store.world.buildings
  const keys = store.levels[options.level]
  const k = keys.codes.length
  const total = new Float64Array(k)
  const inRadius = new Float64Array(k)
  const onFoot = new Float64Array(k)
  const lost = new Float64Array(k)
  const totals = { households: 0, radiusCovered: 0, walkCovered: 0, barrierHouseholds: 0, barrierBuildings: 0 }
  const points: BarrierEffect['points'] = {
    buildingId: [],
    lng: [],
    lat: [],
    households: [],
    radiusMeters: [],
    walkMeters: [],
  }
  const bbox = options.bbox
  let truncated = false
  const metres = (d: number | undefined) => (d === undefined || !Number.isFinite(d) ? null : Math.round(d))
  for (const b of store.byId) {
    const key = keys.of[b]
    const h = households[b]
    total[key] += h
    totals.households += h
    if (radius.covered[b]) {
      inRadius[key] += h
      totals.radiusCovered += h
    }
    if (walk.covered[b]) {
      onFoot[key] += h
      totals.walkCovered += h
    }
    if (!radius.covered[b] || walk.covered[b]) continue
    lost[key] += h
    totals.barrierHouseholds += h
    totals.barrierBuildings++
    if (bbox && !(lng[b] >= bbox[0] && lng[b] <= bbox[2] && lat[b] >= bbox[1] && lat[b] <= bbox[3])) continue
    if (points.buildingId.length >= options.pointLimit) {
      truncated = true
      continue
    }
    points.buildingId.push(id[b])
    points.lng.push(Math.round(lng[b] * 1e6) / 1e6)
    points.lat.push(Math.round(lat[b] * 1e6) / 1e6)
    points.households.push(h)
    points.radiusMeters.push(metres(radius.nearestMeters?.[b]))
    points.walkMeters.push(metres(walk.nearestMeters?.[b]))
  }
  const picked: number[] = []
  for (let key = 0; key < k; key++) {
    if (lost[key] <= 0) continue
    if (options.street && keys.streetCodes[key] !== options.street) continue
    if (bbox) {
      const kb = keys.bbox
      if (
        !(
          kb[4 * key] <= bbox[2] &&
          kb[4 * key + 2] >= bbox[0] &&
          kb[4 * key + 1] <= bbox[3] &&
          kb[4 * key + 3] >= bbox[1]
        )
      )
        continue
    }
    picked.push(key)
  }
  picked.sort((a, b) => lost[b] - lost[a] || lost[b] / total[b] - lost[a] / total[a] || a - b)
  const rows = picked.slice(0, options.limit).map((key): BarrierRow => {
    const row: BarrierRow = {
      key: options.level === 'grid' ? keys.names[key] : keys.codes[key],
      name: keys.names[key],
      households: Math.round(total[key]),
      radiusCovered: Math.round(inRadius[key]),
      walkCovered: Math.round(onFoot[key]),
      barrierHouseholds: Math.round(lost[key]),
      barrierShare: total[key] > 0 ? lost[key] / total[key] : 0,
      bbox: [keys.bbox[4 * key], keys.bbox[4 * key + 1], keys.bbox[4 * key + 2], keys.bbox[4 * key + 3]],
    }
    if (options.level === 'grid' && keys.communityCodes[key]) row.communityCode = keys.communityCodes[key]
    return row
  })
  return {
    scenario: radius.scenario,
    subject: { type: radius.type, tier: radius.tier },
    level: options.level,
    totals: {
      households: Math.round(totals.households),
      radiusCovered: Math.round(totals.radiusCovered),
      walkCovered: Math.round(totals.walkCovered),
      barrierHouseholds: Math.round(totals.barrierHouseholds),
      barrierBuildings: totals.barrierBuildings,
    },
    rows,
    total: picked.length,
    points,
    truncated,
  }
}
