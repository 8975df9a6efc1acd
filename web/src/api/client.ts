// Typed fetch wrapper over the Wangge HTTP API (contract: core/api). Same-origin only: every
// path is relative (`/api/...`). Errors become an ApiError whose `message` is readable by a user
// and whose `kind`/`status`/`code` let the UI choose a translated message.
import type {
  CommunityListQuery,
  CommunityPage,
  CommunitySummaryList,
  ErrorBody,
  FacilityListQuery,
  FacilityPage,
  FacilityProps,
  FacilityType,
  Feature,
  FeaturePage,
  GridListQuery,
  GridPage,
  GridSummaryList,
  Health,
  SearchResult,
  Settings,
  StreetListQuery,
  StreetPage,
} from '../../../core/api'
import { csrfHeaders } from './csrf'

/** The contract's ceiling for `limit` (core/api/common.ts MAX_LIMIT). */
export const MAX_PAGE_LIMIT = 5000
/** Stop paging after this many pages, whatever `total` says (guards a server that never ends). */
const MAX_PAGES = 50

export type ApiErrorKind = 'network' | 'http' | 'bad-json'

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly kind: ApiErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** the error body's `details` (a 409's revisions since, for one) */
    readonly details?: ErrorBody['details'],
  ) {
    super(message)
  }
}

/** The ApiError for a failed response's status and text (an error body's message, code and details). */
export function apiErrorFrom(url: string, status: number, statusText: string, text: string): ApiError {
  let body: unknown = null
  try {
    body = text === '' ? null : JSON.parse(text)
  } catch {
    // not JSON: the status line says enough
  }
  if (!isErrorBody(body)) return new ApiError('http', url, `${status} ${statusText}`.trim(), status)
  // an RFC 9457 problem: detail says what was wrong; Wangge's own also carry code and message
  const message = body.detail ?? body.message ?? body.title ?? `${status} ${statusText}`.trim()
  return new ApiError('http', url, message, status, body.code, body.details)
}

type QueryValue = string | number | boolean | undefined | null
export type Query = Record<string, QueryValue>

/** `/api/grids` + {limit: 10, street: undefined} → `/api/grids?limit=10` (undefined/null/'' dropped, keys sorted). */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query).sort()) {
    const value = query[key]
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/** A problem (RFC 9457: detail or title), or an error body of the API before it (message and statusCode). */
function isErrorBody(value: unknown): value is Partial<ErrorBody> {
  if (typeof value !== 'object' || value === null) return false
  return (
    ('detail' in value && typeof value.detail === 'string') ||
    ('title' in value && typeof value.title === 'string') ||
    ('message' in value && 'statusCode' in value)
  )
}

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>

export interface ApiClientOptions {
  fetch?: FetchLike
}

export class ApiClient {
  private readonly fetchImpl: FetchLike

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((url, init) => globalThis.fetch(url, init))
  }

  /** GET a JSON document; throws ApiError (never a bare TypeError/SyntaxError). */
  getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>(buildUrl(path, query), { headers: { accept: 'application/json' }, signal })
  }

  /** POST or PATCH a JSON body and read the JSON answer; throws ApiError like getJson. */
  sendJson<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
      body: JSON.stringify(body),
      signal,
    })
  }

  private async request<T>(url: string, init: RequestInit): Promise<T> {
    let response: Response
    try {
      response = await this.fetchImpl(url, init)
    } catch (error) {
      if (init.signal?.aborted) throw error
      throw new ApiError('network', url, `cannot reach ${url}: ${(error as Error).message}`)
    }
    const text = await response.text()
    if (!response.ok) throw apiErrorFrom(url, response.status, response.statusText, text)
    try {
      return (text === '' ? null : JSON.parse(text)) as T
    } catch {
      throw new ApiError('bad-json', url, `${url} did not return JSON`)
    }
  }

  /** Every page of a list endpoint, concatenated: pages of `limit` until `total` is reached. */
  async getAllPages<T extends FeaturePage<unknown, unknown>>(
    path: string,
    query: Query = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const limit = Math.min(Number(query.limit ?? MAX_PAGE_LIMIT), MAX_PAGE_LIMIT)
    const first = await this.getJson<T>(path, { ...query, limit, offset: 0 }, signal)
    const features = [...first.features]
    for (let page = 1; page < MAX_PAGES && features.length < first.total; page++) {
      const next = await this.getJson<T>(path, { ...query, limit, offset: features.length }, signal)
      if (next.features.length === 0) break
      features.push(...next.features)
    }
    return { ...first, features, limit, offset: 0 }
  }

  health(signal?: AbortSignal) {
    return this.getJson<Health>('/api/health', undefined, signal)
  }

  /** Find anything (找地方) by name, pinyin initials or code. */
  search(q: string, limit = 10, signal?: AbortSignal) {
    return this.getJson<SearchResult>('/api/search', { q, limit }, signal)
  }

  settings(signal?: AbortSignal) {
    return this.getJson<Settings>('/api/settings', undefined, signal)
  }

  streets(query: Omit<StreetListQuery, 'limit' | 'offset'> = {}, signal?: AbortSignal): Promise<StreetPage> {
    return this.getAllPages('/api/streets', query, signal)
  }

  communities(query: Omit<CommunityListQuery, 'limit' | 'offset'> = {}, signal?: AbortSignal): Promise<CommunityPage> {
    return this.getAllPages('/api/communities', query, signal)
  }

  grids(query: Omit<GridListQuery, 'limit' | 'offset'> = {}, signal?: AbortSignal): Promise<GridPage> {
    return this.getAllPages('/api/grids', query, signal)
  }

  facilities(query: Omit<FacilityListQuery, 'limit' | 'offset'> = {}, signal?: AbortSignal): Promise<FacilityPage> {
    return this.getAllPages('/api/facilities', query, signal)
  }

  facilityTypes(signal?: AbortSignal) {
    return this.getJson<FacilityType[]>('/api/facility-types', undefined, signal)
  }

  grid(id: number, signal?: AbortSignal) {
    return this.getJson<Feature<GridPage['features'][number]['properties'], GeoJSON.MultiPolygon>>(
      `/api/grids/${encodeURIComponent(String(id))}`,
      undefined,
      signal,
    )
  }

  /** every grid's figures with a label point and a box, no geometry */
  gridSummaries(signal?: AbortSignal) {
    return this.getJson<GridSummaryList>('/api/grids/summary', undefined, signal)
  }

  /** every community's figures with a label point and a box, no geometry */
  communitySummaries(signal?: AbortSignal) {
    return this.getJson<CommunitySummaryList>('/api/communities/summary', undefined, signal)
  }

  facility(id: number, signal?: AbortSignal) {
    return this.getJson<Feature<FacilityProps, GeoJSON.Point>>(
      `/api/facilities/${encodeURIComponent(String(id))}`,
      undefined,
      signal,
    )
  }

  street(code: string, signal?: AbortSignal) {
    return this.getJson<StreetPage['features'][number]>(`/api/streets/${encodeURIComponent(code)}`, undefined, signal)
  }

  community(code: string, signal?: AbortSignal) {
    return this.getJson<CommunityPage['features'][number]>(
      `/api/communities/${encodeURIComponent(code)}`,
      undefined,
      signal,
    )
  }
}

/** The client the app uses: same origin, the browser's fetch. */
export const api = new ApiClient()
