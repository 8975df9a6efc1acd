import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadCommunitySummaries = (signal: AbortSignal) => api.communitySummaries(signal)

/** Every community's and village's figures, label point and box, no geometry (~505 rows); drawn from tiles. */
export function useCommunitySummaries() {
  return useApiResource(loadCommunitySummaries)
}
