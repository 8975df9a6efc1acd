// The coverage, facility-editing and siting calls (contract: core/api/coverage.ts), on the
// shared same-origin client. Writes send JSON and throw ApiError with the server's message.
import type {
  CoverageGaps,
  CoverageScenario,
  CoverageSummary,
  CoverageWorst,
  DistanceMethod,
  FacilityCompliance,
  FacilityCreate,
  FacilityPage,
  FacilityPatch,
  FacilityRetire,
  SitingResponse,
} from '../../../../core/api'
import { api } from '../../api/client'

export type SitingModel = 'mclp' | 'lscp' | 'p-median'

export interface Subject {
  type: string
  scenario: CoverageScenario
  /** walking (步行距离) or straight-line (直线距离) distance; the server walks by default where it has a network */
  method?: DistanceMethod
}

export const coverageApi = {
  summary: (s: Subject, level: 'district' | 'community', signal?: AbortSignal) =>
    api.getJson<CoverageSummary>('/api/coverage/summary', { ...s, level, limit: 5000 }, signal),
  /** the tier of a type, as a whole: first the type (for its tier), then the tier */
  tierSummary: async (type: string, scenario: CoverageScenario, signal?: AbortSignal, method?: DistanceMethod) => {
    const own = await api.getJson<CoverageSummary>(
      '/api/coverage/summary',
      { type, scenario, level: 'district', method },
      signal,
    )
    return api.getJson<CoverageSummary>(
      '/api/coverage/summary',
      { tier: own.subject.tier, scenario, level: 'district', method },
      signal,
    )
  },
  gaps: (
    s: Subject,
    options: { bbox?: string; aggregate: 'none' | 'hex'; cellMeters?: number },
    signal?: AbortSignal,
  ) => api.getJson<CoverageGaps>('/api/coverage/gaps', { ...s, ...options }, signal),
  worst: (s: Subject, level: 'grid' | 'unit' | 'community', sort: 'unserved' | 'share', signal?: AbortSignal) =>
    api.getJson<CoverageWorst>('/api/coverage/worst', { ...s, level, sort, limit: 15 }, signal),
  facilities: (type: string, signal?: AbortSignal) =>
    api.getAllPages('/api/facilities', { type }, signal) as Promise<FacilityPage>,
  compliance: (type: string, signal?: AbortSignal) =>
    api.getJson<{ total: number; items: FacilityCompliance[] }>(
      '/api/coverage/compliance',
      { type, limit: 5000 },
      signal,
    ),
  createFacility: (body: FacilityCreate) =>
    api.sendJson<FacilityPage['features'][number]>('POST', '/api/facilities', body),
  patchFacility: (id: number, body: FacilityPatch) =>
    api.sendJson<FacilityPage['features'][number]>('PATCH', `/api/facilities/${id}`, body),
  retireFacility: (id: number, body: FacilityRetire) =>
    api.sendJson<FacilityPage['features'][number]>('POST', `/api/facilities/${id}/retire`, body),
  site: (model: SitingModel, body: Record<string, unknown>) =>
    api.sendJson<SitingResponse>('POST', `/api/siting/${model}`, body),
}
