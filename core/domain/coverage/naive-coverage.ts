// The O(buildings × facilities) reference: every building against every active facility of a
// type. Used as the truth in tests and as the baseline in the benchmark.
import type { DemandIndex } from './demand-index'
import { effectiveRadiusMeters, type Facility, type FacilityType, isActive, type Scenario } from './facilities'

export interface NaiveTypeCoverage {
  covered: Uint8Array
  nearestMeters: Float32Array
  servedHouseholds: Map<string, number>
}

/** Coverage of one type by brute force. */
export function naiveCoverage(
  demand: DemandIndex,
  facilities: readonly Facility[],
  type: FacilityType,
  scenario: Scenario = 'as-is',
): NaiveTypeCoverage {
  const n = demand.count
  const covered = new Uint8Array(n)
  const nearestMeters = new Float32Array(n).fill(Number.POSITIVE_INFINITY)
  const servedHouseholds = new Map<string, number>()
  const { xMeters, yMeters, households } = demand
  for (const f of facilities) {
    if (f.typeId !== type.id || !isActive(f.status, scenario)) continue
    const radiusMeters = effectiveRadiusMeters(f, type)
    const r2 = radiusMeters * radiusMeters
    let served = 0
    // every building against this facility
    for (let b = 0; b < n; b++) {
      const dx = xMeters[b] - f.xMeters
      const dy = yMeters[b] - f.yMeters
      const d2 = dx * dx + dy * dy
      if (d2 <= r2) {
        covered[b] = 1
        served += households[b]
      }
      const d = Math.sqrt(d2)
      if (d < nearestMeters[b]) nearestMeters[b] = d
    }
    servedHouseholds.set(f.id, served)
  }
  return { covered, nearestMeters, servedHouseholds }
}
