import { describe, expect, it } from 'vitest'
import type { XY } from './local-plane'
import { placeFacilities } from './place-facilities'
import { pointInParts } from './planar-polygon'
import { createRandom } from './random'

const square = (x: number, y: number, s: number): XY[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
]

describe('placeFacilities', () => {
  const streets = [{ code: '120116001', name: '塘沽街道', kind: 'subdistrict' as const, residents: 60000 }]
  const communities = Array.from({ length: 20 }, (_, i) => ({
    code: `120116001${String(i < 15 ? i + 1 : 200 + i).padStart(3, '0')}`,
    name: i < 15 ? `测试${i}社区居委会` : `测试${i}村村民委员会`,
    kind: i < 15 ? ('urban' as const) : ('rural' as const),
    streetCode: '120116001',
    households: 2000,
    residents: 5000,
    units: [{ parts: [square(i * 1000, 0, 800)], households: 2000 }],
  }))

  it('places street and community facilities inside their community', () => {
    const out = placeFacilities(streets, communities, createRandom(4))
    const types = new Set(out.map((f) => f.typeCode))
    for (const t of ['community_service_station', 'village_service_station', 'primary_school', 'middle_school'])
      expect(types.has(t)).toBe(true)
    for (const f of out) {
      if (!f.communityCode) continue
      const c = communities.find((x) => x.code === f.communityCode)!
      expect(pointInParts(f.xy[0], f.xy[1], c.units[0].parts)).toBe(true)
    }
    const stations = out.filter((f) => f.typeCode === 'community_service_station')
    for (const s of stations) expect(s.activityAreaM2).toBeLessThanOrEqual(s.floorAreaM2!)
  })
})
