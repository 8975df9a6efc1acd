import { describe, expect, it } from 'vitest'
import { LAYER_IDS } from '../../map/layers/layer-ids'
import { sameSelection, selectionFromPick } from './selection'

describe('selectionFromPick', () => {
  it('maps picked layers to selections', () => {
    expect(selectionFromPick(LAYER_IDS.grids, { properties: { id: 7 } })).toEqual({ kind: 'grid', id: 7 })
    expect(selectionFromPick(LAYER_IDS.communitiesFill, { properties: { code: '120116001001' } })).toEqual({
      kind: 'community',
      code: '120116001001',
    })
    expect(selectionFromPick(LAYER_IDS.facilities, { properties: { id: 3 } })).toEqual({ kind: 'facility', id: 3 })
    expect(selectionFromPick(LAYER_IDS.streetLabels, { properties: { id: 1 } })).toBeNull()
    expect(selectionFromPick(undefined, null)).toBeNull()
  })
  it('compares selections by kind and key', () => {
    expect(sameSelection({ kind: 'grid', id: 1 }, { kind: 'grid', id: 1 })).toBe(true)
    expect(sameSelection({ kind: 'grid', id: 1 }, { kind: 'facility', id: 1 })).toBe(false)
    expect(sameSelection(null, null)).toBe(true)
  })
})
