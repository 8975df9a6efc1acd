// The import preview: the file's rows where they would land, coloured by what the commit would
// do to each (added, changed, removed, unchanged; rejected rows where they would land), over the existing units drawn as thin outlines,
// so a file in the wrong CRS shows as a shifted copy of what is already there.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { ImportPreviewProperties } from '../../../../core/api'
import type { Rgba } from '../deviation-colour'
import { LAYER_IDS } from './layer-ids'

export type PreviewStatus = ImportPreviewProperties['status']
export type PreviewFeature = GeoJSON.Feature<GeoJSON.Geometry, ImportPreviewProperties>

export const PREVIEW_STATUS_COLOURS: Record<PreviewStatus, Rgba> = {
  added: [22, 163, 74, 255],
  changed: [217, 119, 6, 255],
  removed: [220, 38, 38, 255],
  unchanged: [71, 85, 105, 255],
  rejected: [147, 51, 234, 255],
}

export const PREVIEW_STATUSES: readonly PreviewStatus[] = ['added', 'changed', 'removed', 'unchanged', 'rejected']

const EXISTING_LINE: Rgba = [90, 90, 90, 200]

export function previewFillColour(status: PreviewStatus): Rgba {
  const [r, g, b] = PREVIEW_STATUS_COLOURS[status]
  return [r, g, b, status === 'unchanged' ? 40 : 110]
}

export interface ImportPreviewOptions {
  /** statuses to draw (the legend's toggles) */
  visible: ReadonlySet<PreviewStatus>
}

/** The preview's rows: translucent fill and outline by status, points as circles; pickable. */
export function createImportPreviewLayer(features: PreviewFeature[], options: ImportPreviewOptions): Layer {
  const shown = features.filter((f) => options.visible.has(f.properties.status))
  return new GeoJsonLayer<ImportPreviewProperties>({
    id: LAYER_IDS.importPreview,
    data: shown as unknown as GeoJSON.Feature[],
    filled: true,
    stroked: true,
    pointType: 'circle',
    getFillColor: (f) => previewFillColour((f.properties as ImportPreviewProperties).status),
    getLineColor: (f) => PREVIEW_STATUS_COLOURS[(f.properties as ImportPreviewProperties).status],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    pointRadiusUnits: 'pixels',
    getPointRadius: 5,
    pickable: true,
    updateTriggers: { getFillColor: [shown.length], getLineColor: [shown.length] },
  })
}

/** What is already in the database around the file (units, or the layer imported): thin outlines. */
export function createImportExistingLayer(features: GeoJSON.Feature[]): Layer {
  return new GeoJsonLayer({
    id: LAYER_IDS.importExisting,
    data: features,
    filled: false,
    stroked: true,
    pointType: 'circle',
    getLineColor: EXISTING_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pointRadiusUnits: 'pixels',
    getPointRadius: 3,
    pickable: false,
  })
}

/** How many rows of each status the preview holds. */
export function countByStatus(features: PreviewFeature[]): Record<PreviewStatus, number> {
  const counts: Record<PreviewStatus, number> = { added: 0, changed: 0, removed: 0, unchanged: 0, rejected: 0 }
  for (const f of features) counts[f.properties.status]++
  return counts
}
