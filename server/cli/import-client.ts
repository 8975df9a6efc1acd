// The two ways the CLI reaches the import pipeline: through a running server's HTTP API, or, when
// none runs, the same ImportService on a database the CLI opens itself. Both answer alike.
import type {
  CommitRequest,
  CommitResult,
  DryRunRequest,
  DryRunResult,
  ImportSummary,
  ImportUploadResult,
} from '../../core/api'
import type { DatabaseHandle } from '../db/engine'
import { ImportService } from '../modules/import/import.service'

export interface ImportClient {
  where: string
  upload(filename: string, bytes: Buffer): Promise<ImportUploadResult>
  dryRun(id: number, req: DryRunRequest): Promise<DryRunResult>
  problemsCsv(id: number): Promise<string>
  commit(id: number, req: CommitRequest): Promise<CommitResult>
  summary(id: number): Promise<ImportSummary>
  close(): Promise<void>
}

/** The server at `url` when it answers /api/health within a second, else null. */
export async function serverAt(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })
    return res.ok ? url : null
  } catch {
    return null
  }
}

/**
 * Runs a dry run while asking for its progress every `everyMs` (the service lets its event loop
 * run between batches, so a direct client is answered too), reporting each stage and share.
 */
export async function dryRunWithProgress(
  client: ImportClient,
  id: number,
  req: DryRunRequest,
  onProgress: (stage: string, share: number) => void,
  everyMs = 250,
): Promise<DryRunResult> {
  let last = ''
  const poll = setInterval(() => {
    client.summary(id).then(
      (s) => {
        if (s.status !== 'validating' || !s.stage) return
        const key = `${s.stage}:${s.progress.toFixed(3)}`
        if (key === last) return
        last = key
        onProgress(s.stage, s.progress)
      },
      () => {}, // a missed poll changes nothing
    )
  }, everyMs)
  try {
    const result = await client.dryRun(id, req)
    onProgress('done', 1)
    return result
  } finally {
    clearInterval(poll)
  }
}

/** A running server needs an API token of an account allowed to import (WANGGE_API_TOKEN). */
export function httpClient(url: string, token = process.env.WANGGE_API_TOKEN): ImportClient {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const call = async <T>(method: string, path: string, body?: unknown, raw?: Buffer): Promise<T> => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: raw
        ? { 'content-type': 'application/octet-stream', ...auth }
        : body
          ? { 'content-type': 'application/json', ...auth }
          : auth,
      body: raw ? new Uint8Array(raw) : body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    if (!res.ok) {
      let message = text
      try {
        message = JSON.parse(text).message
      } catch {}
      if (res.status === 401)
        message +=
          ' (set WANGGE_API_TOKEN to an API token of an administrator or district planner: user menu → API token)'
      throw new Error(`${res.status}: ${message}`)
    }
    return (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T
  }
  return {
    where: `the server at ${url}`,
    upload: (filename, bytes) => call('POST', `/imports?filename=${encodeURIComponent(filename)}`, undefined, bytes),
    dryRun: (id, req) => call('POST', `/imports/${id}/dry-run`, req),
    problemsCsv: (id) => call('GET', `/imports/${id}/problems.csv`),
    commit: (id, req) => call('POST', `/imports/${id}/commit`, req),
    summary: (id) => call('GET', `/imports/${id}`),
    close: async () => {},
  }
}

export function directClient(database: DatabaseHandle): ImportClient {
  const service = new ImportService(database.db)
  const explain = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p
    } catch (err) {
      const e = err as { statusCode?: number; message: string }
      throw new Error(e.statusCode ? `${e.statusCode}: ${e.message}` : e.message)
    }
  }
  return {
    where: `the ${database.kind} database at ${database.location}`,
    upload: (filename, bytes) => explain(service.upload(filename, bytes)),
    dryRun: (id, req) => explain(service.dryRun(id, req)),
    problemsCsv: async (id) => service.problemsCsv(id),
    // no server: the CLI has the database itself; the author is who runs it
    commit: (id, req) =>
      explain(service.commit(id, { ...req, author: req.author ?? `cli:${process.env.USER ?? 'unknown'}` })),
    summary: (id) => explain(service.summary(id)),
    close: () => database.close(),
  }
}
