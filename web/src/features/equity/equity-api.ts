// The equalization panel's reads, over the app's same-origin API client.
import type { Comparison, EquityScenario, IndicatorTable, Scorecard } from '../../../../core/api'
import { api, buildUrl } from '../../api/client'

export interface EquityFilter {
  street: string | null
  scenario: EquityScenario
}

const query = (f: EquityFilter) => ({ street: f.street ?? undefined, scenario: f.scenario })

export const equityApi = {
  table: (f: EquityFilter, signal?: AbortSignal) =>
    api.getJson<IndicatorTable>('/api/equity/indicators', query(f), signal),
  compare: (indicator: string, f: EquityFilter, signal?: AbortSignal) =>
    api.getJson<Comparison>('/api/equity/compare', { indicator, ...query(f) }, signal),
  scorecard: (code: string, scenario: EquityScenario, signal?: AbortSignal) =>
    api.getJson<Scorecard>(`/api/equity/scorecard/${encodeURIComponent(code)}`, { scenario }, signal),
  csvUrl: (f: EquityFilter) => buildUrl('/api/equity/indicators.csv', query(f)),
  reportUrl: (indicator: string, f: EquityFilter) => buildUrl('/report', { indicator, ...query(f) }),
}
