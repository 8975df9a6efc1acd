// The edit tools on the map: the click tool (hover previews moving the unit to the active grid,
// a click does it or makes the unit's grid active) and the drawing tools (brush, lasso, split
// line), previewed on every pointer move and applied on release. What a shape means is drawn-op.ts.
import { type RefObject, useRef, useState } from 'react'
import type { EditLog } from '../../../../core/domain/grid-editing/edit-log'
import type { EditOp, LngLat } from '../../../../core/domain/grids'
import type { SplitSide } from '../../../../core/domain/grids/edit-op'
import { type Pixel, strokeSamples } from '../../map/geometry/stroke'
import type { MapHandle } from '../../map/map-view'
import { drawnOp, type Tool } from './drawn-op'
import type { Draft } from './editor-layers'
import type { OverlayPointer } from './use-editor-overlay'
import { useMapDrawing } from './use-map-drawing'

/** the brush picks units every this many pixels along the stroke, within this radius */
const BRUSH_STEP_PX = 6
const BRUSH_RADIUS_PX = 4

export interface EditPointerInput {
  handle: MapHandle | null
  overlay: {
    pointer: RefObject<OverlayPointer>
    unitAt: (x: number, y: number, radius?: number) => number | undefined
  }
  tool: Tool
  log: EditLog | null
  active: number | null
  /** a proposal is shown: the tools are off */
  disabled: boolean
  setActive: (grid: number | null) => void
  run: (op: EditOp) => void
  preview: (op: EditOp | null) => void
  clearPending: () => void
  /** the side of a split line that keeps the grid's code (undefined: the side with more households) */
  codeOn?: SplitSide
}

/** Wires the tools to the map; returns the shape being drawn. */
export function useEditPointer(input: EditPointerInput): Draft | null {
  const { handle, overlay, tool, log, active, disabled, run, preview } = input
  const [draft, setDraft] = useState<Draft | null>(null)
  const brushed = useRef(new Set<string>())
  const lastPixel = useRef<Pixel | null>(null)

  overlay.pointer.current = {
    onClick: (unit) => {
      if (tool !== 'click' || unit === null || !log || disabled) return
      const grid = log.session.gridOf(String(unit))
      if (active === null || grid === active) return input.setActive(grid)
      run({ kind: 'moveUnits', unitIds: [String(unit)], toGrid: active })
    },
    onHover: (unit) => {
      if (tool !== 'click' || !log || disabled) return
      if (unit === null || active === null || log.session.gridOf(String(unit)) === active) return preview(null)
      preview({ kind: 'moveUnits', unitIds: [String(unit)], toGrid: active })
    },
  }

  const opFor = (points: LngLat[]): EditOp | null => {
    if (!log || !handle || tool === 'click') return null
    return drawnOp(tool, points, {
      active,
      gridOf: (id) => log.session.gridOf(id),
      gridAt: (at) => {
        const pixel = handle.map.project(at)
        const unit = overlay.unitAt(pixel.x, pixel.y)
        return unit !== undefined ? log.session.gridOf(String(unit)) : null
      },
      brushed: brushed.current,
      codeOn: input.codeOn,
    })
  }
  useMapDrawing(handle?.map ?? null, tool === 'click' || disabled ? null : tool, {
    onMove: (points, pixel) => {
      if (tool === 'brush') {
        // pick under the pointer and every few pixels back to the last position: a fast stroke skips no unit
        for (const at of strokeSamples(lastPixel.current ?? pixel, pixel, BRUSH_STEP_PX)) {
          const unit = overlay.unitAt(at.x, at.y, BRUSH_RADIUS_PX)
          if (unit !== undefined) brushed.current.add(String(unit))
        }
        lastPixel.current = pixel
      }
      setDraft({ kind: tool as Draft['kind'], points })
      preview(opFor(points))
    },
    onEnd: (points) => {
      const op = opFor(points)
      brushed.current = new Set()
      lastPixel.current = null
      setDraft(null)
      if (op) run(op)
      else input.clearPending()
    },
  })
  return draft
}
