// The standards in force (规范), read from the `settings` table as GET /api/settings serves it.
// One reader and one set of defaults for the server, the web and the report: the defaults mirror
// migrations/0002_standards.sql and apply only to a key that is missing or makes no sense.

/** The settings-table keys the product reads as norms. */
export const NORM_KEYS = {
  targetHouseholds: 'grid.household_target',
  tolerance: 'grid.household_tolerance',
  floorAreaM2Per100Households: 'facility.floor_area_m2_per_100_households',
  minWorkersPer10k: 'staffing.workers_per_10k_urban',
} as const

export interface Norms {
  /** households per grid (网格原则上覆盖 … 户) */
  targetHouseholds: number
  /** allowed deviation from the target as a share, in (0, 1) */
  tolerance: number
  /** community service floor area per 100 households, m² */
  floorAreaM2Per100Households: number
  /** community workers per 10,000 residents, at least */
  minWorkersPer10k: number
}

export const DEFAULT_NORMS: Norms = {
  targetHouseholds: 300,
  tolerance: 0.2,
  floorAreaM2Per100Households: 30,
  minWorkersPer10k: 18,
}

const positive = (v: unknown): number | null => {
  const n = Number(v)
  return v !== null && v !== '' && Number.isFinite(n) && n > 0 ? n : null
}

/** Reads the norms from a settings record, falling back to the defaults for missing or nonsensical values. */
export function normsFromSettings(settings: Readonly<Record<string, unknown>> | null | undefined): Norms {
  const s = settings ?? {}
  const tolerance = positive(s[NORM_KEYS.tolerance])
  return {
    targetHouseholds: positive(s[NORM_KEYS.targetHouseholds]) ?? DEFAULT_NORMS.targetHouseholds,
    tolerance: tolerance !== null && tolerance < 1 ? tolerance : DEFAULT_NORMS.tolerance,
    floorAreaM2Per100Households:
      positive(s[NORM_KEYS.floorAreaM2Per100Households]) ?? DEFAULT_NORMS.floorAreaM2Per100Households,
    minWorkersPer10k: positive(s[NORM_KEYS.minWorkersPer10k]) ?? DEFAULT_NORMS.minWorkersPer10k,
  }
}

/**
 * The whole numbers of households in band: target·(1 − tolerance) … target·(1 + tolerance), rounded
 * inwards (300 ± 20% → 240–360; 250 ± 15% → 213–287). Every view words the band with these two.
 */
export function bandInHouseholds(norms: Pick<Norms, 'targetHouseholds' | 'tolerance'>): [low: number, high: number] {
  const slack = norms.tolerance * norms.targetHouseholds
  return [Math.ceil(norms.targetHouseholds - slack - 1e-9), Math.floor(norms.targetHouseholds + slack + 1e-9)]
}

/** Target and tolerance back from a band given as its limits, e.g. [212.5, 287.5] → 250 ± 15%. */
export function bandNorms([min, max]: readonly [number, number]): Pick<Norms, 'targetHouseholds' | 'tolerance'> {
  return { targetHouseholds: (min + max) / 2, tolerance: (max - min) / (max + min) }
}

/** The tolerance as a whole percent, e.g. 0.15 → 15. */
export const tolerancePercent = (tolerance: number) => Math.round(tolerance * 100)
