// The edit mode's own deck.gl overlay on the shared map: added while the editor is open, its
// pointer events routed to the latest handlers, its layers replaced as a whole, and units picked
// under a pixel (for the brush and the split line).
import type { Layer, PickingInfo } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import { useCallback, useEffect, useRef } from 'react'
import type { MapHandle } from '../../map/map-view'
import { EDITOR_LAYER_IDS, type UnitFeature } from './editor-layers'

export interface OverlayPointer {
  /** the unit under the pointer (null = none), on click and on hover */
  onClick: (unit: number | null) => void
  onHover: (unit: number | null) => void
}

const unitOf = (info: PickingInfo): number | null =>
  info.layer?.id === EDITOR_LAYER_IDS.units ? ((info.object as UnitFeature | null)?.id ?? null) : null

const ignore: OverlayPointer = { onClick: () => {}, onHover: () => {} }

/** `pointer.current` takes the latest handlers (set on every render by the tools). */
export function useEditorOverlay(handle: MapHandle | null) {
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const latest = useRef(ignore)
  /** the text shown beside the pointer over a unit (its name, households, grid), or null */
  const tooltip = useRef<(unit: number) => string | null>(() => null)
  useEffect(() => {
    const map = handle?.map
    if (!map) return
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info) => latest.current.onClick(unitOf(info)),
      onHover: (info) => latest.current.onHover(unitOf(info)),
      getTooltip: (info) => {
        const unit = unitOf(info)
        const text = unit === null ? null : tooltip.current(unit)
        return text ? { text, className: 'edit-unit-tooltip' } : null
      },
    })
    map.addControl(overlay)
    overlayRef.current = overlay
    return () => {
      overlayRef.current = null
      map.removeControl(overlay)
    }
  }, [handle])
  /** the unit drawn at a pixel, within `radius` pixels when given */
  const unitAt = useCallback((x: number, y: number, radius?: number): number | undefined => {
    const picked = overlayRef.current?.pickObject({
      x,
      y,
      ...(radius === undefined ? {} : { radius }),
      layerIds: [EDITOR_LAYER_IDS.units],
    })
    return (picked?.object as UnitFeature | undefined)?.id
  }, [])
  const setLayers = useCallback((layers: Layer[]) => overlayRef.current?.setProps({ layers }), [])
  return { unitAt, setLayers, pointer: latest, tooltip }
}
