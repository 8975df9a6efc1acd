// What choosing a search hit (or a row in a list) means on the map: which feature to select, and
// the outline to highlight until the next selection. Pure.
import type { SearchHit } from '../../../../core/api'
import { type Selection, sameSelection } from '../selection/selection'

export type HighlightGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point

/** A feature found: the selection it made and the outline drawn while that selection lasts. */
export interface Found {
  selection: Selection
  feature: GeoJSON.Feature<HighlightGeometry>
}

/** The selection a hit makes: the hit itself, or for a unit the grid it belongs to. */
export function selectionOfHit(hit: Pick<SearchHit, 'kind' | 'key' | 'gridId'>): Selection {
  switch (hit.kind) {
    case 'street':
      return { kind: 'street', code: String(hit.key) }
    case 'community':
      return { kind: 'community', code: String(hit.key) }
    case 'grid':
      return { kind: 'grid', id: Number(hit.key) }
    case 'facility':
      return { kind: 'facility', id: Number(hit.key) }
    case 'unit':
      return hit.gridId != null ? { kind: 'grid', id: hit.gridId } : null
  }
}

export function foundFromHit(hit: SearchHit): Found {
  return {
    selection: selectionOfHit(hit),
    feature: { type: 'Feature', geometry: hit.geometry as HighlightGeometry, properties: { name: hit.name } },
  }
}

/** A place with nothing to select (a proposed site): highlighted until something is selected. */
export function foundPoint(lngLat: readonly [number, number], name: string): Found {
  return {
    selection: null,
    feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [...lngLat] }, properties: { name } },
  }
}

/** The hit of a search by code or name that is the row a list shows (kind and key, or code). */
export function hitForRow(
  hits: readonly SearchHit[],
  kind: SearchHit['kind'],
  key: string | number,
): SearchHit | undefined {
  return hits.find((h) => h.kind === kind && (String(h.key) === String(key) || h.code === String(key)))
}

/** The found outline while its selection lasts; null once something else is selected. */
export function foundOutline(found: Found | null, selection: Selection): Found['feature'] | null {
  if (!found || !sameSelection(found.selection, selection)) return null
  return found.feature
}
