// The map view the coverage mode fetches for: the zoom decides points vs hexagons, the bbox
// limits the points. Follows the map after each move while the mode is on.
import { useEffect, useState } from 'react'
import type { MapHandle } from '../../map/map-view'

export interface CoverageView {
  zoom: number
  bbox: string
}

function viewOf(handle: MapHandle): CoverageView {
  const b = handle.map.getBounds()
  const r = (v: number) => v.toFixed(4)
  return { zoom: handle.map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(r).join(',') }
}

export function useCoverageView(enabled: boolean, handle: MapHandle | null): CoverageView | null {
  const [view, setView] = useState<CoverageView | null>(null)
  useEffect(() => {
    if (!enabled || !handle) return
    const update = () => setView(viewOf(handle))
    update()
    handle.map.on('moveend', update)
    return () => {
      handle.map.off('moveend', update)
    }
  }, [enabled, handle])
  return view
}
