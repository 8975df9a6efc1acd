import { describe, expect, it } from 'vitest'
import {
  countByStatus,
  createImportPreviewLayer,
  PREVIEW_STATUS_COLOURS,
  type PreviewFeature,
  previewFillColour,
} from './import-preview-layers'
import { LAYER_IDS } from './layer-ids'

const feature = (row: number, status: PreviewFeature['properties']['status']): PreviewFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [117.7, 39.0] },
  properties: { row, code: `c${row}`, name: `n${row}`, status, households: row, problem: null, reason: null },
})

describe('the import preview layer', () => {
  const rows = [feature(1, 'added'), feature(2, 'changed'), feature(3, 'changed'), feature(4, 'removed')]

  it('draws only the statuses switched on, pickable under its own id', () => {
    const layer = createImportPreviewLayer(rows, { visible: new Set(['changed']) })
    expect(layer.id).toBe(LAYER_IDS.importPreview)
    expect(layer.props.pickable).toBe(true)
    expect((layer.props.data as PreviewFeature[]).map((f) => f.properties.row)).toEqual([2, 3])
  })

  it('colours each status apart, unchanged rows fainter', () => {
    const colours = new Set(Object.values(PREVIEW_STATUS_COLOURS).map((c) => c.join()))
    expect(colours.size).toBe(5)
    expect(previewFillColour('unchanged')[3]).toBeLessThan(previewFillColour('added')[3])
  })

  it('counts the rows by status', () => {
    expect(countByStatus(rows)).toEqual({ added: 1, changed: 2, removed: 1, unchanged: 0, rejected: 0 })
  })
})
