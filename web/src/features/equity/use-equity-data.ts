// What the equalization panel loads for its inputs: communities, streets and facility types once;
// the indicator table per scenario; the chosen indicator's comparison in both scenarios (the
// planned-facilities change is shown beside the present); the selected community's scorecard.
import { useMemo } from 'react'
import type { EquityScenario, IndicatorInfo } from '../../../../core/api'
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import { equityApi } from './equity-api'

export interface EquityInputs {
  indicator: string
  street: string | null
  scenario: EquityScenario
  /** the community whose scorecard is shown, or null */
  selected: string | null
}

export function useEquityData({ indicator, street, scenario, selected }: EquityInputs) {
  const communities = useApiResource((s) => api.communities({}, s), [])
  const streets = useApiResource((s) => api.streets({}, s), [])
  const types = useApiResource((s) => api.facilityTypes(s), [])
  const table = useApiResource((s) => equityApi.table({ street: null, scenario }, s), [scenario])
  const asIs = useApiResource(
    (s) => equityApi.compare(indicator, { street, scenario: 'as-is' }, s),
    [indicator, street],
  )
  const planned = useApiResource(
    (s) => equityApi.compare(indicator, { street, scenario: 'with-planned' }, s),
    [indicator, street],
  )
  const card = useApiResource(selected ? (s) => equityApi.scorecard(selected, scenario, s) : null, [selected, scenario])

  const typeNames = useMemo(() => new Map((types.data ?? []).map((ft) => [ft.code, ft])), [types.data])
  const catalogue = useMemo(
    () => new Map<string, IndicatorInfo>((table.data?.indicators ?? []).map((i) => [i.code, i])),
    [table.data],
  )
  // the picker, grouped by measure
  const groups = useMemo(() => {
    const byMeasure = new Map<string, IndicatorInfo[]>()
    for (const i of catalogue.values()) byMeasure.set(i.measure, [...(byMeasure.get(i.measure) ?? []), i])
    return [...byMeasure]
  }, [catalogue])
  return { communities, streets, table, asIs, planned, card, typeNames, catalogue, groups }
}
