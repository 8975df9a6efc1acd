import { describe, expect, it } from 'vitest'
import { bandExcess, gridTotals, isInBand, validateSettings } from './balance'
import { GridError } from './errors'
import { latticeGraph } from './fixtures'

const settings = { targetHouseholds: 300, tolerance: 0.2 }

describe('validateSettings', () => {
  it('gives the 240–360 band for 300 ± 20%', () => {
    expect(validateSettings(settings)).toEqual({ minHouseholds: 240, maxHouseholds: 360 })
  })
  it('rejects a non-positive target, naming the value', () => {
    expect(() => validateSettings({ targetHouseholds: 0, tolerance: 0.2 })).toThrow(/got 0/)
  })
  it('rejects a tolerance outside [0, 1) with code INVALID_SETTINGS', () => {
    try {
      validateSettings({ targetHouseholds: 300, tolerance: 1.5 })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(GridError)
      expect((e as GridError).code).toBe('INVALID_SETTINGS')
      expect((e as GridError).message).toMatch(/1\.5/)
    }
  })
})

describe('band', () => {
  it('is inclusive at both ends', () => {
    expect([239, 240, 360, 361].map((h) => isInBand(h, settings))).toEqual([false, true, true, false])
  })
  it('measures the households outside the band', () => {
    expect([200, 300, 400].map((h) => bandExcess(h, settings))).toEqual([40, 0, 40])
  })
})

describe('gridTotals', () => {
  // 3 × 2 lattice, 100 households (250 residents) per unit; grid 0 = left column, grid 1 = the rest
  const graph = latticeGraph({ cols: 3, rows: 2, households: 100 })
  it('sums households, residents and units per grid, with deviation and band flag', () => {
    expect(gridTotals(graph, [0, 1, 1, 0, 1, 1], settings)).toEqual([
      { grid: 0, households: 200, residents: 500, units: 2, deviation: -1 / 3, inBand: false },
      { grid: 1, households: 400, residents: 1000, units: 4, deviation: 1 / 3, inBand: false },
    ])
  })
  it('leaves unassigned units out', () => {
    expect(gridTotals(graph, [7, 7, 7, -1, -1, -1], settings)).toEqual([
      { grid: 7, households: 300, residents: 750, units: 3, deviation: 0, inBand: true },
    ])
  })
  it('rejects an assignment of the wrong length, naming the length', () => {
    expect(() => gridTotals(graph, [0, 0], settings)).toThrow(/2 entries, expected 6/)
  })
  it('rejects a grid key below -1', () => {
    expect(() => gridTotals(graph, [0, 0, 0, 0, 0, -2], settings)).toThrow(/assignment\[5\] is -2/)
  })
})
