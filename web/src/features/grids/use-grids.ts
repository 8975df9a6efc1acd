import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadGrids = (signal: AbortSignal) => api.grids({}, signal)

/** All current grids of the district (~2,700 features, ~2.8 MB), paged at the contract's 5,000 limit. */
export function useGrids() {
  return useApiResource(loadGrids)
}
