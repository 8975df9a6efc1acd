// The import endpoints (contract: core/api/import.ts). The upload goes through XMLHttpRequest so
// its progress can be shown (fetch reports none for a request body); the rest is JSON.
import type {
  CommitResult,
  CommunityUnits,
  DryRunRequest,
  DryRunResult,
  ImportPreviewProperties,
  ImportSummary,
  ImportUploadResult,
} from '../../../../core/api'
import { ApiError, api } from '../../api/client'

export type PreviewCollection = GeoJSON.FeatureCollection<GeoJSON.Geometry, ImportPreviewProperties>

function errorFrom(path: string, status: number, text: string): ApiError {
  let body: { message?: string; code?: string } | null = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: the status line says enough
  }
  return new ApiError('http', path, body?.message ?? `${status}`, status, body?.code)
}

async function sendJson<T>(path: string, body: unknown): Promise<T> {
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
  if (!response.ok) throw errorFrom(path, response.status, text)
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError('bad-json', path, `${path} did not return JSON`)
  }
}

/** Uploads the file as the raw body; `onProgress` gets the share sent (0–1). */
export function uploadFile(
  file: Blob & { name: string },
  onProgress: (share: number) => void,
  signal?: AbortSignal,
): Promise<ImportUploadResult> {
  const path = `/api/imports?filename=${encodeURIComponent(file.name)}`
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFrom(path, xhr.status, xhr.responseText))
      try {
        resolve(JSON.parse(xhr.responseText) as ImportUploadResult)
      } catch {
        reject(new ApiError('bad-json', path, `${path} did not return JSON`))
      }
    }
    xhr.onerror = () => reject(new ApiError('network', path, `cannot reach ${path}`))
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(file)
  })
}

const one = (id: number) => `/api/imports/${encodeURIComponent(String(id))}`

export const importApi = {
  upload: uploadFile,
  dryRun: (id: number, body: DryRunRequest) => sendJson<DryRunResult>(`${one(id)}/dry-run`, body),
  summary: (id: number, signal?: AbortSignal) => api.getJson<ImportSummary>(one(id), undefined, signal),
  preview: (id: number, signal?: AbortSignal) =>
    api.getJson<PreviewCollection>(`${one(id)}/preview`, undefined, signal),
  problemsCsvUrl: (id: number) => `${one(id)}/problems.csv`,
  commit: (id: number, author: string, reason: string) =>
    sendJson<CommitResult>(`${one(id)}/commit`, { author, reason }),
  rollback: (id: number, author: string, reason: string) =>
    sendJson<CommitResult>(`${one(id)}/rollback`, { author, reason }),
  history: (signal?: AbortSignal) => api.getJson<ImportSummary[]>('/api/imports', undefined, signal),
}

/** What is already stored around a preview's bbox: the units of the communities it meets (up to `max`), or facilities. */
export async function loadExisting(
  target: string,
  bbox: [number, number, number, number],
  signal?: AbortSignal,
  max = 12,
): Promise<GeoJSON.Feature[]> {
  const box = bbox.map((v) => v.toFixed(6)).join(',')
  if (target === 'facilities') return (await api.facilities({ bbox: box }, signal)).features as GeoJSON.Feature[]
  if (target === 'streets' || target === 'communities') return []
  const communities = await api.communities({ bbox: box }, signal)
  const codes = communities.features.slice(0, max).map((f) => f.properties.code)
  const pages = await Promise.all(
    codes.map((code) =>
      api.getJson<CommunityUnits>(`/api/communities/${encodeURIComponent(code)}/units`, undefined, signal),
    ),
  )
  return pages.flatMap((p) => p.units.features as GeoJSON.Feature[])
}
