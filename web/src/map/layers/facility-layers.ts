// Facilities as dots coloured by type (planned ones hollow) from the facility tiles, and their
// service radius in metres on demand (from the facility list, loaded only then).
import { DataFilterExtension } from '@deck.gl/extensions'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { FacilityProps, FacilityType, Feature } from '../../../../core/api'
import { hexToRgba } from '../colour'
import type { Rgba } from '../deviation-colour'
import { LAYER_IDS } from './layer-ids'
import { createTileLayer, type TileRevision } from './tile-layer'

const typeFilter = new DataFilterExtension({ filterSize: 1 })

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

/** The facility dots from the facility tiles: coloured by type, planned ones hollow, the hidden types filtered out. */
export function createFacilityLayer(
  options: FacilityLayerOptions & { visibleTypes: ReadonlySet<string> | null; revision: TileRevision },
) {
  const { types, visibleTypes } = options
  if (!options.visible) return null
  type TileFacility = { properties: Pick<FacilityProps, 'typeCode' | 'status'> }
  return createTileLayer({
    layer: 'facilities',
    revision: options.revision,
    id: LAYER_IDS.facilities,
    pointType: 'circle',
    pointRadiusUnits: 'pixels',
    getPointRadius: options.radiusPx ?? 4.5,
    stroked: true,
    filled: true,
    getFillColor: (f: TileFacility) =>
      facilityTypeColour(types, f.properties.typeCode, f.properties.status === 'planned' ? 40 : 255),
    getLineColor: (f: TileFacility) =>
      f.properties.status === 'planned' ? facilityTypeColour(types, f.properties.typeCode) : [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: (f: TileFacility) => (f.properties.status === 'planned' ? 2 : 1),
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
    extensions: [typeFilter],
    getFilterValue: (f: TileFacility) => (visibleTypes === null || visibleTypes.has(f.properties.typeCode) ? 1 : 0),
    filterRange: [1, 1],
    updateTriggers: { getFillColor: [types], getLineColor: [types], getFilterValue: [visibleTypes] },
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
