// Community scorecard (村（社区）星级管理): 1–5 stars from the indicators.
//
// Each criterion compares one indicator with a threshold and yields an attainment in [0, 1]:
//   higher is better: min(1, value / threshold)       (threshold 0 → always 1)
//   lower is better (distances): 1 if value ≤ threshold, else threshold / value
// score = Σ weight·attainment / Σ weight over the applicable criteria (value not null), and
// stars = 1 + the number of `starCutoffs` the score reaches. The criteria that pull the score
// down are returned as codes and numbers (value, threshold, shortfall in the indicator's unit,
// weighted loss), worst first, so the UI can word them in 中文 or English.
import {
  type CommunityIndicators,
  type CommunityKind,
  DEFAULT_INDICATOR_SETTINGS,
  higherIsBetter,
  type IndicatorCode,
  type IndicatorSettings,
  indicatorValue,
} from './indicators'

export interface StarCriterion {
  indicator: IndicatorCode
  threshold: number // in the indicator's unit
  weight: number // > 0, relative
}

export interface StarRatingSettings {
  criteria: Record<CommunityKind, StarCriterion[]> // rural villages are judged on village-level services
  starCutoffs: [two: number, three: number, four: number, five: number] // ascending scores in [0, 1]
}

export type StarCount = 1 | 2 | 3 | 4 | 5

export interface Shortfall {
  indicator: IndicatorCode
  value: number
  threshold: number
  shortfall: number // |threshold − value|, in the indicator's unit
  attainment: number // in [0, 1)
  weightedLoss: number // weight·(1 − attainment) / Σ weight: the score points it costs
}

export interface StarRating {
  code: string
  stars: StarCount | null // null when no criterion applies
  score: number | null // in [0, 1]
  pullingDown: Shortfall[] // worst first
  notApplicable: IndicatorCode[]
}

/** Default criteria built from the indicator norms, so the norms live in one place. */
export function defaultStarRatingSettings(norms: IndicatorSettings = DEFAULT_INDICATOR_SETTINGS): StarRatingSettings {
  const common = (kind: CommunityKind): StarCriterion[] => [
    {
      indicator: 'floor_area_m2_per_100_households',
      threshold: norms.floorAreaNormM2Per100Households[kind],
      weight: 1.5,
    },
    { indicator: 'workers_per_10k_residents', threshold: norms.minWorkersPer10kResidents, weight: 1.5 },
    { indicator: 'grids_in_band_share', threshold: 0.8, weight: 1 },
  ]
  return {
    criteria: {
      urban: [
        { indicator: 'coverage_share:community_service_station', threshold: 0.9, weight: 2 },
        { indicator: 'coverage_share:kindergarten', threshold: 0.8, weight: 1 },
        { indicator: 'coverage_share:elderly_daycare', threshold: 0.8, weight: 1 },
        { indicator: 'coverage_share:health_station', threshold: 0.8, weight: 1 },
        ...common('urban'),
      ],
      rural: [
        { indicator: 'coverage_share:village_service_station', threshold: 0.9, weight: 2 },
        { indicator: 'mean_nearest_m:village_service_station', threshold: 1000, weight: 1 },
        { indicator: 'p90_nearest_m:health_centre', threshold: 3000, weight: 1 },
        ...common('rural'),
      ],
    },
    starCutoffs: [0.5, 0.7, 0.85, 0.95],
  }
}

export const DEFAULT_STAR_RATING_SETTINGS: StarRatingSettings = defaultStarRatingSettings()

/** Rates one community. */
export function starRating(
  ind: CommunityIndicators,
  settings: StarRatingSettings = DEFAULT_STAR_RATING_SETTINGS,
): StarRating {
  const criteria = settings.criteria[ind.kind]
  validateSettings(settings)
  // pass 1: attainment per applicable criterion
  const notApplicable: IndicatorCode[] = []
  const scored: { c: StarCriterion; value: number; attainment: number }[] = []
  let totalWeight = 0
  for (const c of criteria) {
    const value = indicatorValue(ind, c.indicator)
    if (value === null) notApplicable.push(c.indicator)
    else {
      scored.push({ c, value, attainment: attainment(value, c.threshold, higherIsBetter(c.indicator)) })
      totalWeight += c.weight
    }
  }
  if (totalWeight === 0) return { code: ind.code, stars: null, score: null, pullingDown: [], notApplicable }
  // pass 2: weighted score and the shortfalls behind it
  let score = 0
  const pullingDown: Shortfall[] = []
  for (const { c, value, attainment: a } of scored) {
    score += (c.weight * a) / totalWeight
    if (a < 1) {
      pullingDown.push({
        indicator: c.indicator,
        value,
        threshold: c.threshold,
        shortfall: Math.abs(c.threshold - value),
        attainment: a,
        weightedLoss: (c.weight * (1 - a)) / totalWeight,
      })
    }
  }
  pullingDown.sort((x, y) => y.weightedLoss - x.weightedLoss)
  // stars: one, plus one per cutoff reached
  let stars = 1
  for (const cut of settings.starCutoffs) if (score >= cut) stars++
  return { code: ind.code, stars: stars as StarCount, score, pullingDown, notApplicable }
}

function attainment(value: number, threshold: number, higher: boolean): number {
  if (higher) return threshold === 0 ? 1 : Math.min(1, value / threshold)
  return value <= threshold ? 1 : threshold / value
}

function validateSettings(s: StarRatingSettings): void {
  for (const kind of ['urban', 'rural'] as const) {
    for (const c of s.criteria[kind]) {
      if (!(c.weight > 0 && Number.isFinite(c.weight))) {
        throw new RangeError(`criterion ${c.indicator} (${kind}) weight must be > 0, got ${c.weight}`)
      }
      if (!(c.threshold >= 0 && Number.isFinite(c.threshold))) {
        throw new RangeError(`criterion ${c.indicator} (${kind}) threshold must be >= 0, got ${c.threshold}`)
      }
    }
  }
  const cuts = s.starCutoffs
  for (let k = 0; k < cuts.length; k++) {
    if (!(cuts[k] >= 0 && cuts[k] <= 1) || (k > 0 && cuts[k] < cuts[k - 1])) {
      throw new RangeError(`starCutoffs must be ascending in [0, 1], got [${cuts.join(', ')}]`)
    }
  }
}
