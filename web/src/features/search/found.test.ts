import { describe, expect, it } from 'vitest'
import type { SearchHit } from '../../../../core/api'
import { foundFromHit, foundOutline, foundPoint, hitForRow, selectionOfHit } from './found'

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
    // a proposed site (nothing to select) stays outlined until something is selected
    const site = foundPoint([117.7, 39.05], '新港社区')
    expect(foundOutline(site, null)).toMatchObject({ geometry: { type: 'Point', coordinates: [117.7, 39.05] } })
    expect(foundOutline(site, { kind: 'grid', id: 7 })).toBeNull()
    expect(foundOutline(null, { kind: 'grid', id: 7 })).toBeNull()
  })
})

describe('the row of a list', () => {
  it('is found among the hits by its kind and key or code', () => {
    const hits = [
      hit({ kind: 'grid', key: 7, code: '120116001001003' }),
      hit({ kind: 'unit', key: 51, code: '120116001001003' }),
    ]
    expect(hitForRow(hits, 'unit', '51')?.key).toBe(51)
    expect(hitForRow(hits, 'grid', '120116001001003')?.key).toBe(7)
    expect(hitForRow(hits, 'community', '120116001001')).toBeUndefined()
  })
})
