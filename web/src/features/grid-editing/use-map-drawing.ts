// Pointer drawing on the MapLibre map for the brush, lasso and split-line tools: while a tool is
// on, dragging draws instead of panning. Reports the shape on every pointer move and on release,
// as [lng, lat] points and the pixel under the pointer (for picking units with the brush).
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { LngLat } from '../../../../core/domain/grids'
import type { DrawTool } from './drawn-op'

export interface DrawingCallbacks {
  onMove: (points: LngLat[], pixel: { x: number; y: number }) => void
  onEnd: (points: LngLat[]) => void
}

export function useMapDrawing(map: MapLibreMap | null, tool: DrawTool | null, callbacks: DrawingCallbacks) {
  const latest = useRef(callbacks)
  latest.current = callbacks
  useEffect(() => {
    if (!map || !tool) return
    map.dragPan.disable()
    let points: LngLat[] | null = null
    const at = (e: MapMouseEvent): LngLat => [e.lngLat.lng, e.lngLat.lat]
    const down = (e: MapMouseEvent) => {
      points = [at(e)]
      latest.current.onMove(points, e.point)
    }
    const move = (e: MapMouseEvent) => {
      if (!points) return
      // a split line is straight from where the drag began; lasso and brush follow the pointer
      points = tool === 'line' ? [points[0], at(e)] : [...points, at(e)]
      latest.current.onMove(points, e.point)
    }
    const up = () => {
      if (!points) return
      const done = points
      points = null
      latest.current.onEnd(done)
    }
    map.on('mousedown', down)
    map.on('mousemove', move)
    map.on('mouseup', up)
    return () => {
      map.off('mousedown', down)
      map.off('mousemove', move)
      map.off('mouseup', up)
      map.dragPan.enable()
    }
  }, [map, tool])
}
