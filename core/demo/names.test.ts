import { describe, expect, it } from 'vitest'
import { chineseNumeral, communityShortName, estateName } from './names'
import { createRandom } from './random'

describe('names', () => {
  it('writes Chinese numerals', () => {
    expect([1, 2, 10, 12, 20, 35].map(chineseNumeral)).toEqual(['一', '二', '十', '十二', '二十', '三十五'])
    expect(() => chineseNumeral(0)).toThrow(/0/)
  })

  it('shortens community names', () => {
    expect(communityShortName('紫云园社区居委会')).toBe('紫云园社区')
    expect(communityShortName('河头村村民委员会')).toBe('河头村')
    expect(communityShortName('东沽村委会')).toBe('东沽村')
    expect(communityShortName('融盛社区居民委员会')).toBe('融盛社区')
    expect(communityShortName('北大港农场生活区')).toBe('北大港农场生活区')
  })

  it('makes unique estate names', () => {
    const rng = createRandom(1)
    const taken = new Set<string>()
    for (let i = 0; i < 200; i++) estateName(rng, taken)
    expect(taken.size).toBe(200)
  })
})
