import { describe, expect, it } from 'vitest'
import { compareGroups } from './compare-groups'
import { compareRows, type FlatIndicatorRow } from './compare-rows'
import { communityIndicators } from './indicators'

const community = (code: string, kind: 'urban' | 'rural', residents: number, workers: number) =>
  communityIndicators({
    code,
    kind,
    households: residents / 2.5,
    residents,
    workers,
    serviceFloorAreaM2: 0,
    gridHouseholds: [],
    access: {},
  })

describe('compareRows', () => {
  const communities = [
    community('a', 'urban', 5000, 10),
    community('b', 'urban', 2500, 6),
    community('c', 'rural', 1000, 1),
    community('d', 'rural', 2000, 3),
    community('e', 'rural', 0, 0), // no residents: not applicable
  ]
  const rows: FlatIndicatorRow[] = communities.map((c) => ({
    code: c.code,
    kind: c.kind,
    residents: c.residents,
    values: { workers_per_10k_residents: c.workersPer10kResidents },
  }))

  it('agrees with compareGroups on an indicator both can read', () => {
    const flat = compareRows(rows, 'workers_per_10k_residents')
    const core = compareGroups(communities, 'workers_per_10k_residents')
    expect(flat.groups).toEqual(core.groups)
    expect(flat.gini).toBeCloseTo(core.gini, 12)
    expect(flat.weightedGini).toBeCloseTo(core.weightedGini, 12)
    expect(flat.theil.between).toBeCloseTo(core.theil.between, 12)
    expect(flat.theil.within).toBeCloseTo(core.theil.within, 12)
    expect(flat.excluded).toEqual(['e'])
  })

  it('returns a Lorenz curve from (0, 0) to (1, 1), convex and under the diagonal', () => {
    const { lorenz } = compareRows(rows, 'workers_per_10k_residents')
    expect(lorenz[0]).toEqual([0, 0])
    expect(lorenz.at(-1)).toEqual([1, 1])
    for (const [p, v] of lorenz) expect(v).toBeLessThanOrEqual(p + 1e-12)
  })

  it('rejects a column no row has, naming it', () => {
    expect(() => compareRows(rows, 'nope')).toThrow(/nope/)
  })
})
