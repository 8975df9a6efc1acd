// Walking-distance layers, pure factories: the isochrones (等时圈) of a facility or a dragged
// point (5/10/15 minutes, largest first so the smaller draw on top), and the barrier-effect
// buildings (inside the radius but beyond walking distance) as orange points sized by households.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { BarrierEffect, Isochrones } from '../../../../core/api'

export const WALK_LAYER_IDS = { isochrones: 'walk-isochrones', barrier: 'walk-barrier' } as const

/** Band colours by minutes: 5 dark, 10 middle, 15 light (one blue ramp, apart from the gap purple). */
const BAND_RGB: Record<number, [number, number, number]> = {
  5: [8, 81, 156],
  10: [49, 130, 189],
  15: [107, 174, 214],
}

export function createIsochroneLayer(isochrones: Isochrones | null) {
  return new GeoJsonLayer({
    id: WALK_LAYER_IDS.isochrones,
    data: (isochrones ?? { type: 'FeatureCollection', features: [] }) as unknown as GeoJSON.FeatureCollection,
    visible: isochrones !== null,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...(BAND_RGB[(f.properties as { minutes: number }).minutes] ?? [49, 130, 189]), 60],
    getLineColor: (f) => [...(BAND_RGB[(f.properties as { minutes: number }).minutes] ?? [49, 130, 189]), 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: false,
  })
}

/** The barrier buildings: data is the point index, positions from the columns. */
export function createBarrierLayer(barrier: BarrierEffect | null, visible: boolean) {
  const points = barrier?.points
  const count = points?.buildingId.length ?? 0
  return new ScatterplotLayer<number>({
    id: WALK_LAYER_IDS.barrier,
    data: Array.from({ length: count }, (_, i) => i),
    visible: visible && count > 0,
    getPosition: (i) => [points!.lng[i], points!.lat[i]],
    getRadius: (i) => 3 + Math.sqrt(points!.households[i]),
    radiusUnits: 'pixels',
    getFillColor: [230, 120, 0, 200],
    stroked: true,
    getLineColor: [255, 255, 255, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    pickable: true,
  })
}
