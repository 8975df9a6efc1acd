// The norms from /api/settings as the web shows them: the household band (target ± tolerance, in
// whole households) and the other norms. The reading and the defaults are core/domain/settings'.
import type { Settings } from '../../../../core/api'
import { bandInHouseholds, type Norms, normsFromSettings } from '../../../../core/domain/settings'

export interface GridBand {
  targetHouseholds: number
  tolerance: number
  lowHouseholds: number
  highHouseholds: number
}

/** The band from norms: 300 ± 20% → 240–360 households (rounded inwards, as every view words it). */
export function gridBandFromNorms(norms: Pick<Norms, 'targetHouseholds' | 'tolerance'>): GridBand {
  const [lowHouseholds, highHouseholds] = bandInHouseholds(norms)
  return { targetHouseholds: norms.targetHouseholds, tolerance: norms.tolerance, lowHouseholds, highHouseholds }
}

/** Reads the band from settings, falling back to the defaults for missing or nonsensical values. */
export function gridBandFromSettings(settings: Settings | null | undefined): GridBand {
  return gridBandFromNorms(normsFromSettings(settings))
}
