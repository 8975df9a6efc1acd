import { describe, expect, it } from 'vitest'
import { planGridHouseholds, planUnits } from './initial-grids'
import { createRandom } from './random'

describe('initial grid plans', () => {
  it('splits a community into ~300-household grids that sum exactly', () => {
    const rng = createRandom(5)
    const grids = planGridHouseholds(2400, rng)
    expect(grids).toHaveLength(8)
    expect(grids.reduce((s, x) => s + x, 0)).toBe(2400)
    for (const g of grids) expect(g).toBeGreaterThan(200)
    expect(planGridHouseholds(30, rng)).toEqual([30])
  })

  it('makes units of 40–150 households from a grid', () => {
    const rng = createRandom(6)
    for (let i = 0; i < 500; i++) {
      const h = rng.int(200, 420)
      const units = planUnits(h, rng.chance(0.5) ? 'urban' : 'rural', rng)
      expect(units.reduce((s, u) => s + u.households, 0)).toBe(h)
      for (const u of units) {
        expect(u.households).toBeGreaterThanOrEqual(40)
        expect(u.households).toBeLessThanOrEqual(150)
      }
    }
    expect(planUnits(25, 'rural', rng)).toEqual([{ kind: 'village_group', households: 25 }])
  })
})
