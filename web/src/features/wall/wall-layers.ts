// The wall's deck.gl layer stack (pure): street and community outlines, grids by household
// deviation, buildings no one-window facility reaches (coverage gaps), alarm grids outlined,
// communities changed just now, the street the tour is on, place labels (streets on the district
// stop, communities on a street stop) and the alarms as numbered markers (numbers as in the list).
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { CommunityProps, Feature, StreetProps, WallAlarm, WallGaps } from '../../../../core/api'
import { createCommunityLayers, createStreetLayers } from '../../map/layers/boundary-layers'
import { createGridFeatureLayer, type GridFeature } from '../../map/layers/grid-layer'
import { createLabelLayer, labelsFromFeatures } from '../../map/layers/label-layer'
import { MAP_THEMES } from '../../map/map-theme'

export const WALL_LAYER_IDS = {
  gaps: 'wall-coverage-gaps',
  alarms: 'wall-alarm-grids',
  focus: 'wall-focus-street',
  changed: 'wall-changed-communities',
  labels: 'wall-place-labels',
  alarmMarkers: 'wall-alarm-markers',
  alarmNumbers: 'wall-alarm-numbers',
} as const

/** Communities changed just now: cyan, apart from the grid ramp and the alarm colours. */
export const CHANGED_COLOUR: [number, number, number, number] = [34, 211, 238, 255]
/** Alarm markers by kind, the same colours as the list's bullets. */
export const ALARM_KIND_COLOUR: Record<WallAlarm['kind'], [number, number, number, number]> = {
  grid_far_out_of_band: [255, 214, 10, 255],
  coverage_gap: [255, 64, 200, 255],
  workers_below_norm: [248, 113, 113, 255],
}

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
  /** the alarms in list order: marker i carries number i + 1 */
  alarms?: readonly WallAlarm[]
  /** codes of the communities a change touched just now */
  changedCommunities?: ReadonlySet<string>
}

interface AlarmMarker {
  position: [number, number]
  number: string
  kind: WallAlarm['kind']
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
  const changed = input.changedCommunities?.size
    ? input.communities.filter((c) => input.changedCommunities!.has(c.properties.code))
    : []
  // place names: the streets on the district stop, the stop's communities on a street stop
  const labels = input.focusStreet
    ? labelsFromFeatures(input.communities.filter((c) => c.properties.streetCode === input.focusStreet))
    : labelsFromFeatures(input.streets)
  const markers: AlarmMarker[] = (input.alarms ?? []).flatMap((a, i) =>
    a.lngLat ? [{ position: a.lngLat, number: String(i + 1), kind: a.kind }] : [],
  )
  const s = input.lineScale
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
      id: WALL_LAYER_IDS.changed,
      data: changed,
      filled: true,
      stroked: true,
      getFillColor: [CHANGED_COLOUR[0], CHANGED_COLOUR[1], CHANGED_COLOUR[2], 70],
      getLineColor: CHANGED_COLOUR,
      lineWidthUnits: 'pixels',
      getLineWidth: 4 * s,
      pickable: false,
    }),
    new GeoJsonLayer({
      id: WALL_LAYER_IDS.focus,
      data: focus,
      filled: false,
      stroked: true,
      getLineColor: FOCUS_COLOUR,
      lineWidthUnits: 'pixels',
      getLineWidth: 4 * s,
      pickable: false,
    }),
    createLabelLayer(labels, {
      id: WALL_LAYER_IDS.labels,
      theme,
      visible: true,
      sizePx: (input.focusStreet ? 13 : 15) * s,
      fontWeight: 600,
    }),
    new ScatterplotLayer<AlarmMarker>({
      id: WALL_LAYER_IDS.alarmMarkers,
      data: markers,
      getPosition: (d) => d.position,
      getRadius: 11 * s,
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [11, 18, 32, 230],
      getLineColor: (d) => ALARM_KIND_COLOUR[d.kind],
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5 * s,
      pickable: false,
    }),
    new TextLayer<AlarmMarker>({
      id: WALL_LAYER_IDS.alarmNumbers,
      data: markers,
      getPosition: (d) => d.position,
      getText: (d) => d.number,
      getSize: 12 * s,
      sizeUnits: 'pixels',
      getColor: (d) => ALARM_KIND_COLOUR[d.kind],
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
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
