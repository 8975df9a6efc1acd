// The coverage mode's layers, pure factories: the gap layer (unserved buildings as points scaled
// by households when zoomed in, hexagons when zoomed out), coverage share per community, the
// facilities of the chosen type with their radius, and proposed sites.
import type { Layer } from '@deck.gl/core'
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { CoverageGaps, SitingSite } from '../../../../core/api'
import type { Rgba } from '../deviation-colour'
import type { FacilityFeature } from './facility-layers'
import { createTileLayer, type TileRevision } from './tile-layer'

export const COVERAGE_LAYER_IDS = {
  share: 'coverage-share',
  gapHexagons: 'coverage-gap-hexagons',
  gapPoints: 'coverage-gap-points',
  radius: 'coverage-facility-radius',
  facilities: 'coverage-facilities',
  proposals: 'coverage-proposals',
  proposalRadius: 'coverage-proposal-radius',
  drawn: 'coverage-drawn-candidates',
} as const

/** The gap colour: purple, apart from the facility-type colours and the red–green share ramp. */
export const GAP_RGB: [number, number, number] = [106, 27, 154]

/** Zoom from which unserved buildings are drawn one by one (below: hexagons). */
export const GAP_POINTS_MIN_ZOOM = 12

/** Coverage share 0..1 → red (none) … yellow … green (all), the choropleth and the badges. */
export function shareColour(share: number, alpha = 255): Rgba {
  const s = Math.max(0, Math.min(1, share))
  const stops: [number, [number, number, number]][] = [
    [0, [178, 24, 43]],
    [0.5, [244, 197, 66]],
    [1, [27, 127, 59]],
  ]
  const i = s <= 0.5 ? 0 : 1
  const [a, ca] = stops[i]
  const [b, cb] = stops[i + 1]
  const f = (s - a) / (b - a)
  return [
    Math.round(ca[0] + (cb[0] - ca[0]) * f),
    Math.round(ca[1] + (cb[1] - ca[1]) * f),
    Math.round(ca[2] + (cb[2] - ca[2]) * f),
    alpha,
  ]
}

/** Communities filled by their coverage share, from the community tiles (null when not drawn). */
export function createCoverageShareLayer(
  shares: ReadonlyMap<string, number>,
  visible: boolean,
  revision: TileRevision,
) {
  if (!visible) return null
  return createTileLayer<{ code: string }>({
    layer: 'communities',
    revision,
    id: COVERAGE_LAYER_IDS.share,
    filled: true,
    stroked: false,
    getFillColor: (f) => {
      const share = shares.get(f.properties.code)
      return share === undefined ? [0, 0, 0, 0] : shareColour(share, 55)
    },
    pickable: false,
    updateTriggers: { getFillColor: [shares] },
  })
}

export function createGapLayers(gaps: CoverageGaps | null, zoom: number) {
  const points = gaps?.aggregate === 'none' ? gaps.points : null
  const index = points ? Array.from(points.buildingId, (_, i) => i) : []
  const maxHex = Math.max(1, ...(gaps?.hexagons ?? []).map((h) => h.households))
  return [
    new PolygonLayer<CoverageGaps['hexagons'][number]>({
      id: COVERAGE_LAYER_IDS.gapHexagons,
      data: gaps?.aggregate === 'hex' ? gaps.hexagons : [],
      visible: zoom < GAP_POINTS_MIN_ZOOM,
      getPolygon: (h) => h.polygon,
      getFillColor: (h) => [...GAP_RGB, Math.round(30 + 200 * Math.sqrt(h.households / maxHex))],
      getLineColor: [255, 255, 255, 160],
      lineWidthUnits: 'pixels',
      getLineWidth: 0.5,
      pickable: true,
    }),
    new ScatterplotLayer<number>({
      id: COVERAGE_LAYER_IDS.gapPoints,
      data: index,
      visible: zoom >= GAP_POINTS_MIN_ZOOM,
      getPosition: (i) => [points!.lng[i], points!.lat[i]],
      radiusUnits: 'meters',
      // area ∝ households: a 100-household building draws 20 m
      getRadius: (i) => 2 * Math.sqrt(points!.households[i]),
      radiusMinPixels: 1.5,
      getFillColor: [...GAP_RGB, 210],
      stroked: false,
      pickable: true,
    }),
  ]
}

export interface CoverageFacilityOptions {
  colour: Rgba
  selectedId: number | null
  /** facility id → compliant? (missing: unknown) */
  compliant: ReadonlyMap<number, boolean>
  /** smaller dots when the whole district is in view */
  zoom: number
}

export function createCoverageFacilityLayers(facilities: FacilityFeature[], options: CoverageFacilityOptions) {
  const { colour } = options
  return [
    new ScatterplotLayer<FacilityFeature>({
      id: COVERAGE_LAYER_IDS.radius,
      data: facilities,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      radiusUnits: 'meters',
      getRadius: (f) => f.properties.radiusM,
      getFillColor: (f) => [colour[0], colour[1], colour[2], f.properties.status === 'planned' ? 18 : 34],
      getLineColor: (f) => [colour[0], colour[1], colour[2], f.properties.status === 'planned' ? 200 : 140],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (f) => (f.properties.status === 'planned' ? 1.5 : 1),
      pickable: false,
    }),
    new ScatterplotLayer<FacilityFeature>({
      id: COVERAGE_LAYER_IDS.facilities,
      data: facilities,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      radiusUnits: 'pixels',
      getRadius: (f) => (f.id === options.selectedId ? 8 : options.zoom < 11 ? 3.5 : 6),
      getFillColor: (f) => (f.properties.status === 'planned' ? [255, 255, 255, 255] : colour),
      getLineColor: (f) => (options.compliant.get(f.id as number) === false ? [178, 24, 43, 255] : [20, 20, 20, 255]),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (f) => (options.compliant.get(f.id as number) === false ? 2.5 : 1),
      pickable: true,
      updateTriggers: {
        getRadius: [options.selectedId, options.zoom < 11],
        getLineColor: [options.compliant],
        getLineWidth: [options.compliant],
      },
    }),
  ]
}

/** Proposed sites: each drawn with the service radius the siting assumed, under its marker. */
export function createProposalLayers(sites: SitingSite[], radiusM: number | null): Layer[] {
  const ring = new ScatterplotLayer<SitingSite>({
    id: COVERAGE_LAYER_IDS.proposalRadius,
    data: radiusM ? sites : [],
    getPosition: (s) => s.lngLat,
    radiusUnits: 'meters',
    getRadius: radiusM ?? 0,
    getFillColor: [28, 109, 208, 30],
    getLineColor: [28, 109, 208, 200],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: false,
  })
  return [ring, createProposalLayer(sites)]
}

export function createProposalLayer(sites: SitingSite[]) {
  return new ScatterplotLayer<SitingSite>({
    id: COVERAGE_LAYER_IDS.proposals,
    data: sites,
    getPosition: (s) => s.lngLat,
    radiusUnits: 'pixels',
    getRadius: 12,
    getFillColor: [28, 109, 208, 110],
    getLineColor: [28, 109, 208, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    pickable: true,
  })
}

export function createDrawnCandidateLayer(points: [number, number][]) {
  return new ScatterplotLayer<[number, number]>({
    id: COVERAGE_LAYER_IDS.drawn,
    data: points,
    getPosition: (p) => p,
    radiusUnits: 'pixels',
    getRadius: 5,
    getFillColor: [255, 255, 255, 230],
    getLineColor: [28, 109, 208, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    pickable: false,
  })
}
