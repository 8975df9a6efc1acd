import { describe, expect, it } from 'vitest'
import { gridBandFromSettings } from './grid-band'

describe('gridBandFromSettings', () => {
  it('reads target and tolerance', () => {
    expect(gridBandFromSettings({ 'grid.household_target': 300, 'grid.household_tolerance': 0.2 })).toEqual({
      targetHouseholds: 300,
      tolerance: 0.2,
      lowHouseholds: 240,
      highHouseholds: 360,
    })
    expect(gridBandFromSettings({ 'grid.household_target': '250', 'grid.household_tolerance': '0.1' })).toMatchObject({
      lowHouseholds: 225,
      highHouseholds: 275,
    })
  })
  it('words the band in whole households in band (250 ± 15% → 213–287)', () => {
    expect(gridBandFromSettings({ 'grid.household_target': 250, 'grid.household_tolerance': 0.15 })).toMatchObject({
      lowHouseholds: 213,
      highHouseholds: 287,
    })
  })
  it('falls back to 300 ± 20% when missing or absurd', () => {
    expect(gridBandFromSettings(null)).toMatchObject({ targetHouseholds: 300, tolerance: 0.2 })
    expect(gridBandFromSettings({ 'grid.household_target': -5, 'grid.household_tolerance': 3 })).toMatchObject({
      targetHouseholds: 300,
      tolerance: 0.2,
    })
  })
})
