// What the side panel shows: one grid, community, street or facility, keyed by its id/code.
import type { CommunityProps, FacilityProps, GridProps, StreetProps } from '../../../../core/api'
import { LAYER_IDS } from '../../map/layers/layer-ids'
import { tileFeatureProperties } from '../../map/layers/tile-layer'

export type Selection =
  | { kind: 'grid'; id: number }
  | { kind: 'community'; code: string }
  | { kind: 'street'; code: string }
  | { kind: 'facility'; id: number }
  | null

/** The selection a click on a deck.gl layer means (a tile feature or a whole one); null for empty map or unselectable layers. */
export function selectionFromPick(layerId: string | undefined, object: unknown): Selection {
  const properties = tileFeatureProperties(object)
  if (!properties) return null
  switch (layerId) {
    case LAYER_IDS.grids:
      return { kind: 'grid', id: (properties as unknown as GridProps).id }
    case LAYER_IDS.communitiesFill:
      return { kind: 'community', code: (properties as unknown as CommunityProps).code }
    case LAYER_IDS.streetsFill:
      return { kind: 'street', code: (properties as unknown as StreetProps).code }
    case LAYER_IDS.facilities:
      return { kind: 'facility', id: (properties as unknown as FacilityProps).id }
    default:
      return null
  }
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === null || b === null) return a === b
  if (a.kind !== b.kind) return false
  return 'id' in a ? a.id === (b as { id: number }).id : a.code === (b as { code: string }).code
}
