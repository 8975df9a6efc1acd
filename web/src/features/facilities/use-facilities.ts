import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadFacilities = (signal: AbortSignal) => api.facilities({}, signal)
const loadFacilityTypes = (signal: AbortSignal) => api.facilityTypes(signal)

/** All facilities (~1,500 points). */
export function useFacilities() {
  return useApiResource(loadFacilities)
}

/** The facility-type standards table (names, tier, default radius, colour). */
export function useFacilityTypes() {
  return useApiResource(loadFacilityTypes)
}
