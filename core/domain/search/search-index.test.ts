import { describe, expect, it } from 'vitest'
import { buildSearchIndex, foldQuery, pinyinInitials, type SearchSource, search } from './search-index'

const box: [number, number, number, number] = [117.6, 39.0, 117.7, 39.1]
const sources: SearchSource[] = [
  { kind: 'street', key: '120116001', code: '120116001', name: '新港街道', context: '滨海新区', bbox: box },
  { kind: 'community', key: '120116001001', code: '120116001001', name: '紫云园社区', context: '新港街道', bbox: box },
  { kind: 'grid', key: 7, code: '120116001001003', name: '紫云园社区第3网格', context: '新港街道', bbox: box },
  { kind: 'grid', key: 8, code: '120116001001004', name: '紫云园社区第4网格', context: '新港街道', bbox: box },
  { kind: 'unit', key: 51, code: 'U51', name: '云园小区', context: '紫云园社区', bbox: box, gridId: 7 },
  { kind: 'facility', key: 3, code: null, name: '北塘村综合服务站', context: '北塘街道', bbox: box },
]
const index = buildSearchIndex(sources)

describe('search', () => {
  it('folds case, width and the separators people type', () => {
    expect(foldQuery(' ＺＹＹ sq ')).toBe('zyysq')
    expect(foldQuery('紫云园 · 社区')).toBe('紫云园社区')
  })

  it('spells names by their pinyin initials, digits kept', () => {
    expect(pinyinInitials('紫云园社区第3网格')).toBe('zyysqd3wg')
    expect(pinyinInitials('新港街道')).toBe('xgjd')
  })

  it('finds by name: the exact name first, then names that start with it, then names containing it', () => {
    const names = search(index, '紫云园社区').map((h) => h.name)
    expect(names).toEqual(['紫云园社区', '紫云园社区第3网格', '紫云园社区第4网格'])
    expect(search(index, '云园').map((h) => h.name)).toEqual([
      '云园小区',
      '紫云园社区',
      '紫云园社区第3网格',
      '紫云园社区第4网格',
    ])
  })

  it('finds by pinyin initials', () => {
    const hits = search(index, 'zyysq')
    expect(hits[0]).toMatchObject({ name: '紫云园社区', matched: 'initials' })
    expect(search(index, 'BTC')[0]).toMatchObject({ kind: 'facility', name: '北塘村综合服务站' })
  })

  it('finds a grid by its 15-digit code, and by a prefix everything under a code', () => {
    expect(search(index, '120116001001004')).toMatchObject([{ kind: 'grid', key: 8, matched: 'code' }])
    expect(search(index, '120116001001').map((h) => h.kind)).toEqual(['community', 'grid', 'grid'])
  })

  it('finds nothing for a blank query or a name that is not there, and keeps to the limit', () => {
    expect(search(index, '   ')).toEqual([])
    expect(search(index, '不存在的地方')).toEqual([])
    expect(search(index, 'zyy', 2)).toHaveLength(2)
  })

  it("carries what selecting a hit needs: key, bbox, and a unit's grid", () => {
    const [unit] = search(index, '云园小区')
    expect(unit).toMatchObject({ kind: 'unit', key: 51, gridId: 7, bbox: box, context: '紫云园社区' })
    expect(unit).not.toHaveProperty('initials')
  })
})
