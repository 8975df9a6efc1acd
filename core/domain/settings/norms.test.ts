import { describe, expect, it } from 'vitest'
import { bandInHouseholds, bandNorms, DEFAULT_NORMS, normsFromSettings } from './norms'

describe('normsFromSettings', () => {
  it('reads every norm from the settings record', () => {
    expect(
      normsFromSettings({
        'grid.household_target': 250,
        'grid.household_tolerance': 0.15,
        'facility.floor_area_m2_per_100_households': 40,
        'staffing.workers_per_10k_urban': 20,
      }),
    ).toEqual({ targetHouseholds: 250, tolerance: 0.15, floorAreaM2Per100Households: 40, minWorkersPer10k: 20 })
    expect(normsFromSettings({ 'grid.household_target': '250' }).targetHouseholds).toBe(250)
  })

  it('keeps the defaults (300 ± 20%, 30 m², 18) for missing or absurd values', () => {
    expect(normsFromSettings(null)).toEqual(DEFAULT_NORMS)
    expect(DEFAULT_NORMS).toEqual({
      targetHouseholds: 300,
      tolerance: 0.2,
      floorAreaM2Per100Households: 30,
      minWorkersPer10k: 18,
    })
    expect(
      normsFromSettings({
        'grid.household_target': -5,
        'grid.household_tolerance': 3,
        'staffing.workers_per_10k_urban': '',
      }),
    ).toEqual(DEFAULT_NORMS)
  })
})

describe('bandInHouseholds', () => {
  it('gives the whole numbers of households in band, rounded inwards', () => {
    expect(bandInHouseholds({ targetHouseholds: 300, tolerance: 0.2 })).toEqual([240, 360])
    expect(bandInHouseholds({ targetHouseholds: 250, tolerance: 0.15 })).toEqual([213, 287])
    expect(bandInHouseholds({ targetHouseholds: 250, tolerance: 0.1 })).toEqual([225, 275])
  })
})

describe('bandNorms', () => {
  it('recovers target and tolerance from the band limits', () => {
    const n = bandNorms([212.5, 287.5])
    expect(n.targetHouseholds).toBe(250)
    expect(n.tolerance).toBeCloseTo(0.15, 12)
    expect(bandInHouseholds(n)).toEqual([213, 287])
    expect(bandInHouseholds(bandNorms([240, 360]))).toEqual([240, 360])
  })
})
