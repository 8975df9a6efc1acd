// The indicator catalogue (codes, units, norms) for a set of facility types, and the norms read
// from the settings table.
import type { IndicatorInfo } from '../../api'
import { normsFromSettings } from '../settings'
import type { IndicatorSettings } from './indicators'

/** Reads a settings-table record into the indicator norms (missing keys keep the defaults). */
export function indicatorSettingsFrom(settings: Record<string, unknown>): IndicatorSettings {
  const norms = normsFromSettings(settings)
  const floor = norms.floorAreaM2Per100Households
  return {
    floorAreaNormM2Per100Households: { urban: floor, rural: floor },
    minWorkersPer10kResidents: norms.minWorkersPer10k,
    gridHouseholdTarget: norms.targetHouseholds,
    gridHouseholdTolerance: norms.tolerance,
  }
}

/** Types whose floor area counts toward "floor area per 100 households": those with an area norm. */
export const hasAreaNorm = (t: { floorAreaM2Per100Households: number | null }) => t.floorAreaM2Per100Households !== null

/** The indicator catalogue for a set of facility types, in display order. */
export function indicatorCatalogue(
  types: readonly { code: string; tier: string }[],
  settings: IndicatorSettings,
): IndicatorInfo[] {
  const list: IndicatorInfo[] = []
  const tiers = [...new Set(types.map((t) => t.tier))]
  const subjects = [...tiers.map((t) => `tier:${t}`), ...types.map((t) => t.code)]
  for (const subject of subjects) {
    list.push({
      code: `coverage_share:${subject}`,
      measure: 'coverage_share',
      subject,
      unit: 'share',
      higherIsBetter: true,
      norm: null,
    })
  }
  for (const subject of subjects) {
    list.push({
      code: `mean_nearest_m:${subject}`,
      measure: 'mean_nearest_m',
      subject,
      unit: 'm',
      higherIsBetter: false,
      norm: null,
    })
    list.push({
      code: `p90_nearest_m:${subject}`,
      measure: 'p90_nearest_m',
      subject,
      unit: 'm',
      higherIsBetter: false,
      norm: null,
    })
  }
  for (const subject of subjects) {
    list.push({
      code: `unreachable_share:${subject}`,
      measure: 'unreachable_share',
      subject,
      unit: 'share',
      higherIsBetter: false,
      norm: null,
    })
  }
  for (const t of types) {
    list.push({
      code: `access_2sfca:${t.code}`,
      measure: 'access_2sfca',
      subject: t.code,
      unit: 'supply_per_1000_residents',
      higherIsBetter: true,
      norm: null,
    })
  }
  list.push(
    {
      code: 'floor_area_m2_per_100_households',
      measure: 'floor_area_m2_per_100_households',
      subject: null,
      unit: 'm2_per_100_households',
      higherIsBetter: true,
      norm: settings.floorAreaNormM2Per100Households.urban,
    },
    {
      code: 'workers_per_10k_residents',
      measure: 'workers_per_10k_residents',
      subject: null,
      unit: 'per_10k_residents',
      higherIsBetter: true,
      norm: settings.minWorkersPer10kResidents,
    },
    {
      code: 'grids_in_band_share',
      measure: 'grids_in_band_share',
      subject: null,
      unit: 'share',
      higherIsBetter: true,
      norm: null,
    },
  )
  return list
}
