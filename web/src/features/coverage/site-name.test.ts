import { describe, expect, it } from 'vitest'
import { siteName } from './site-name'

const grid = (n: number) => `第${n}网格`

describe('a proposed site by place', () => {
  it('names a grid-centroid site by its community and grid, any other by its community', () => {
    expect(siteName({ communityCode: '120116001001', candidate: '120116001001007' }, '紫云园社区居委会', grid)).toBe(
      '紫云园社区第7网格',
    )
    expect(siteName({ communityCode: '120116001001', candidate: '5123' }, '北台村委会', grid)).toBe('北台村')
    expect(siteName({ communityCode: null, candidate: '3' }, undefined, grid)).toBeNull()
  })
})
