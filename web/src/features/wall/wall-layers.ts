// The wall's deck.gl layer stack (pure): street and community outlines, grids by household
// deviation, buildings no one-window facility reaches (coverage gaps), alarm grids outlined,
// and the street the tour is on.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { CommunityProps, Feature, StreetProps, WallGaps } from '../../../../core/api'
import { createCommunityLayers, createStreetLayers } from '../../map/layers/boundary-layers'
import { createGridFeatureLayer, type GridFeature } from '../../map/layers/grid-layer'
import { MAP_THEMES } from '../../map/map-theme'

export const WALL_LAYER_IDS = {
  gaps: 'wall-coverage-gaps',
  alarms: 'wall-alarm-grids',
  focus: 'wall-focus-street',
} as const

/** Coverage-gap dots and alarm outlines: bright on the dark map, apart from the grid colours. */
export const GAP_COLOUR: [number, number, number, number] = [255, 64, 200, 150]
export const ALARM_COLOUR: [number, number, number, number] = [255, 214, 10, 255]
export const FOCUS_COLOUR: [number, number, number, number] = [255, 255, 255, 255]

export interface WallLayersInput {
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  communities: Feature<CommunityProps, GeoJSON.MultiPolygon>[]
  grids: GridFeature[]
  gaps: WallGaps | null
  alarmGridIds: ReadonlySet<number>
  focusStreet: string | null
  tolerance: number
  /** pixels per CSS pixel of line widths: larger on a 4K wall so lines read from afar */
  lineScale: number
}

export function buildWallLayers(input: WallLayersInput): Layer[] {
  const theme = MAP_THEMES.dark
  const streets = createStreetLayers(input.streets, {
    theme,
    visible: true,
    pickable: false,
    lineWidthPx: 2 * input.lineScale,
  })
  const communities = createCommunityLayers(input.communities, {
    theme,
    visible: true,
    pickable: false,
    lineWidthPx: 0.75 * input.lineScale,
  })
  const gaps = input.gaps
  const gapIndices = gaps ? Array.from({ length: gaps.lng.length }, (_, i) => i) : []
  const alarmGrids = input.grids.filter((g) => input.alarmGridIds.has(g.properties.id))
  const focus = input.focusStreet ? input.streets.filter((s) => s.properties.code === input.focusStreet) : []
  return [
    createGridFeatureLayer(input.grids, { theme, tolerance: input.tolerance, visible: true, outlines: false }),
    communities.line,
    streets.line,
    new ScatterplotLayer<number>({
      id: WALL_LAYER_IDS.gaps,
      data: gapIndices,
      visible: gaps !== null,
      getPosition: (i) => [gaps!.lng[i], gaps!.lat[i]],
      getRadius: (i) => 15 + 2 * Math.sqrt(gaps!.households[i]),
      radiusUnits: 'meters',
      radiusMinPixels: input.lineScale,
      radiusMaxPixels: 3 * input.lineScale,
      getFillColor: GAP_COLOUR,
      pickable: false,
      updateTriggers: { getPosition: [gaps], getRadius: [gaps] },
    }),
    new GeoJsonLayer({
      id: WALL_LAYER_IDS.alarms,
      data: alarmGrids,
      filled: false,
      stroked: true,
      getLineColor: ALARM_COLOUR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3 * input.lineScale,
      pickable: false,
    }),
    new GeoJsonLayer({
      id: WALL_LAYER_IDS.focus,
      data: focus,
      filled: false,
      stroked: true,
      getLineColor: FOCUS_COLOUR,
      lineWidthUnits: 'pixels',
      getLineWidth: 4 * input.lineScale,
      pickable: false,
    }),
  ]
}

/** Grid ids the alarms name (grid alarms carry the id as text). */
export function alarmGridIds(alarms: readonly { kind: string; id: string }[]): Set<number> {
  const ids = new Set<number>()
  for (const a of alarms) if (a.kind === 'grid_far_out_of_band') ids.add(Number(a.id))
  return ids
}
