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
import { ApiError, api } from '../../api/client'

async function postJson<T>(path: string, body: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (error) {
    throw new ApiError('network', path, `cannot reach ${path}: ${(error as Error).message}`)
  }
  const text = await response.text()
  let parsed: unknown = null
  try {
    parsed = text === '' ? null : JSON.parse(text)
  } catch {
    throw new ApiError('bad-json', path, `${path} did not return JSON`)
  }
  if (!response.ok) {
    const b = parsed as { message?: string; code?: string; details?: unknown } | null
    const error = new ApiError('http', path, b?.message ?? `${response.status}`, response.status, b?.code)
    ;(error as ApiError & { details?: unknown }).details = b?.details
    throw error
  }
  return parsed as T
}

const community = (code: string) => `/api/communities/${encodeURIComponent(code)}`

export const gridEditingApi = {
  units: (code: string, signal?: AbortSignal) => api.getJson<CommunityUnits>(`${community(code)}/units`, {}, signal),
  adjacency: (code: string, signal?: AbortSignal) =>
    api.getJson<UnitAdjacency>(`${community(code)}/adjacency`, {}, signal),
  save: (code: string, body: { editVersion: number; author: string; reason: string; ops: EditOp[] }) =>
    postJson<EditResult>(`${community(code)}/edits`, body),
  history: (code: string, signal?: AbortSignal) => api.getJson<Revision[]>(`${community(code)}/history`, {}, signal),
  revert: (revisionId: number, author: string, reason: string) =>
    postJson<EditResult>(`/api/revisions/${revisionId}/revert`, { author, reason }),
  propose: (code: string, mode: 'propose' | 'rebalance') =>
    postJson<Proposal>(`${community(code)}/proposals`, { mode }),
  proposeStreet: (streetCode: string, mode: 'propose' | 'rebalance') =>
    postJson<Proposal>(`/api/streets/${encodeURIComponent(streetCode)}/proposals`, { mode }),
  gridsAsOf: (code: string, asOf: string, signal?: AbortSignal) =>
    api.getJson<GridPage>('/api/grids', { community: code, asOf, limit: 5000 }, signal),
}
