import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadFacilities = (signal: AbortSignal) => api.facilities({}, signal)
const loadFacilityTypes = (signal: AbortSignal) => api.facilityTypes(signal)

/** All facilities (~1,500 points), whole: loaded only while `enabled` (the service radius; the dots come from tiles). */
export function useFacilities(enabled = true) {
  return useApiResource(enabled ? loadFacilities : null, [enabled])
}

/** The facility-type standards table (names, tier, default radius, colour). */
export function useFacilityTypes() {
  return useApiResource(loadFacilityTypes)
}
