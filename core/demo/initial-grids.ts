// The initial grid plan of a community: ~300 households per grid, each grid made of whole units
// of 40–150 households (住宅小区 / 楼院 in a 社区, 村民小组 in a 村).
import type { Random } from './random'
import { splitInteger } from './split-integer'
import type { CommunityKind, UnitKind } from './types'

export const GRID_TARGET_HOUSEHOLDS = 300
export const UNIT_MIN_HOUSEHOLDS = 40
export const UNIT_MAX_HOUSEHOLDS = 150

export interface UnitPlan {
  kind: UnitKind
  households: number
}

// Households per grid: round(H / 300) grids (at least one), sizes varying about ±15%.
export function planGridHouseholds(households: number, rng: Random): number[] {
  const count = Math.max(1, Math.round(households / GRID_TARGET_HOUSEHOLDS))
  const weights = Array.from({ length: count }, () => rng.range(0.85, 1.15))
  return splitInteger(households, weights, 1)
}

// Units of one grid: compounds (~100 households) or courtyards (~60) in a 社区, village groups in a 村.
export function planUnits(gridHouseholds: number, communityKind: CommunityKind, rng: Random): UnitPlan[] {
  const kind: UnitKind = communityKind === 'rural' ? 'village_group' : rng.chance(0.7) ? 'compound' : 'courtyard'
  const mean = kind === 'courtyard' ? 60 : kind === 'compound' ? 100 : 90
  // as many units as the mean size gives, kept inside the 40–150 band where the total allows
  const lo = Math.ceil(gridHouseholds / UNIT_MAX_HOUSEHOLDS)
  const hi = Math.max(1, Math.floor(gridHouseholds / UNIT_MIN_HOUSEHOLDS))
  const count = Math.max(1, Math.min(hi, Math.max(lo, Math.round(gridHouseholds / (mean * rng.range(0.8, 1.2))))))
  const weights = Array.from({ length: count }, () => rng.range(0.75, 1.25))
  let parts = splitInteger(gridHouseholds, weights, 1)
  // re-balance evenly if the random weights pushed a unit out of the band
  if (
    parts.some(
      (p) => p > UNIT_MAX_HOUSEHOLDS || (p < UNIT_MIN_HOUSEHOLDS && gridHouseholds >= UNIT_MIN_HOUSEHOLDS * count),
    )
  )
    parts = splitInteger(gridHouseholds, new Array(count).fill(1), 1)
  return parts.map((households) => ({ kind, households }))
}
