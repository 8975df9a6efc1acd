// Facilities and facility types as coverage sees them: a point in metres, a type, a status,
// and a service radius that defaults to the type's and can be overridden per facility.

export type FacilityStatus = 'existing' | 'planned' | 'retired'
/** 'as-is' counts existing facilities; 'with-planned' adds planned ones. Retired never count. */
export type Scenario = 'as-is' | 'with-planned'

export interface FacilityType {
  id: string
  tier: string // life-circle tier, e.g. '5min' | '10min' | '15min'; tiers never substitute
  defaultRadiusMeters: number
}

export interface Facility {
  id: string
  typeId: string
  xMeters: number // EPSG:4548
  yMeters: number
  status: FacilityStatus
  radiusMeters?: number // overrides the type's default
}

/** Whether a facility counts in a scenario. */
export function isActive(status: FacilityStatus, scenario: Scenario): boolean {
  if (status === 'existing') return true
  if (status === 'planned') return scenario === 'with-planned'
  if (status === 'retired') return false
  throw new Error(`unknown facility status: ${String(status)}`)
}

/** Validates a facility against its type and returns its effective radius in metres. */
export function effectiveRadiusMeters(facility: Facility, type: FacilityType | undefined): number {
  if (!type) throw new Error(`facility ${facility.id} has unknown typeId: ${facility.typeId}`)
  if (!Number.isFinite(facility.xMeters) || !Number.isFinite(facility.yMeters))
    throw new Error(`facility ${facility.id} has invalid x/y: ${facility.xMeters}, ${facility.yMeters}`)
  const radiusMeters = facility.radiusMeters ?? type.defaultRadiusMeters
  if (!(radiusMeters >= 0) || radiusMeters === Number.POSITIVE_INFINITY)
    throw new Error(`facility ${facility.id} has invalid radiusMeters: ${radiusMeters}`)
  return radiusMeters
}

/** Checks the types table: unique ids, finite non-negative default radii. */
export function indexTypes(types: readonly FacilityType[]): Map<string, FacilityType> {
  const byId = new Map<string, FacilityType>()
  for (const type of types) {
    if (byId.has(type.id)) throw new Error(`duplicate facility type id: ${type.id}`)
    if (!(type.defaultRadiusMeters >= 0) || type.defaultRadiusMeters === Number.POSITIVE_INFINITY)
      throw new Error(`facility type ${type.id} has invalid defaultRadiusMeters: ${type.defaultRadiusMeters}`)
    byId.set(type.id, type)
  }
  return byId
}
