import { describe, expect, it } from 'vitest'
import type { XY } from './local-plane'
import { placeBuildings } from './place-buildings'
import { pointInParts } from './planar-polygon'
import { createRandom } from './random'

const unit: XY[][] = [
  [
    [0, 0],
    [200, 0],
    [200, 150],
    [0, 150],
    [0, 0],
  ],
]

describe('placeBuildings', () => {
  it('puts dense blocks in a compound and farmhouses in a village group, inside the unit', () => {
    const rng = createRandom(9)
    const blocks = placeBuildings(unit, 'compound', 140, rng)
    expect(blocks.reduce((s, b) => s + b.households, 0)).toBe(140)
    for (const b of blocks) expect(['highrise', 'midrise']).toContain(b.kind)
    const farms = placeBuildings(unit, 'village_group', 90, rng)
    expect(farms.reduce((s, b) => s + b.households, 0)).toBe(90)
    expect(farms.length).toBeGreaterThan(20)
    for (const b of [...blocks, ...farms]) expect(pointInParts(b.xy[0], b.xy[1], unit)).toBe(true)
  })

  it('rejects a bad household count', () => {
    expect(() => placeBuildings(unit, 'compound', 0, createRandom(1))).toThrow(/0/)
  })
})
