import { describe, expect, it } from 'vitest'
import { haversineDistanceMeters } from './distance'
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02'

describe('gcj02', () => {
  it('matches the published test vector (docs/standards.md)', () => {
    const [lng, lat] = wgs84ToGcj02([116.404, 39.915])
    expect(lng).toBeCloseTo(116.41024449916938, 12)
    expect(lat).toBeCloseTo(39.91640428150164, 12)
  })

  it('inverts the test vector to within a micrometre', () => {
    const back = gcj02ToWgs84([116.41024449916938, 39.91640428150164])
    expect(haversineDistanceMeters(back, [116.404, 39.915])).toBeLessThan(1e-6)
  })

  it('round-trips points across Binhai and the offset is hundreds of metres', () => {
    for (let lng = 117.13; lng <= 118.07; lng += 0.1) {
      for (let lat = 38.56; lat <= 39.33; lat += 0.1) {
        const g = wgs84ToGcj02([lng, lat])
        const offset = haversineDistanceMeters(g, [lng, lat])
        expect(offset).toBeGreaterThan(100)
        expect(offset).toBeLessThan(1000)
        expect(haversineDistanceMeters(gcj02ToWgs84(g), [lng, lat])).toBeLessThan(1e-6)
      }
    }
  })

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85])
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85])
  })

  it('rejects bad coordinates with the bad value', () => {
    expect(() => wgs84ToGcj02([Number.NaN, 39])).toThrow(/NaN/)
    expect(() => wgs84ToGcj02([117, 91])).toThrow(/91/)
  })
})
