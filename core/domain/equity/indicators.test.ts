import { describe, expect, it } from 'vitest'
import { compareGroups } from './compare-groups'
import { type CommunityInput, communityIndicators, DEFAULT_INDICATOR_SETTINGS, indicatorValue } from './indicators'

// An urban community, every number chosen so the indicators can be checked by hand.
const urban: CommunityInput = {
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
}

describe('communityIndicators', () => {
  it('computes the indicators of a small urban community by hand', () => {
    const ind = communityIndicators(urban)
    // floor area: 250 m² / 1000 households · 100 = 25 m² per 100 households (norm 30)
    expect(ind.floorAreaM2Per100Households).toBe(25)
    expect(ind.floorAreaNormM2Per100Households).toBe(30)
    // staffing: 6 / 2800 · 10,000 = 21.43 per 10k residents (minimum 18)
    expect(ind.workersPer10kResidents).toBeCloseTo(21.428571, 6)
    expect(ind.minWorkersPer10kResidents).toBe(18)
    // grid band 300·(1 ± 0.2) = 240–360 inclusive: 300, 250, 360 inside; 200, 365 outside → 3/5
    expect(ind.householdBand).toEqual([240, 360])
    expect(ind.gridsInBandShare).toBe(0.6)
    expect(ind.gridCount).toBe(5)
    // kindergarten: covered 800/1000; 100 households have none (Infinity) → unreachable 0.1
    // mean over the 900 reachable: (400·100 + 300·200 + 200·400)/900 = 180000/900 = 200 m
    // p90 (weighted rule): positions 0, 400/(900−300) = 2/3, 700/(900−200) = 1
    //   → 200 + (0.9 − 2/3)/(1/3)·(400 − 200) = 200 + 0.7·200 = 340 m
    const k = ind.access.kindergarten
    expect(k.coveredShare).toBe(0.8)
    expect(k.unreachableShare).toBe(0.1)
    expect(k.meanNearestMeters).toBeCloseTo(200, 9)
    expect(k.p90NearestMeters).toBeCloseTo(340, 9)
  })

  it('reads indicators by code, null when not applicable or not given', () => {
    const ind = communityIndicators({ ...urban, households: 0, access: {}, gridHouseholds: [] })
    expect(indicatorValue(ind, 'floor_area_m2_per_100_households')).toBeNull()
    expect(indicatorValue(ind, 'grids_in_band_share')).toBeNull()
    expect(indicatorValue(ind, 'coverage_share:kindergarten')).toBeNull()
    expect(indicatorValue(ind, 'workers_per_10k_residents')).toBeCloseTo(21.428571, 6)
  })

  it('takes its norms from the settings passed in', () => {
    const settings = { ...DEFAULT_INDICATOR_SETTINGS, gridHouseholdTarget: 250, gridHouseholdTolerance: 0.1 }
    // band 225–275: only 250 → 1/5
    expect(communityIndicators(urban, settings).gridsInBandShare).toBe(0.2)
  })

  it('rejects bad input with the community and the bad value in the message', () => {
    expect(() => communityIndicators({ ...urban, workers: -1 })).toThrow(
      '120116001001.workers[0] must be a finite number >= 0, got -1',
    )
    expect(() =>
      communityIndicators({
        ...urban,
        access: { kindergarten: { ...urban.access.kindergarten, coveredHouseholds: 1200 } },
      }),
    ).toThrow('120116001001.access.kindergarten.coveredHouseholds (1200) exceeds households (1000)')
    expect(() =>
      communityIndicators({
        ...urban,
        access: { kindergarten: { coveredHouseholds: 0, nearestDistanceMeters: [-5], demandHouseholds: [1] } },
      }),
    ).toThrow('nearestDistanceMeters[0] must be >= 0 or Infinity, got -5')
    expect(() => communityIndicators({ ...urban, kind: 'town' as never })).toThrow(
      'kind must be urban or rural, got town',
    )
  })
})

describe('compareGroups', () => {
  // workers per 10k residents: urban 10 and 20, rural 5 and 5 (10,000 residents each)
  const make = (code: string, kind: 'urban' | 'rural', workers: number) =>
    communityIndicators({ ...urban, code, kind, residents: 10_000, workers })
  const communities = [make('a', 'urban', 10), make('b', 'urban', 20), make('c', 'rural', 5), make('d', 'rural', 5)]

  it('compares urban and rural by hand: summaries, Gini, Theil between/within', () => {
    const cmp = compareGroups(communities, 'workers_per_10k_residents')
    expect(cmp.groups.urban).toMatchObject({ count: 2, min: 10, median: 15, max: 20 })
    expect(cmp.groups.rural).toMatchObject({ count: 2, min: 5, median: 5, max: 5 })
    // Gini of 5, 5, 10, 20: Σx = 40, Σ k·x = 5 + 10 + 30 + 80 = 125 → (250 − 5·40)/(4·40) = 0.3125
    expect(cmp.gini).toBeCloseTo(0.3125, 12)
    expect(cmp.weightedGini).toBeCloseTo(0.3125, 12) // equal residents
    // Theil: μ = 10; s = .25, .5, .125, .125 → T = .5·ln 2 + 2·.125·ln .5 = ln(2)/4 = 0.1732868
    // between: s_urban = .75, μ_u = 15; s_rural = .25, μ_r = 5 → .75·ln 1.5 + .25·ln .5 = 0.1308120
    // within: T_urban = 1/3·ln(2/3) + 2/3·ln(4/3) = 0.0566330; T_rural = 0 → .75·0.0566330 = 0.0424748
    expect(cmp.theil.total).toBeCloseTo(Math.LN2 / 4, 12)
    expect(cmp.theil.between).toBeCloseTo(0.130812, 6)
    expect(cmp.theil.within).toBeCloseTo(0.0424748, 6)
    expect(cmp.excluded).toEqual([])
  })

  it('leaves out and lists communities without a value, groups by any key', () => {
    const none = communityIndicators({ ...urban, code: 'e', gridHouseholds: [] })
    const cmp = compareGroups([...communities, none], 'grids_in_band_share', (c) => c.code.slice(0, 1))
    expect(cmp.excluded).toEqual(['e'])
    expect(Object.keys(cmp.groups)).toEqual(['a', 'b', 'c', 'd'])
    expect(() => compareGroups([none], 'grids_in_band_share')).toThrow(
      'no community has a value for grids_in_band_share',
    )
  })
})
