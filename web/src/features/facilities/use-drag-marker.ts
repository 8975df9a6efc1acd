// A draggable MapLibre marker on the selected facility: drop it to move the facility; while it is
// dragged, `onDrag` hears where it is (null once dropped).
import { Marker } from 'maplibre-gl'
import { useEffect } from 'react'
import type { MapHandle } from '../../map/map-view'

export function useDragMarker(
  handle: MapHandle | null,
  position: [number, number] | null,
  id: number | null,
  label: string,
  onDrop: (id: number, lngLat: [number, number]) => void,
  onDrag?: (lngLat: [number, number] | null) => void,
) {
  const lng = position?.[0]
  const lat = position?.[1]
  useEffect(() => {
    if (!handle || id === null || lng === undefined || lat === undefined) return
    const element = document.createElement('div')
    element.className = 'facility-drag-handle'
    element.dataset.testid = 'facility-drag-handle'
    element.title = label
    element.setAttribute('aria-label', label)
    const marker = new Marker({ element, draggable: true }).setLngLat([lng, lat]).addTo(handle.map)
    marker.on('drag', () => {
      const at = marker.getLngLat()
      onDrag?.([Math.round(at.lng * 1e6) / 1e6, Math.round(at.lat * 1e6) / 1e6])
    })
    marker.on('dragend', () => {
      onDrag?.(null)
      const at = marker.getLngLat()
      onDrop(id, [Math.round(at.lng * 1e6) / 1e6, Math.round(at.lat * 1e6) / 1e6])
    })
    return () => {
      marker.remove()
    }
  }, [handle, id, lng, lat, label, onDrop, onDrag])
}
