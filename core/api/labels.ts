// Labels for the contract's codes that both the web and the printable report show: indicator
// measures and life-circle tiers. One table; the web's dictionaries spread it, the report reads
// the Chinese one. Facility type names are data (facility_types.name_zh / name_en).
import type { IndicatorMeasure } from './equity'

export const SHARED_LABELS_ZH = {
  'equity.measure.coverage_share': '覆盖率',
  'equity.measure.mean_nearest_m': '平均最近距离',
  'equity.measure.p90_nearest_m': '90分位最近距离',
  'equity.measure.unreachable_share': '无此类设施户比例',
  'equity.measure.access_2sfca': '2SFCA可达性（每千人）',
  'equity.measure.floor_area_m2_per_100_households': '每百户服务设施面积（平方米）',
  'equity.measure.workers_per_10k_residents': '每万常住人口社区工作者',
  'equity.measure.grids_in_band_share': '户数达标网格占比',
  'equity.tier.minutes': '{n}分钟生活圈',
  'equity.tier.village': '村级',
} as const satisfies Record<
  `equity.measure.${IndicatorMeasure}` | 'equity.tier.minutes' | 'equity.tier.village',
  string
>

export type SharedLabelKey = keyof typeof SHARED_LABELS_ZH

export const SHARED_LABELS_EN: Record<SharedLabelKey, string> = {
  'equity.measure.coverage_share': 'Coverage',
  'equity.measure.mean_nearest_m': 'Mean distance to the nearest',
  'equity.measure.p90_nearest_m': '90th-percentile distance to the nearest',
  'equity.measure.unreachable_share': 'Share of households with none',
  'equity.measure.access_2sfca': '2SFCA accessibility (per 1,000)',
  'equity.measure.floor_area_m2_per_100_households': 'Service floor area per 100 households (m²)',
  'equity.measure.workers_per_10k_residents': 'Community workers per 10,000 residents',
  'equity.measure.grids_in_band_share': 'Share of grids in the household band',
  'equity.tier.minutes': '{n}-minute life circle',
  'equity.tier.village': 'Village level',
}

/** The label key of an indicator measure. */
export const measureLabelKey = (measure: IndicatorMeasure): SharedLabelKey => `equity.measure.${measure}`

/**
 * A tier's label through `t` (the web's translate or the report's table): 'village' → 村级,
 * '<n>min' → n分钟生活圈; a tier the table does not know shows as its code.
 */
export function tierLabel(tier: string, t: (key: SharedLabelKey, params?: Record<string, string | number>) => string) {
  if (tier === 'village') return t('equity.tier.village')
  const minutes = /^(\d+)min$/.exec(tier)
  return minutes ? t('equity.tier.minutes', { n: minutes[1] }) : tier
}
