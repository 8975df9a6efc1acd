// A facility's compliance with the standards, with the households its radius reaches in its own
// scenario, read from the coverage store (pure).
import { type Scenario, servedHouseholds } from '../coverage'
import { type ComplianceResult, checkCompliance } from '../coverage/compliance'
import type { CoverageStore } from './coverage-store'
import type { StoreFacility } from './world'

/** The scenario a facility counts in: planned ones only with planned facilities. */
export function scenarioOf(status: StoreFacility['status']): Scenario {
  return status === 'planned' ? 'with-planned' : 'as-is'
}

/** Compliance of one facility, with the households its radius reaches in its own scenario. */
export function complianceOf(
  model: CoverageStore,
  row: StoreFacility,
  tierRadiusRange = model.world.tierRadiusRange,
): ComplianceResult & { servedHouseholds: number; radiusM: number } {
  const type = model.types.get(row.typeCode)
  if (!type) throw new Error(`facility ${row.id} has unknown type ${row.typeCode}`)
  const served = Math.round(servedHouseholds(model.scenarios[scenarioOf(row.status)].coverage, String(row.id)))
  const radiusM = row.radiusM ?? type.defaultRadiusM
  return {
    ...checkCompliance({
      tier: type.tier,
      radiusMeters: radiusM,
      floorAreaM2: row.floorAreaM2,
      activityAreaM2: row.activityAreaM2,
      minActivityShare: type.minActivityShare,
      floorAreaM2Per100Households: type.floorAreaM2Per100Households,
      servedHouseholds: served,
      tierRadiusRange,
    }),
    servedHouseholds: served,
    radiusM,
  }
}
