// Facilities (already filtered by type: see filterFacilitiesByType) as dots coloured by type (planned ones hollow), and their service radius in metres on demand.
import { ScatterplotLayer } from '@deck.gl/layers'
import type { FacilityProps, FacilityType, Feature } from '../../../../core/api'
import { hexToRgba } from '../colour'
import type { Rgba } from '../deviation-colour'
import { LAYER_IDS } from './layer-ids'

export type FacilityFeature = Feature<FacilityProps, GeoJSON.Point>

export interface FacilityLayerOptions {
  /** type code → type (for the colour) */
  types: ReadonlyMap<string, FacilityType>
  visible: boolean
  radiusPx?: number
}

/** The facilities whose type is shown (pure, so the caller can memoise it). */
export function filterFacilitiesByType(
  facilities: FacilityFeature[],
  visibleTypes: ReadonlySet<string> | null,
): FacilityFeature[] {
  if (visibleTypes === null) return facilities
  return facilities.filter((f) => visibleTypes.has(f.properties.typeCode))
}

export function facilityTypeColour(types: ReadonlyMap<string, FacilityType>, typeCode: string, alpha?: number): Rgba {
  return hexToRgba(types.get(typeCode)?.colour, alpha)
}

export function createFacilityLayer(facilities: FacilityFeature[], options: FacilityLayerOptions) {
  const { types } = options
  return new ScatterplotLayer<FacilityFeature>({
    id: LAYER_IDS.facilities,
    data: facilities,
    visible: options.visible,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    radiusUnits: 'pixels',
    getRadius: options.radiusPx ?? 4.5,
    stroked: true,
    filled: true,
    getFillColor: (f) => facilityTypeColour(types, f.properties.typeCode, f.properties.status === 'planned' ? 40 : 255),
    getLineColor: (f) =>
      f.properties.status === 'planned' ? facilityTypeColour(types, f.properties.typeCode) : [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.status === 'planned' ? 2 : 1),
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
    updateTriggers: { getFillColor: [types], getLineColor: [types] },
  })
}

export function createServiceRadiusLayer(facilities: FacilityFeature[], options: FacilityLayerOptions) {
  const { types } = options
  return new ScatterplotLayer<FacilityFeature>({
    id: LAYER_IDS.serviceRadius,
    data: facilities,
    visible: options.visible,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    radiusUnits: 'meters',
    getRadius: (f) => f.properties.radiusM,
    stroked: true,
    filled: true,
    getFillColor: (f) => facilityTypeColour(types, f.properties.typeCode, 28),
    getLineColor: (f) => facilityTypeColour(types, f.properties.typeCode, 150),
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
    updateTriggers: { getFillColor: [types], getLineColor: [types] },
  })
}
