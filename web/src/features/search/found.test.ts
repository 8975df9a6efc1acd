import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../../core/api'
import { foundFromHit, foundOutline, selectionOfHit } from './found'

const hit = (over: Partial<SearchHit>): SearchHit => ({
  kind: 'grid',
  key: 7,
  code: '120116001001003',
  name: '紫云园社区第3网格',
  context: '',
  matched: 'name',
  bbox: [117, 39, 117.1, 39.1],
  geometry: { type: 'MultiPolygon', coordinates: [] },
  ...over,
})

describe('a found feature', () => {
  it('selects what was found; a unit selects its grid', () => {
    expect(selectionOfHit(hit({}))).toEqual({ kind: 'grid', id: 7 })
    expect(selectionOfHit(hit({ kind: 'community', key: '120116001001' }))).toEqual({
      kind: 'community',
      code: '120116001001',
    })
    expect(selectionOfHit(hit({ kind: 'unit', key: 51, gridId: 7 }))).toEqual({ kind: 'grid', id: 7 })
    expect(selectionOfHit(hit({ kind: 'facility', key: 3 }))).toEqual({ kind: 'facility', id: 3 })
  })

  it('stays highlighted until the next selection', () => {
    const found = foundFromHit(
      hit({
        kind: 'unit',
        key: 51,
        gridId: 7,
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [1, 1],
                [2, 1],
                [2, 2],
                [1, 1],
              ],
            ],
          ],
        },
      }),
    )
    expect(foundOutline(found, { kind: 'grid', id: 7 })?.geometry.type).toBe('MultiPolygon')
    expect(foundOutline(found, { kind: 'grid', id: 8 })).toBeNull()
    expect(foundOutline(found, null)).toBeNull()
    expect(foundOutline(null, { kind: 'grid', id: 7 })).toBeNull()
  })
})
