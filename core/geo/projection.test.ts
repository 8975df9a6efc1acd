import geodesic from 'geographiclib-geodesic'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../seeded-random'
import { planarDistanceMeters } from './distance'
import { EPSG_4548, toLngLat, toLngLatBatch, toMetric, toMetricBatch } from './projection'

// GRS80 ellipsoid, the one EPSG:4548 (CGCS2000) is defined on
const GRS80 = new geodesic.Geodesic.Geodesic(6378137, 1 / 298.257222101)

describe('projection EPSG:4548', () => {
  it('uses the 117°E central meridian: a point on it has easting 500 000 m', () => {
    const [x, y] = toMetric([117, 39])
    expect(x).toBeCloseTo(500000, 6)
    // northing of 39°N on GRS80 = meridian arc length, from geographiclib
    const arc = GRS80.Inverse(0, 117, 39, 117).s12 as number
    expect(y).toBeCloseTo(arc, 3)
    expect(EPSG_4548).toContain('+lon_0=117')
  })

  it('round-trips lng/lat to sub-millimetre', () => {
    const back = toLngLat(toMetric([117.65, 39.03]))
    expect(back[0]).toBeCloseTo(117.65, 10)
    expect(back[1]).toBeCloseTo(39.03, 10)
  })

  it('planar distances are within 0.5% of the geodesic across Binhai, 50 m–5 km', () => {
    const rand = seededRandom(4548)
    let worst = 0
    for (let i = 0; i < 2000; i++) {
      // a random start in the Binhai extent, a random azimuth and a log-uniform distance
      const lng = 117.13 + rand() * (118.07 - 117.13)
      const lat = 38.56 + rand() * (39.33 - 38.56)
      const azimuth = rand() * 360
      const distanceMeters = 50 * 100 ** rand()
      const end = GRS80.Direct(lat, lng, azimuth, distanceMeters)
      const a = toMetric([lng, lat])
      const b = toMetric([end.lon2 as number, end.lat2 as number])
      const planar = planarDistanceMeters(a[0], a[1], b[0], b[1])
      worst = Math.max(worst, Math.abs(planar - distanceMeters) / distanceMeters)
    }
    expect(worst).toBeLessThan(0.005)
  })

  it('batch versions equal the single-point ones', () => {
    const lng = new Float64Array([117.13, 117.65, 118.07])
    const lat = new Float64Array([38.56, 39.03, 39.33])
    const { xMeters, yMeters } = toMetricBatch(lng, lat)
    for (let i = 0; i < 3; i++) expect([xMeters[i], yMeters[i]]).toEqual(toMetric([lng[i], lat[i]]))
    const back = toLngLatBatch(xMeters, yMeters)
    for (let i = 0; i < 3; i++) {
      expect(back.lng[i]).toBeCloseTo(lng[i], 10)
      expect(back.lat[i]).toBeCloseTo(lat[i], 10)
    }
  })

  it('rejects bad input with the bad value', () => {
    expect(() => toMetric([Number.NaN, 39])).toThrow(/NaN/)
    expect(() => toMetric([117, 95])).toThrow(/95/)
    expect(() => toMetricBatch(new Float64Array(2), new Float64Array(3))).toThrow(/2 vs 3/)
    expect(() => toLngLat([Number.POSITIVE_INFINITY, 0])).toThrow(/Infinity/)
  })
})
