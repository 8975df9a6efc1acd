// The urban vs rural comparison of any indicator across communities: a box-plot summary per
// group and overall, Gini across communities (unweighted and weighted by residents), and the
// residents-weighted Theil T split into between-group (the urban–rural gap in one number) and
// within-group parts. Communities whose indicator is not applicable (null) are left out and listed.
import { gini, weightedGini } from './gini'
import { type CommunityIndicators, type IndicatorCode, indicatorValue } from './indicators'
import { type BoxSummary, summarize } from './summary'
import { type TheilDecomposition, theilDecomposition } from './theil'

export interface GroupComparison {
  indicator: IndicatorCode
  groups: Record<string, BoxSummary> // per group (urban, rural), one value per community
  all: BoxSummary
  gini: number // across communities, each counted once
  weightedGini: number // across communities, weighted by residents
  theil: TheilDecomposition // weighted by residents, grouped by `groupKey`
  excluded: string[] // community codes with no value for this indicator
}

/** Compares one indicator between groups (default: community kind, urban | rural). */
export function compareGroups(
  communities: readonly CommunityIndicators[],
  indicator: IndicatorCode,
  groupKey: (c: CommunityIndicators) => string = (c) => c.kind,
): GroupComparison {
  // collect applicable values with their residents and group
  const values: number[] = []
  const residents: number[] = []
  const keys: string[] = []
  const excluded: string[] = []
  for (const c of communities) {
    const v = indicatorValue(c, indicator)
    if (v === null) excluded.push(c.code)
    else {
      values.push(v)
      residents.push(c.residents)
      keys.push(groupKey(c))
    }
  }
  if (values.length === 0) throw new RangeError(`no community has a value for ${indicator}`)
  // box-plot summaries per group, in order of first appearance
  const byGroup = new Map<string, number[]>()
  keys.forEach((k, i) => {
    const list = byGroup.get(k) ?? []
    list.push(values[i])
    byGroup.set(k, list)
  })
  const groups: Record<string, BoxSummary> = {}
  for (const [k, list] of byGroup) groups[k] = summarize(list)
  // inequality across communities
  return {
    indicator,
    groups,
    all: summarize(values),
    gini: gini(values),
    weightedGini: weightedGini(values, residents),
    theil: theilDecomposition(values, residents, keys),
    excluded,
  }
}
