import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadStreets = (signal: AbortSignal) => api.streets({}, signal)

/** All streets of the district (26 features). */
export function useStreets() {
  return useApiResource(loadStreets)
}
