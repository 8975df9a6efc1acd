// Repeated reads served from what is already computed (issue 13, ADR 25). The hot read routes —
// grids and units as GeoJSON, the coverage summary, the equity indicators, the wall's KPIs and
// gaps, the street and community lists — keep their last answers (the serialized body, before
// compression and ETag) keyed by the request (path, query, and a wall link's street). Every
// change announced on the live-changes bus (/api/events) and every successful write (a permission
// that is audited: not a siting solve or proposal) starts a new
// generation: an answer is served only in the generation it was computed in, so no edit is ever
// answered with a copy from before it. Bounded by entries and bytes; the oldest go first.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip as gzipCallback } from 'node:zlib'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AUDITED } from '../../core/auth/permissions'
import { matchesEtag, weakEtag } from './http-cache'
import { kioskStreets } from './kiosk-scope'

/** The routes whose answers are kept (GET, 200). */
export const CACHED_READS: ReadonlySet<string> = new Set([
  '/api/grids',
  '/api/communities/:code/units',
  '/api/coverage/summary',
  '/api/equity/indicators',
  '/api/wall/kpis',
  '/api/wall/gaps',
  '/api/streets',
  '/api/communities',
])

const brotli = promisify(brotliCompress)
const gzip = promisify(gzipCallback)
// the quality of plugins/compression.ts
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

interface Entry {
  generation: number
  payload: string | Buffer
  type: string
  /** the ETag of the uncompressed payload, as http-cache.ts gives it: the same whichever the encoding */
  etag: string
  /** the payload as compressed for each encoding asked so far (br, gzip) */
  encoded?: Map<string, Promise<Buffer>>
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  generation = 0
  hits = 0
  misses = 0

  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  /** A change: everything kept so far is from before it. */
  invalidate() {
    this.generation++
    this.entries.clear()
    this.bytes = 0
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (!entry || entry.generation !== this.generation) return undefined
    // most recently used last
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  put(key: string, entry: Entry) {
    if (entry.generation !== this.generation || entry.payload.length > this.maxBytes) return
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.bytes -= old.payload.length
    }
    this.entries.set(key, entry)
    this.bytes += entry.payload.length
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.entries.delete(k)
      this.bytes -= e.payload.length
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    readCache: ReadCache
  }
  interface FastifyRequest {
    /** the cache key of a cacheable read, and the generation it started in */
    readCacheKey?: { key: string; generation: number; hit: boolean; done?: () => void }
  }
}

/** The encoding @fastify/compress picks for a request (br first, then gzip). */
function encodingFor(req: FastifyRequest): string | null {
  const accepted = String(req.headers['accept-encoding'] ?? '')
  if (/\bbr\b/.test(accepted)) return 'br'
  if (/\bgzip\b/.test(accepted)) return 'gzip'
  return null
}

async function keyOf(req: FastifyRequest): Promise<string> {
  const streets = await kioskStreets(req)
  return `${req.url}|${streets?.join(',') ?? ''}`
}

/** Register after the kiosk scope (its preHandler narrows the query first), before compression. */
export function registerReadCache(app: FastifyInstance, cache = new ReadCache()) {
  const inflight = new Map<string, { generation: number; done: Promise<void> }>()
  app.decorate('readCache', cache)
  app.events.subscribe(() => cache.invalidate())
  // a successful write (not a siting solve or proposal: they change nothing)
  app.addHook('onResponse', async (req, reply) => {
    req.readCacheKey?.done?.()
    const permission = req.routeOptions.config?.permission
    if (WRITES.has(req.method) && reply.statusCode < 400 && permission && AUDITED.has(permission)) cache.invalidate()
  })
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'GET' || !CACHED_READS.has(req.routeOptions.url ?? '')) return
    const key = await keyOf(req)
    let entry = cache.get(key)
    // the same read already being computed in this generation: wait for it rather than compute again
    const running = inflight.get(key)
    if (!entry && running && running.generation === cache.generation) {
      await running.done
      entry = cache.get(key)
    }
    req.readCacheKey = { key, generation: cache.generation, hit: entry !== undefined }
    if (!entry) {
      cache.misses++
      if (!inflight.has(key) || inflight.get(key)!.generation !== cache.generation) {
        let done = () => {}
        const promise = new Promise<void>((resolve) => {
          done = resolve
        })
        inflight.set(key, { generation: cache.generation, done: promise })
        req.readCacheKey.done = () => {
          if (inflight.get(key)?.done === promise) inflight.delete(key)
          done()
        }
      }
      return
    }
    cache.hits++
    reply.header('content-type', entry.type).header('etag', entry.etag).header('cache-control', 'no-cache')
    if (matchesEtag(req.headers['if-none-match'], entry.etag)) return reply.code(304).send('')
    const encoding = encodingFor(req)
    if (encoding === null || entry.payload.length < 1024) return reply.send(entry.payload)
    // compressed once per encoding, in zlib's thread pool, as @fastify/compress would (which
    // leaves an answer with a Content-Encoding as it is)
    entry.encoded ??= new Map()
    let encoded = entry.encoded.get(encoding)
    if (!encoded) {
      encoded = encoding === 'br' ? brotli(entry.payload, BROTLI) : gzip(entry.payload)
      entry.encoded.set(encoding, encoded)
    }
    reply.header('content-encoding', encoding).header('vary', 'accept-encoding')
    return reply.send(await encoded)
  })
  app.addHook('onSend', async (req, reply, payload) => {
    const at = req.readCacheKey
    if (!at || at.hit || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    if (reply.getHeader('content-encoding') !== undefined) return payload
    cache.put(at.key, {
      generation: at.generation,
      payload,
      type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      etag: String(reply.getHeader('etag') ?? weakEtag(payload)),
    })
    at.done?.()
    return payload
  })
}
