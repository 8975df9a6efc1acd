// Zoom-dependent visibility, in one place. Zoom levels are MapLibre's (512-px tiles); at 1280 px
// wide the whole district fits at about zoom 9.
export const STREET_LABEL_MAX_ZOOM = 11.5 // street names below this zoom
export const COMMUNITY_LABEL_MIN_ZOOM = 11.5 // community names from this zoom
export const COMMUNITY_BOUNDARY_MIN_ZOOM = 9.5
export const GRID_OUTLINE_MIN_ZOOM = 11.5 // grid edges drawn from here (earlier they are a blur)
export const GRID_LABEL_MIN_ZOOM = 14.5 // grid names from here
export const BUILDINGS_MIN_ZOOM = 14 // buildings (vector tiles) from here; grid fills turn see-through
export const UNIT_OUTLINE_MIN_ZOOM = 14 // unit (小区) edges inside the grids from here

export interface ZoomVisibility {
  streetLabels: boolean
  communityLabels: boolean
  communityBoundaries: boolean
  gridOutlines: boolean
  gridLabels: boolean
  buildings: boolean
  unitOutlines: boolean
}

export function zoomVisibility(zoom: number): ZoomVisibility {
  return {
    streetLabels: zoom < STREET_LABEL_MAX_ZOOM,
    communityLabels: zoom >= COMMUNITY_LABEL_MIN_ZOOM,
    communityBoundaries: zoom >= COMMUNITY_BOUNDARY_MIN_ZOOM,
    gridOutlines: zoom >= GRID_OUTLINE_MIN_ZOOM,
    gridLabels: zoom >= GRID_LABEL_MIN_ZOOM,
    buildings: zoom >= BUILDINGS_MIN_ZOOM,
    unitOutlines: zoom >= UNIT_OUTLINE_MIN_ZOOM,
  }
}

/** A key that changes only when some visibility flips, so React re-renders on thresholds, not every frame. */
export function zoomVisibilityKey(zoom: number): string {
  const v = zoomVisibility(zoom)
  return Object.values(v)
    .map((on) => (on ? '1' : '0'))
    .join('')
}
