import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadCommunities = (signal: AbortSignal) => api.communities({}, signal)

/** All communities and villages of the district (~505 features). */
export function useCommunities() {
  return useApiResource(loadCommunities)
}
