// Isochrones of a facility or a point on the store's walk network: the 5-, 10- and 15-minute
// life circles at the walking distances of their tiers (the facility types' radii, GB 50180-2018:
// 300, 500, 1,000 m by default), as GeoJSON MultiPolygons in lng/lat.
import type { Isochrones } from '../../api'
import { toLngLat, toMetric } from '../../geo'
import { bandArea, isochrones } from '../../network'
import type { CoverageStore } from './coverage-store'

/** The life-circle bands: minutes and walking metres, from the tiers 5min, 10min, 15min. */
export function lifeCircleBands(store: CoverageStore): { minutes: number; meters: number }[] {
  const bands: { minutes: number; meters: number }[] = []
  for (const minutes of [5, 10, 15]) {
    const radii = store.world.types.filter((t) => t.tier === `${minutes}min`).map((t) => t.defaultRadiusM)
    if (radii.length > 0) bands.push({ minutes, meters: Math.max(...radii) })
  }
  return bands
}

export class IsochroneError extends Error {
  constructor(
    readonly code: 'NO_WALK_NETWORK' | 'POINT_OFF_NETWORK',
    message: string,
  ) {
    super(message)
  }
}

/** A point further than this from every walkable edge has no isochrone (it is not on the network). */
export const MAX_ACCESS_METERS = 1000

export function isochronesOf(
  store: CoverageStore,
  lngLat: [number, number],
  facilityId: number | null = null,
): Isochrones {
  const started = performance.now()
  const walk = store.walk
  if (!walk) throw new IsochroneError('NO_WALK_NETWORK', 'no walk network is stored: isochrones need one')
  const [x, y] = toMetric(lngLat)
  const from = walk.ctx.snap(x, y)
  if (!from || from.accessM > MAX_ACCESS_METERS)
    throw new IsochroneError(
      'POINT_OFF_NETWORK',
      `the point [${lngLat.join(', ')}] is ${from ? Math.round(from.accessM) : '∞'} m from the nearest walkable edge (at most ${MAX_ACCESS_METERS} m)`,
    )
  const bands = lifeCircleBands(store)
  const result = isochrones(
    walk.ctx.search,
    from,
    bands.map((b) => b.meters),
  )
  const round = (p: [number, number]): [number, number] => {
    const [lng, lat] = toLngLat(p)
    return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]
  }
  const features = result
    .map((band, i) => ({
      type: 'Feature' as const,
      properties: {
        minutes: bands[i].minutes,
        meters: band.meters,
        networkMeters: Math.round(band.networkMeters),
        areaM2: Math.round(bandArea(band)),
      },
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: band.polygons.map((polygon) => polygon.map((ring) => ring.map(round))),
      },
    }))
    .reverse()
  return {
    type: 'FeatureCollection',
    origin: { lngLat, facilityId, accessMeters: Math.round(from.accessM * 10) / 10 },
    features,
    millis: performance.now() - started,
  }
}
