import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'

const loadGridSummaries = (signal: AbortSignal) => api.gridSummaries(signal)

/** Every current grid's figures, label point and box, no geometry (~2,700 rows); the map draws the grids from tiles. */
export function useGridSummaries() {
  return useApiResource(loadGridSummaries)
}
