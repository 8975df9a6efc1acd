// BD-09 (Baidu Maps) <-> GCJ-02. Baidu adds a further rotation-and-stretch to GCJ-02 coordinates;
// like GCJ-02 it cannot be detected from the numbers, so data in it must be declared.
import { assertLngLat } from './gcj02'

const X_PI = (Math.PI * 3000) / 180 // the constant of Baidu's published formula

/** GCJ-02 [lng, lat] -> BD-09 [lng, lat] (the published forward formula). */
export function gcj02ToBd09(p: readonly [number, number]): [number, number] {
  assertLngLat(p)
  const [x, y] = p
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI)
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI)
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
}

/** BD-09 [lng, lat] -> GCJ-02 [lng, lat]: the published inverse, refined by fixed-point iteration to 1e-12°. */
export function bd09ToGcj02(p: readonly [number, number]): [number, number] {
  assertLngLat(p)
  // the published approximate inverse: subtract the shift, undo the stretch and rotation
  const x0 = p[0] - 0.0065
  const y0 = p[1] - 0.006
  const z = Math.sqrt(x0 * x0 + y0 * y0) - 0.00002 * Math.sin(y0 * X_PI)
  const theta = Math.atan2(y0, x0) - 0.000003 * Math.cos(x0 * X_PI)
  let lng = z * Math.cos(theta)
  let lat = z * Math.sin(theta)
  // then remove what the forward formula still disagrees by
  for (let i = 0; i < 10; i++) {
    const [bLng, bLat] = gcj02ToBd09([lng, lat])
    const eLng = bLng - p[0]
    const eLat = bLat - p[1]
    lng -= eLng
    lat -= eLat
    if (Math.abs(eLng) < 1e-12 && Math.abs(eLat) < 1e-12) break
  }
  return [lng, lat]
}
