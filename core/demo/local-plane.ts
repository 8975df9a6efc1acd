// An affine (equirectangular) plane around an origin, in metres: x east, y north.
// Affine on purpose: straight edges stay straight both ways, so a polygon valid in metres is
// valid in degrees and tiles stay tiles. Distortion across Binhai (±0.4° lat) is below 1%.

export type XY = [number, number]
export type LngLat = [number, number]

const EARTH_RADIUS_METERS = 6371008.8

export interface LocalPlane {
  origin: LngLat
  toXY(lngLat: readonly [number, number]): XY
  toLngLat(xy: readonly [number, number]): LngLat
}

export function createLocalPlane(origin: LngLat): LocalPlane {
  const [lng0, lat0] = origin
  if (!Number.isFinite(lng0) || !Number.isFinite(lat0) || Math.abs(lat0) > 80)
    throw new Error(`invalid plane origin: ${origin}`)
  // metres per degree of latitude and of longitude at the origin's latitude
  const metersPerDegLat = (Math.PI / 180) * EARTH_RADIUS_METERS
  const metersPerDegLng = metersPerDegLat * Math.cos((lat0 * Math.PI) / 180)
  return {
    origin,
    toXY: ([lng, lat]) => [(lng - lng0) * metersPerDegLng, (lat - lat0) * metersPerDegLat],
    toLngLat: ([x, y]) => [lng0 + x / metersPerDegLng, lat0 + y / metersPerDegLat],
  }
}
