// The household band from /api/settings: target (default 300) and tolerance (default 0.2 = ±20%).
import type { Settings } from '../../../../core/api'

export interface GridBand {
  targetHouseholds: number
  tolerance: number
  lowHouseholds: number
  highHouseholds: number
}

export const DEFAULT_TARGET_HOUSEHOLDS = 300
export const DEFAULT_TOLERANCE = 0.2

/** Reads the band from settings, falling back to the defaults for missing or nonsensical values. */
export function gridBandFromSettings(settings: Settings | null | undefined): GridBand {
  const target = Number(settings?.['grid.household_target'])
  const tolerance = Number(settings?.['grid.household_tolerance'])
  const targetHouseholds = Number.isFinite(target) && target > 0 ? target : DEFAULT_TARGET_HOUSEHOLDS
  const tol = Number.isFinite(tolerance) && tolerance > 0 && tolerance < 1 ? tolerance : DEFAULT_TOLERANCE
  return {
    targetHouseholds,
    tolerance: tol,
    lowHouseholds: Math.round(targetHouseholds * (1 - tol)),
    highHouseholds: Math.round(targetHouseholds * (1 + tol)),
  }
}
