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
import { ApiError, api, apiErrorFrom } from '../../api/client'
import { csrfHeaders } from '../../api/csrf'

export type PreviewCollection = GeoJSON.FeatureCollection<GeoJSON.Geometry, ImportPreviewProperties>

/** Uploads the file as the raw body; `onProgress` gets the share sent (0–1). */
export function uploadFile(
  file: Blob & { name: string },
  onProgress: (share: number) => void,
  signal?: AbortSignal,
  lang?: 'zh' | 'en',
): Promise<ImportUploadResult> {
  const path = `/api/imports?filename=${encodeURIComponent(file.name)}${lang ? `&lang=${lang}` : ''}`
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.setRequestHeader('accept', 'application/json')
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300)
        return reject(apiErrorFrom(path, xhr.status, xhr.statusText, xhr.responseText))
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
  /** problems, actions and notices come back in `lang` (the UI's language) */
  dryRun: (id: number, body: DryRunRequest, lang: 'zh' | 'en' = 'zh') =>
    api.sendJson<DryRunResult>('POST', `${one(id)}/dry-run?lang=${lang}`, body),
  summary: (id: number, signal?: AbortSignal) => api.getJson<ImportSummary>(one(id), undefined, signal),
  preview: (id: number, signal?: AbortSignal) =>
    api.getJson<PreviewCollection>(`${one(id)}/preview`, undefined, signal),
  problemsCsvUrl: (id: number, lang: 'zh' | 'en' = 'zh') => `${one(id)}/problems.csv?lang=${lang}`,
  commit: (id: number, author: string, reason: string) =>
    api.sendJson<CommitResult>('POST', `${one(id)}/commit`, { author, reason }),
  rollback: (id: number, author: string, reason: string) =>
    api.sendJson<CommitResult>('POST', `${one(id)}/rollback`, { author, reason }),
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
