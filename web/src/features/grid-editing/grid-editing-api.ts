// The grid-editing endpoints (contract: core/api/grid-editing.ts). GETs go through the shared
// client; POSTs use the same error shape (ApiError with status and code).
import type {
  CommunityUnits,
  EditOp,
  EditResult,
  GridPage,
  Proposal,
  Revision,
  UnitAdjacency,
} from '../../../../core/api'
import { api } from '../../api/client'

const community = (code: string) => `/api/communities/${encodeURIComponent(code)}`

export const gridEditingApi = {
  units: (code: string, signal?: AbortSignal) => api.getJson<CommunityUnits>(`${community(code)}/units`, {}, signal),
  adjacency: (code: string, signal?: AbortSignal) =>
    api.getJson<UnitAdjacency>(`${community(code)}/adjacency`, {}, signal),
  save: (code: string, body: { editVersion: number; author: string; reason: string; ops: EditOp[] }) =>
    api.sendJson<EditResult>('POST', `${community(code)}/edits`, body),
  history: (code: string, signal?: AbortSignal) => api.getJson<Revision[]>(`${community(code)}/history`, {}, signal),
  revert: (revisionId: number, author: string, reason: string) =>
    api.sendJson<EditResult>('POST', `/api/revisions/${revisionId}/revert`, { author, reason }),
  propose: (code: string, mode: 'propose' | 'rebalance') =>
    api.sendJson<Proposal>('POST', `${community(code)}/proposals`, { mode }),
  proposeStreet: (streetCode: string, mode: 'propose' | 'rebalance') =>
    api.sendJson<Proposal>('POST', `/api/streets/${encodeURIComponent(streetCode)}/proposals`, { mode }),
  gridsAsOf: (code: string, asOf: string, signal?: AbortSignal) =>
    api.getJson<GridPage>('/api/grids', { community: code, asOf, limit: 5000 }, signal),
}
