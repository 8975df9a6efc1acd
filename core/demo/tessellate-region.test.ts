import { describe, expect, it } from 'vitest'
import type { XY } from './local-plane'
import { partsAreaM2, pointInParts } from './planar-polygon'
import { createRandom } from './random'
import { samplePointsInside } from './sample-points'
import { rootRegion, tessellateRegion } from './tessellate-region'

// an L-shaped outline, so that some cells cross it
const outline = {
  ring: [
    [0, 0],
    [2000, 0],
    [2000, 800],
    [800, 800],
    [800, 2000],
    [0, 2000],
    [0, 0],
  ] as XY[],
}

describe('tessellateRegion', () => {
  it('tiles the root and then each child, two levels deep', () => {
    const rng = createRandom(11)
    const root = rootRegion(outline)
    const rootArea = partsAreaM2(root.parts)
    const children = tessellateRegion(root, samplePointsInside(root.parts, 12, rng), outline)
    expect(children.reduce((s, c) => s + partsAreaM2(c.parts), 0)).toBeCloseTo(rootArea, 3)
    for (const child of children) {
      const area = partsAreaM2(child.parts)
      const sites = samplePointsInside(child.parts, 7, rng)
      const grand = tessellateRegion(child, sites, outline)
      expect(grand.reduce((s, c) => s + partsAreaM2(c.parts), 0) / area).toBeCloseTo(1, 6)
      // each grandchild contains its own site
      grand.forEach((g, i) => {
        expect(pointInParts(sites[i][0], sites[i][1], g.parts)).toBe(true)
      })
    }
  })
})
