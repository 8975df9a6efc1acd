// Choosing a search hit: fly to it, select it, and outline it until the next selection.
import { useCallback, useState } from 'react'
import type { SearchHit } from '../../../../core/api'
import { api } from '../../api/client'
import type { MapHandle } from '../../map/map-view'
import type { Selection } from '../selection/selection'
import { type Found, foundFromHit, foundOutline, foundPoint, hitForRow } from './found'

/** Room kept free around a feature flown to: the panels column on the left, the side panel on the right. */
export const FLY_PADDING_PX = { top: 60, bottom: 60, left: 300, right: 350 }

export function flyToBox(handle: MapHandle | null, bbox: readonly [number, number, number, number], maxZoom = 16) {
  if (!handle) return
  const { width, height } = handle.map.getContainer().getBoundingClientRect()
  // a narrow screen has no room for the side columns: keep a small margin instead
  const padding = width < 800 || height < 500 ? 24 : FLY_PADDING_PX
  handle.map.fitBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding, maxZoom, duration: 600 },
  )
}

export function useFound(handle: MapHandle | null, selection: Selection, setSelection: (s: Selection) => void) {
  const [found, setFound] = useState<Found | null>(null)
  const pick = useCallback(
    (hit: SearchHit) => {
      const next = foundFromHit(hit)
      setFound(next)
      setSelection(next.selection)
      flyToBox(handle, hit.bbox, hit.kind === 'facility' ? 15 : 16)
    },
    [handle, setSelection],
  )
  /** a row of a list (worst grids, alerts): look it up by code or name, then as a search hit */
  const showRow = useCallback(
    async (
      kind: SearchHit['kind'],
      key: string | number,
      query: string,
      bbox?: readonly [number, number, number, number],
    ) => {
      if (bbox) flyToBox(handle, bbox)
      try {
        const { hits } = await api.search(query, 50)
        const hit = hitForRow(hits, kind, key)
        if (hit) pick(hit)
      } catch {
        // the fly-to already happened; without the outline the list still did its job
      }
    },
    [handle, pick],
  )
  /** a place with nothing to select (a proposed site) */
  const showPoint = useCallback(
    (lngLat: readonly [number, number], name: string) => {
      setFound(foundPoint(lngLat, name))
      setSelection(null)
      flyToBox(handle, [lngLat[0] - 0.01, lngLat[1] - 0.008, lngLat[0] + 0.01, lngLat[1] + 0.008])
    },
    [handle, setSelection],
  )
  return { pick, showRow, showPoint, outline: foundOutline(found, selection) }
}
