// deck.gl layers of the edit mode, from plain data (pure): units filled by the colour of their
// grid, the units a pending operation touches outlined, household labels, the shape being drawn,
// and the outlines of the grids as of a past date.
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers'
import type { GridPage, UnitFeature, UnitProps } from '../../../../core/api'
import type { LngLat } from '../../../../core/domain/grids'
import { createLabelLayer, type LabelDatum } from '../../map/layers/label-layer'
import type { MapTheme } from '../../map/map-theme'
import { unitColour } from './editor-model'

export const EDITOR_LAYER_IDS = {
  units: 'edit-units',
  labels: 'edit-unit-labels',
  draft: 'edit-draft',
  asOf: 'edit-as-of',
} as const

export type { UnitFeature }

export interface Draft {
  kind: 'line' | 'lasso' | 'brush'
  points: LngLat[]
}

export interface EditorLayerInput {
  units: UnitFeature[]
  /** grid key of each unit, in the order of `units` */
  assignment: ArrayLike<number>
  colours: Map<number, [number, number, number]>
  /** indices of the units the pending operation moves */
  touched: ReadonlySet<number>
  draft: Draft | null
  theme: MapTheme
  /** bumps when the assignment changes (deck.gl update trigger) */
  revision: number
}

const UNASSIGNED_FILL: [number, number, number, number] = [200, 200, 200, 160]

export function createEditorLayers(input: EditorLayerInput) {
  const { units, assignment, colours, touched } = input
  const index = new Map(units.map((u, i) => [u.id, i]))
  const fill = (unitId: number): [number, number, number, number] => {
    const i = index.get(unitId)!
    const c = unitColour(i, assignment, colours)
    if (!c) return UNASSIGNED_FILL
    return [c[0], c[1], c[2], touched.has(i) ? 255 : 240]
  }
  const labels: LabelDatum[] = units.map((u) => ({
    position: u.properties.centroid,
    text: String(u.properties.households),
    priority: Math.min(1000, u.properties.households),
  }))
  const layers = [
    new GeoJsonLayer<UnitProps>({
      id: EDITOR_LAYER_IDS.units,
      data: units,
      filled: true,
      stroked: true,
      getFillColor: (f) => fill(f.properties.id),
      getLineColor: (f) => (touched.has(index.get(f.properties.id)!) ? [20, 20, 20, 255] : [255, 255, 255, 230]),
      getLineWidth: (f) => (touched.has(index.get(f.properties.id)!) ? 3 : 1),
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      updateTriggers: {
        getFillColor: [input.revision, touched],
        getLineColor: [touched],
        getLineWidth: [touched],
      },
    }),
    createLabelLayer(labels, {
      id: EDITOR_LAYER_IDS.labels,
      theme: input.theme,
      visible: true,
      sizePx: 12,
      fontWeight: 600,
    }),
  ]
  if (input.draft && input.draft.points.length > 1) {
    const path = input.draft.kind === 'lasso' ? [...input.draft.points, input.draft.points[0]] : input.draft.points
    layers.push(
      new PathLayer<{ path: LngLat[] }>({
        id: EDITOR_LAYER_IDS.draft,
        data: [{ path }],
        getPath: (d) => d.path,
        getColor: input.draft.kind === 'line' ? [178, 24, 43, 255] : [28, 109, 208, 255],
        getWidth: input.draft.kind === 'brush' ? 14 : 3,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
        pickable: false,
      }) as never,
    )
  }
  return layers
}

/** The grids as they were on a past date, outlined over the edit. */
export function createAsOfLayer(page: GridPage) {
  return new GeoJsonLayer({
    id: EDITOR_LAYER_IDS.asOf,
    data: page.features,
    filled: false,
    stroked: true,
    getLineColor: [17, 17, 17, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  })
}
