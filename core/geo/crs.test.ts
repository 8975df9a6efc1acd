import { describe, expect, it } from 'vitest'
import { gcj02ToBd09 } from './bd09'
import { crsInfo, crsTransform, gaussKrugerZone, parseCrs, supportedCrs } from './crs'
import { haversineDistanceMeters } from './distance'

// Reference values from PROJ 9.1.1, an independent implementation:
//   echo "LAT LNG" | cs2cs -f %.6f EPSG:4490 EPSG:<code>   (output northing, easting for these CRSs)
const points: [number, number][] = [
  [117.65, 39.03], // Binhai centre
  [117.13, 38.56], // Binhai south-west corner
  [118.07, 39.33], // Binhai north-east corner
  [116.404, 39.915], // Beijing
]
const PROJ: Record<string, [number, number][]> = {
  'EPSG:4548': [
    [556283.629951, 4322035.50844],
    [511330.848195, 4269667.030623],
    [592259.221509, 4355686.157028],
    [449042.047441, 4420261.219997],
  ],
  'EPSG:4527': [
    [39556283.629951, 4322035.50844],
    [39511330.848195, 4269667.030623],
    [39592259.221509, 4355686.157028],
    [39449042.047441, 4420261.219997],
  ],
  'EPSG:4546': [
    [1076090.812224, 4342940.08746],
    [1034521.407453, 4287520.727237],
    [1109898.657517, 4379056.149992],
    [962161.870361, 4434098.699835],
  ],
  'EPSG:3857': [
    [13096738.091829, 4725969.726643],
    [13038851.956616, 4658839.894973],
    [13143492.277962, 4769052.081268],
    [12958034.0063, 4853597.9883],
  ],
}

describe('crsTransform against PROJ', () => {
  for (const [code, expected] of Object.entries(PROJ)) {
    it(`${code}: forward within 1 mm, inverse within 1e-9°`, () => {
      const t = crsTransform(code)
      points.forEach((p, i) => {
        const [x, y] = t.fromWgs84(p)
        expect(Math.abs(x - expected[i][0])).toBeLessThan(0.001)
        expect(Math.abs(y - expected[i][1])).toBeLessThan(0.001)
        const [lng, lat] = t.toWgs84(expected[i])
        expect(Math.abs(lng - p[0])).toBeLessThan(1e-9)
        expect(Math.abs(lat - p[1])).toBeLessThan(1e-9)
      })
    })
  }

  it('treats CGCS2000 and WGS84 lng/lat as the same', () => {
    expect(crsTransform('EPSG:4490').toWgs84([117.65, 39.03])).toEqual([117.65, 39.03])
  })
})

describe('GCJ-02 and BD-09', () => {
  // published test vector, and the npm package gcoord 1.0.7 (a second implementation) for BD-09
  it('matches the published GCJ-02 vector and gcoord for BD-09', () => {
    const [gLng, gLat] = crsTransform('GCJ-02').fromWgs84([116.404, 39.915])
    expect(gLng).toBeCloseTo(116.41024449916938, 10)
    expect(gLat).toBeCloseTo(39.91640428150164, 10)
    const [bLng, bLat] = crsTransform('BD-09').fromWgs84([116.404, 39.915])
    expect(bLng).toBeCloseTo(116.41662724378733, 10)
    expect(bLat).toBeCloseTo(39.922699552216216, 10)
  })

  it('round-trips within a micrometre across Binhai, and the offsets are hundreds of metres', () => {
    for (const code of ['GCJ-02', 'BD-09']) {
      const t = crsTransform(code)
      for (const p of points) {
        const shifted = t.fromWgs84(p)
        expect(haversineDistanceMeters(t.toWgs84(shifted), p)).toBeLessThan(1e-6)
        const offset = haversineDistanceMeters(shifted, p)
        expect(offset).toBeGreaterThan(code === 'GCJ-02' ? 100 : 600)
        expect(offset).toBeLessThan(1500)
      }
    }
    expect(() => gcj02ToBd09([Number.NaN, 39])).toThrow(/NaN/)
  })
})

describe('parseCrs', () => {
  it('reads the ways people and clients write a CRS', () => {
    expect(parseCrs('EPSG:4548').code).toBe('EPSG:4548')
    expect(parseCrs('4548').code).toBe('EPSG:4548')
    expect(parseCrs('http://www.opengis.net/def/crs/EPSG/0/4490').code).toBe('EPSG:4490')
    expect(parseCrs('urn:ogc:def:crs:EPSG::4527').code).toBe('EPSG:4527')
    expect(parseCrs('http://www.opengis.net/def/crs/OGC/1.3/CRS84').code).toBe('EPSG:4326')
    expect(parseCrs('gcj02').code).toBe('GCJ-02')
    expect(parseCrs('Baidu').code).toBe('BD-09')
    expect(parseCrs('CGCS2000').code).toBe('EPSG:4490')
  })

  it('refuses what it cannot read, saying what it got', () => {
    expect(() => parseCrs('EPSG:2383')).toThrow(/unsupported CRS "EPSG:2383"/)
    expect(() => parseCrs('mars')).toThrow(/unreadable CRS "mars"/)
  })

  it('names the 42 CGCS2000 Gauss-Krüger zones, with and without prefix', () => {
    expect(gaussKrugerZone(4548)).toEqual({ zone: 39, centralMeridian: 117, prefixed: false })
    expect(gaussKrugerZone(4527)).toEqual({ zone: 39, centralMeridian: 117, prefixed: true })
    expect(gaussKrugerZone(4513)).toEqual({ zone: 25, centralMeridian: 75, prefixed: true })
    expect(gaussKrugerZone(4554)).toEqual({ zone: 45, centralMeridian: 135, prefixed: false })
    expect(gaussKrugerZone(4512)).toBeNull()
    expect(supportedCrs()).toHaveLength(5 + 42)
    expect(crsInfo('EPSG:4548').nameEn).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 117E')
    expect(crsInfo('EPSG:4527').uri).toBe('http://www.opengis.net/def/crs/EPSG/0/4527')
  })
})
