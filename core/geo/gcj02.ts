// GCJ-02 ("Mars coordinates", AMap/Gaode, DataV) <-> WGS84. The offset is hundreds of metres
// and cannot be detected from the numbers, so imports must declare their source CRS.

const KRASOVSKY_A = 6378245.0 // semi-major axis of the Krasovsky 1940 ellipsoid used by GCJ-02
const KRASOVSKY_EE = 0.006693421622965943 // its first eccentricity squared

/** True outside the rectangle where GCJ-02 applies an offset (it leaves those points as is). */
export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

export function assertLngLat(p: readonly [number, number]): void {
  if (!Number.isFinite(p[0]) || p[0] < -180 || p[0] > 180) throw new Error(`invalid longitude: ${p[0]}`)
  if (!Number.isFinite(p[1]) || p[1] < -90 || p[1] > 90) throw new Error(`invalid latitude: ${p[1]}`)
}

/** WGS84 [lng, lat] -> GCJ-02 [lng, lat] (the published forward formula). */
export function wgs84ToGcj02(p: readonly [number, number]): [number, number] {
  assertLngLat(p)
  const [lng, lat] = p
  if (outOfChina(lng, lat)) return [lng, lat]
  // offset in "metres" of the obfuscation polynomial, centred on 105E 35N
  const dLat0 = transformLat(lng - 105, lat - 35)
  const dLng0 = transformLng(lng - 105, lat - 35)
  // scale to degrees with the Krasovsky meridian and parallel radii of curvature
  const radLat = (lat / 180) * Math.PI
  const s = Math.sin(radLat)
  const magic = 1 - KRASOVSKY_EE * s * s
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (dLat0 * 180) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (dLng0 * 180) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return [lng + dLng, lat + dLat]
}

/**
 * Inverts an offset function by fixed-point iteration: from a first guess, subtract what the
 * forward function still disagrees by, until that is under 1e-12° (~0.1 µm) or 30 steps.
 */
export function invertOffset(
  forward: (p: readonly [number, number]) => [number, number],
  target: readonly [number, number],
  start: readonly [number, number] = target,
): [number, number] {
  let lng = start[0]
  let lat = start[1]
  for (let i = 0; i < 30; i++) {
    const [fLng, fLat] = forward([lng, lat])
    const eLng = fLng - target[0]
    const eLat = fLat - target[1]
    lng -= eLng
    lat -= eLat
    if (Math.abs(eLng) < 1e-12 && Math.abs(eLat) < 1e-12) break
  }
  return [lng, lat]
}

/** GCJ-02 [lng, lat] -> WGS84 [lng, lat], by fixed-point iteration to 1e-12° (~0.1 µm). */
export function gcj02ToWgs84(p: readonly [number, number]): [number, number] {
  assertLngLat(p)
  if (outOfChina(p[0], p[1])) return [p[0], p[1]]
  return invertOffset(wgs84ToGcj02, p)
}
