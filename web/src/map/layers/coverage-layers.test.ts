import { describe, expect, it } from 'vitest'
import type { CoverageGaps } from '../../../../core/api'
import { COVERAGE_LAYER_IDS, createGapLayers, GAP_POINTS_MIN_ZOOM, shareColour } from './coverage-layers'

const gaps = (aggregate: 'none' | 'hex'): CoverageGaps => ({
  scenario: 'as-is',
  subject: { type: 'kindergarten', tier: '5min' },
  aggregate,
  unservedHouseholds: 300,
  unservedBuildings: 2,
  points: {
    buildingId: [1, 2],
    lng: [117.6, 117.7],
    lat: [39, 39.1],
    households: [100, 200],
    nearestMeters: [400, null],
  },
  hexagons:
    aggregate === 'hex'
      ? [
          {
            polygon: [
              [117.6, 39],
              [117.61, 39],
              [117.61, 39.01],
            ],
            center: [117.605, 39.005],
            households: 300,
            buildings: 2,
          },
        ]
      : [],
  cellMeters: 1000,
  truncated: false,
})

describe('coverage layers', () => {
  it('colours shares red (0) → yellow (0.5) → green (1), clamping outside [0, 1]', () => {
    expect(shareColour(0)).toEqual([178, 24, 43, 255])
    expect(shareColour(1)).toEqual([27, 127, 59, 255])
    expect(shareColour(0.5, 10)).toEqual([244, 197, 66, 10])
    expect(shareColour(-1)).toEqual(shareColour(0))
    expect(shareColour(2)).toEqual(shareColour(1))
  })

  it('draws unserved buildings as points when zoomed in and hexagons when zoomed out', () => {
    const [hexIn, pointsIn] = createGapLayers(gaps('none'), GAP_POINTS_MIN_ZOOM + 1)
    expect(hexIn.id).toBe(COVERAGE_LAYER_IDS.gapHexagons)
    expect(pointsIn.props.visible).toBe(true)
    expect(hexIn.props.visible).toBe(false)
    expect(pointsIn.props.data).toHaveLength(2)
    const [hexOut, pointsOut] = createGapLayers(gaps('hex'), GAP_POINTS_MIN_ZOOM - 2)
    expect(hexOut.props.visible).toBe(true)
    expect(pointsOut.props.visible).toBe(false)
    expect(hexOut.props.data).toHaveLength(1)
    const [hexNone, pointsNone] = createGapLayers(null, 10)
    expect(hexNone.props.data).toEqual([])
    expect(pointsNone.props.data).toEqual([])
  })
})
