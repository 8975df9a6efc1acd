import { describe, expect, it } from 'vitest'
import { divisionCommunities, divisionStreets, outlineRing, streetAnchors } from './divisions'
import { pointInParts } from './planar-polygon'

describe('divisions and generator inputs', () => {
  it('has 26 streets, 505 communities (366 urban / 139 rural), each community on a known street', () => {
    expect(divisionStreets).toHaveLength(26)
    expect(divisionCommunities).toHaveLength(505)
    expect(divisionCommunities.filter((c) => c.kind === 'urban')).toHaveLength(366)
    const streets = new Set(divisionStreets.map((s) => s.code))
    for (const c of divisionCommunities) expect(streets.has(c.streetCode)).toBe(true)
  })

  it('has a closed outline of 30–60 vertices and an anchor inside it for every street', () => {
    expect(outlineRing[0]).toEqual(outlineRing[outlineRing.length - 1])
    expect(outlineRing.length).toBeGreaterThanOrEqual(30)
    expect(outlineRing.length).toBeLessThanOrEqual(61)
    for (const s of divisionStreets) {
      const a = streetAnchors[s.code]
      expect(a, s.code).toBeDefined()
      expect(pointInParts(a[0], a[1], [outlineRing])).toBe(true)
    }
  })
})
