import { describe, expect, it } from 'vitest'
import { cyclePeriodMs, DEFAULT_CYCLE_SECONDS, nextStop, tourStops } from './street-cycle'

describe('street tour', () => {
  it('starts at the district and visits every street in code order, wrapping', () => {
    const stops = tourStops(['120116002', '120116001'])
    expect(stops).toEqual([null, '120116001', '120116002'])
    expect(nextStop(stops, null)).toBe('120116001')
    expect(nextStop(stops, '120116001')).toBe('120116002')
    expect(nextStop(stops, '120116002')).toBe(null)
    expect(nextStop(stops, '999')).toBe(null)
    expect(nextStop([], null)).toBe(null)
  })

  it('reads the period from ?cycle=, with a floor, 0 to stop, junk to the default', () => {
    expect(cyclePeriodMs('')).toBe(DEFAULT_CYCLE_SECONDS * 1000)
    expect(cyclePeriodMs('?cycle=30')).toBe(30_000)
    expect(cyclePeriodMs('?cycle=1')).toBe(5_000)
    expect(cyclePeriodMs('?cycle=0')).toBe(0)
    expect(cyclePeriodMs('?cycle=abc')).toBe(DEFAULT_CYCLE_SECONDS * 1000)
    expect(cyclePeriodMs('?cycle=-3')).toBe(DEFAULT_CYCLE_SECONDS * 1000)
  })
})
