import { describe, expect, it } from 'vitest'
import { communityIndicators, DEFAULT_INDICATOR_SETTINGS } from './indicators'
import {
  DEFAULT_STAR_RATING_SETTINGS,
  defaultStarRatingSettings,
  type StarRatingSettings,
  starRating,
} from './star-rating'

// Same community as indicators.test.ts: kindergarten covered 0.8, mean nearest 200 m,
// 25 m² per 100 households, 21.43 workers per 10k, 60% of grids in the band.
const ind = communityIndicators({
  code: '120116001001',
  kind: 'urban',
  households: 1000,
  residents: 2800,
  workers: 6,
  serviceFloorAreaM2: 250,
  gridHouseholds: [300, 250, 200, 365, 360],
  access: {
    kindergarten: {
      coveredHouseholds: 800,
      nearestDistanceMeters: [100, 200, 400, Number.POSITIVE_INFINITY],
      demandHouseholds: [400, 300, 200, 100],
    },
  },
})

const settings: StarRatingSettings = {
  criteria: {
    urban: [
      { indicator: 'coverage_share:kindergarten', threshold: 0.8, weight: 2 },
      { indicator: 'floor_area_m2_per_100_households', threshold: 30, weight: 1 },
      { indicator: 'workers_per_10k_residents', threshold: 18, weight: 1 },
      { indicator: 'grids_in_band_share', threshold: 0.8, weight: 1 },
      { indicator: 'mean_nearest_m:kindergarten', threshold: 150, weight: 1 },
      { indicator: 'coverage_share:health_station', threshold: 0.8, weight: 5 },
    ],
    rural: [],
  },
  starCutoffs: [0.5, 0.7, 0.85, 0.95],
}

describe('starRating', () => {
  it('scores a community by hand and lists what pulls it down, worst first', () => {
    // attainments: kindergarten 0.8/0.8 = 1; floor area 25/30 = 0.8333; workers 21.4 ≥ 18 → 1;
    // grids 0.6/0.8 = 0.75; distance 200 m > 150 m → 150/200 = 0.75; health station: not given → n/a
    // score = (2·1 + 0.8333 + 1 + 0.75 + 0.75) / 6 = 5.3333/6 = 0.888889 → reaches 0.5, 0.7, 0.85 → 4 stars
    const r = starRating(ind, settings)
    expect(r.score).toBeCloseTo(0.888889, 6)
    expect(r.stars).toBe(4)
    expect(r.notApplicable).toEqual(['coverage_share:health_station'])
    // losses: grids 0.25/6 = 0.041667, distance 0.25/6 = 0.041667 (criteria order on ties), floor 0.1667/6 = 0.027778
    expect(r.pullingDown.map((s) => s.indicator)).toEqual([
      'grids_in_band_share',
      'mean_nearest_m:kindergarten',
      'floor_area_m2_per_100_households',
    ])
    expect(r.pullingDown[0]).toMatchObject({ value: 0.6, threshold: 0.8, attainment: expect.closeTo(0.75, 12) })
    expect(r.pullingDown[0].shortfall).toBeCloseTo(0.2, 12)
    expect(r.pullingDown[0].weightedLoss).toBeCloseTo(0.25 / 6, 12)
    expect(r.pullingDown[1]).toMatchObject({ value: 200, threshold: 150, shortfall: 50, attainment: 0.75 })
    expect(r.pullingDown[2]).toMatchObject({ value: 25, threshold: 30, shortfall: 5 })
    expect(r.pullingDown[2].weightedLoss).toBeCloseTo(1 / 36, 12)
  })

  it('gives 5 stars when every criterion is met and null when none applies', () => {
    const met: StarRatingSettings = {
      ...settings,
      criteria: { urban: [{ indicator: 'workers_per_10k_residents', threshold: 18, weight: 1 }], rural: [] },
    }
    expect(starRating(ind, met)).toMatchObject({ stars: 5, score: 1, pullingDown: [] })
    const none: StarRatingSettings = {
      ...settings,
      criteria: { urban: [{ indicator: 'coverage_share:legal_service', threshold: 1, weight: 1 }], rural: [] },
    }
    expect(starRating(ind, none)).toMatchObject({ stars: null, score: null })
  })

  it('builds the default criteria from the indicator norms passed in', () => {
    const custom = defaultStarRatingSettings({ ...DEFAULT_INDICATOR_SETTINGS, minWorkersPer10kResidents: 25 })
    const staff = custom.criteria.urban.find((c) => c.indicator === 'workers_per_10k_residents')
    expect(staff?.threshold).toBe(25)
    // defaults: the community misses the floor-area norm and the grid band, and lacks station data
    const r = starRating(ind)
    expect(r.notApplicable).toContain('coverage_share:community_service_station')
    expect(r.pullingDown.map((s) => s.indicator)).toContain('floor_area_m2_per_100_households')
    expect(DEFAULT_STAR_RATING_SETTINGS.starCutoffs).toEqual([0.5, 0.7, 0.85, 0.95])
  })

  it('rejects bad settings with the bad value in the message', () => {
    const bad = { ...settings, criteria: { urban: [{ ...settings.criteria.urban[0], weight: 0 }], rural: [] } }
    expect(() => starRating(ind, bad)).toThrow(
      'criterion coverage_share:kindergarten (urban) weight must be > 0, got 0',
    )
    expect(() => starRating(ind, { ...settings, starCutoffs: [0.5, 0.4, 0.85, 0.95] })).toThrow(
      'starCutoffs must be ascending in [0, 1], got [0.5, 0.4, 0.85, 0.95]',
    )
  })
})
