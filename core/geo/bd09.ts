// BD-09 (Baidu Maps) <-> GCJ-02. Baidu adds a further rotation-and-stretch to GCJ-02 coordinates;
// like GCJ-02 it cannot be detected from the numbers, so data in it must be declared.
import { assertLngLat, invertOffset } from './gcj02'

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
  const x = p[0] - 0.0065
  const y = p[1] - 0.006
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI)
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI)
  return invertOffset(gcj02ToBd09, p, [z * Math.cos(theta), z * Math.sin(theta)])
}
