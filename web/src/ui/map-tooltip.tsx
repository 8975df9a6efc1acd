import type { ReactNode } from 'react'

/** A small box next to the pointer (x, y in map-container pixels). */
export function MapTooltip({ x, y, children }: { x: number; y: number; children: ReactNode }) {
  return (
    <div className="map-tooltip" style={{ left: x + 14, top: y + 14 }} role="tooltip" data-testid="map-tooltip">
      {children}
    </div>
  )
}
