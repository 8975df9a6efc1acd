// The urban vs rural comparison of one column of a flat indicator table (code → value per
// community), for indicators that are not in CommunityIndicators (e.g. 2SFCA per type). Same
// measures as compareGroups — box summaries per group, Gini (plain and residents-weighted),
// residents-weighted Theil T between/within — plus the residents-weighted Lorenz curve.
import { gini, type LorenzPoint, lorenzCurve, weightedGini } from './gini'
import { type BoxSummary, summarize } from './summary'
import { type TheilDecomposition, theilDecomposition } from './theil'

export interface FlatIndicatorRow {
  code: string
  kind: string // group key: 'urban' | 'rural'
  residents: number
  values: Record<string, number | null>
}

export interface RowComparison {
  indicator: string
  groups: Record<string, BoxSummary>
  all: BoxSummary
  gini: number
  weightedGini: number
  lorenz: LorenzPoint[]
  theil: TheilDecomposition
  excluded: string[]
}

/** Compares column `indicator` between the groups of `kind`; rows without a value are excluded. */
export function compareRows(rows: readonly FlatIndicatorRow[], indicator: string): RowComparison {
  // applicable values with their residents and group
  const values: number[] = []
  const residents: number[] = []
  const keys: string[] = []
  const excluded: string[] = []
  for (const row of rows) {
    const v = row.values[indicator]
    if (v === null || v === undefined || !Number.isFinite(v)) excluded.push(row.code)
    else {
      values.push(v)
      residents.push(row.residents)
      keys.push(row.kind)
    }
  }
  if (values.length === 0) throw new RangeError(`no community has a value for ${indicator}`)
  // box summaries per group, in order of first appearance
  const byGroup = new Map<string, number[]>()
  keys.forEach((k, i) => {
    const list = byGroup.get(k) ?? []
    list.push(values[i])
    byGroup.set(k, list)
  })
  const groups: Record<string, BoxSummary> = {}
  for (const [k, list] of byGroup) groups[k] = summarize(list)
  // residents may all be 0 in a tiny filtered set: fall back to one weight per community
  const weights = residents.some((r) => r > 0) ? residents : residents.map(() => 1)
  return {
    indicator,
    groups,
    all: summarize(values),
    gini: gini(values),
    weightedGini: weightedGini(values, weights),
    lorenz: lorenzCurve(values, weights),
    theil: theilDecomposition(values, weights, keys),
    excluded,
  }
}
