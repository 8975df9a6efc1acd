// The selected grid, community, street or facility whole (with its geometry), fetched by its id
// when selected: the outline the map draws, and a facility's figures for its panel. The map
// itself holds no geometry of these layers (they are drawn from tiles).
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import type { OutlinedFeature } from '../../map/layers/selection-layer'
import type { Selection } from './selection'

function loaderOf(selection: Selection): ((signal: AbortSignal) => Promise<OutlinedFeature>) | null {
  if (selection === null) return null
  switch (selection.kind) {
    case 'grid':
      return (signal) => api.grid(selection.id, signal)
    case 'community':
      return (signal) => api.community(selection.code, signal)
    case 'street':
      return (signal) => api.street(selection.code, signal)
    case 'facility':
      return (signal) => api.facility(selection.id, signal)
  }
}

/** The selected feature (null while loading or with nothing selected); `revision` reloads it after an edit. */
export function useSelectedFeature(selection: Selection, revision: number) {
  const key = selection === null ? null : `${selection.kind}:${'id' in selection ? selection.id : selection.code}`
  const resource = useApiResource(loaderOf(selection), [key, revision])
  // the last feature stays while the next one loads: only show it when it is the one selected
  const feature = resource.data
  if (!feature || selection === null) return null
  const props = feature.properties as { id?: number; code?: string }
  const same = 'id' in selection ? props.id === selection.id : props.code === selection.code
  return same ? feature : null
}
