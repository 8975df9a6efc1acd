import { describe, expect, it } from 'vitest'
import { communityShortName, gridName } from './place-names'

describe('the naming rule', () => {
  it('shortens a community to its name without the committee', () => {
    expect(communityShortName('紫云园社区居委会')).toBe('紫云园社区')
    expect(communityShortName('河头村村民委员会')).toBe('河头村')
    expect(communityShortName('北台村委会')).toBe('北台村')
    expect(communityShortName('胡家园街道农场生活区')).toBe('胡家园街道农场生活区')
  })

  it('names a grid by its community and the sequence in its code', () => {
    expect(gridName('紫云园社区居委会', '120116001001007')).toBe('紫云园社区第7网格')
    expect(gridName('北台村委会', '120116105201001')).toBe('北台村第1网格')
    expect(gridName('紫云园社区', '120116001001012')).toBe('紫云园社区第12网格')
    expect(() => gridName('紫云园社区', '12011600100100')).toThrow(/15 digits/)
  })
})
