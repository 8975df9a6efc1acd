// The wall's reads, over the app's same-origin API client.
import type { CommunityPage, GridPage, StreetPage, WallGaps, WallKpis } from '../../../../core/api'
import { api } from '../../api/client'

export const wallApi = {
  kpis: (street: string | null, signal?: AbortSignal) =>
    api.getJson<WallKpis>('/api/wall/kpis', { street: street ?? undefined }, signal),
  gaps: (signal?: AbortSignal) => api.getJson<WallGaps>('/api/wall/gaps', undefined, signal),
  streets: (signal?: AbortSignal): Promise<StreetPage> => api.getAllPages('/api/streets', {}, signal),
  communities: (signal?: AbortSignal): Promise<CommunityPage> => api.getAllPages('/api/communities', {}, signal),
  grids: (community: string | null, signal?: AbortSignal): Promise<GridPage> =>
    api.getAllPages('/api/grids', { community: community ?? undefined }, signal),
}
