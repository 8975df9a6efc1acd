import { describe, expect, it } from 'vitest'
import { checkCompliance } from './compliance'
import { hexBins, hexCorners } from './hex-bins'

const station = {
  tier: '5min',
  radiusMeters: 300,
  minActivityShare: 0.6,
  floorAreaM2Per100Households: 30,
}

describe('checkCompliance', () => {
  it('passes a station with 60% activity share and 30 m² per 100 households served', () => {
    const r = checkCompliance({ ...station, floorAreaM2: 600, activityAreaM2: 360, servedHouseholds: 2000 })
    expect(r).toMatchObject({ activityShare: 0.6, activityOk: true, floorAreaRequiredM2: 600, floorAreaOk: true })
    expect(r.compliant).toBe(true)
  })
  it('flags a low activity share, a small floor area and a radius beyond its tier', () => {
    const r = checkCompliance({
      ...station,
      radiusMeters: 500,
      floorAreaM2: 500,
      activityAreaM2: 200,
      servedHouseholds: 2000,
    })
    expect(r.problems.sort()).toEqual(['activity-share', 'floor-area', 'radius'])
    expect(r.compliant).toBe(false)
  })
  it('skips rules the type does not have, and reports missing areas when it does', () => {
    const school = checkCompliance({
      tier: '15min',
      radiusMeters: 1000,
      floorAreaM2: null,
      activityAreaM2: null,
      minActivityShare: null,
      floorAreaM2Per100Households: null,
      servedHouseholds: 10,
    })
    expect(school).toMatchObject({ activityOk: null, floorAreaOk: null, compliant: true })
    const unknown = checkCompliance({ ...station, floorAreaM2: null, activityAreaM2: null, servedHouseholds: 1 })
    expect(unknown.problems).toEqual(['missing-area'])
  })
  it('rejects an unknown tier with its name', () => {
    expect(() =>
      checkCompliance({ ...station, tier: '20min', floorAreaM2: 1, activityAreaM2: 1, servedHouseholds: 0 }),
    ).toThrow('20min')
  })
})

describe('hexBins', () => {
  it('keeps the total weight and puts every point in the hexagon whose centre is nearest', () => {
    const n = 500
    const x = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 10_000)
    const y = Float64Array.from({ length: n }, (_, i) => (i * 104_729) % 10_000)
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5))
    const bins = hexBins(x, y, w, 1000)
    expect(bins.reduce((s, b) => s + b.weight, 0)).toBe(w.reduce((s, v) => s + v, 0))
    // each point is nearest to its bin's centre among all bin centres (the hexagon property)
    const all = hexBins(x, y, w, 1000)
    for (let i = 0; i < n; i += 37) {
      const own = hexBins([x[i]], [y[i]], [1], 1000)[0]
      const d = Math.hypot(own.xMeters - x[i], own.yMeters - y[i])
      for (const b of all) expect(Math.hypot(b.xMeters - x[i], b.yMeters - y[i])).toBeGreaterThanOrEqual(d - 1e-6)
    }
    expect(hexCorners(0, 0, 1000).every(([cx, cy]) => Math.abs(Math.hypot(cx, cy) - 1000) < 1e-6)).toBe(true)
  })
})
