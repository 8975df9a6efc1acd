// lng/lat (EPSG:4326 / CGCS2000) <-> metric x/y in EPSG:4548, the CGCS2000 3-degree
// Gauss-Krüger zone with central meridian 117°E that covers Binhai New Area.
import proj4 from 'proj4'

export const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'

const converter = proj4('+proj=longlat +ellps=GRS80 +no_defs', EPSG_4548)

// Rejects a coordinate that is not a finite lng in [-180, 180] and lat in [-90, 90].
function assertLngLat(lng: number, lat: number): void {
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new Error(`invalid longitude: ${lng}`)
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new Error(`invalid latitude: ${lat}`)
}

/** [lng, lat] in degrees -> [x, y] in metres (EPSG:4548, easting/northing). */
export function toMetric(lngLat: readonly [number, number]): [number, number] {
  assertLngLat(lngLat[0], lngLat[1])
  const [x, y] = converter.forward([lngLat[0], lngLat[1]])
  return [x, y]
}

/** [x, y] in metres (EPSG:4548) -> [lng, lat] in degrees. */
export function toLngLat(xy: readonly [number, number]): [number, number] {
  if (!Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) throw new Error(`invalid metric point: ${xy}`)
  const [lng, lat] = converter.inverse([xy[0], xy[1]])
  return [lng, lat]
}

/** Batch forward: interleaved or separate lng/lat arrays -> new x/y arrays in metres. */
export function toMetricBatch(lng: Float64Array, lat: Float64Array): { xMeters: Float64Array; yMeters: Float64Array } {
  if (lng.length !== lat.length) throw new Error(`lng/lat length mismatch: ${lng.length} vs ${lat.length}`)
  const xMeters = new Float64Array(lng.length)
  const yMeters = new Float64Array(lng.length)
  const p: [number, number] = [0, 0]
  for (let i = 0; i < lng.length; i++) {
    assertLngLat(lng[i], lat[i])
    p[0] = lng[i]
    p[1] = lat[i]
    const out = converter.forward(p)
    xMeters[i] = out[0]
    yMeters[i] = out[1]
  }
  return { xMeters, yMeters }
}

/** Batch inverse: x/y arrays in metres -> new lng/lat arrays in degrees. */
export function toLngLatBatch(xMeters: Float64Array, yMeters: Float64Array): { lng: Float64Array; lat: Float64Array } {
  if (xMeters.length !== yMeters.length) throw new Error(`x/y length mismatch: ${xMeters.length} vs ${yMeters.length}`)
  const lng = new Float64Array(xMeters.length)
  const lat = new Float64Array(xMeters.length)
  const p: [number, number] = [0, 0]
  for (let i = 0; i < xMeters.length; i++) {
    if (!Number.isFinite(xMeters[i]) || !Number.isFinite(yMeters[i]))
      throw new Error(`invalid metric point at ${i}: ${xMeters[i]}, ${yMeters[i]}`)
    p[0] = xMeters[i]
    p[1] = yMeters[i]
    const out = converter.inverse(p)
    lng[i] = out[0]
    lat[i] = out[1]
  }
  return { lng, lat }
}
