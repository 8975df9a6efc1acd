// Large answers compressed, downloads resumable (ADR 17).
// - gzip or brotli (the client's choice, brotli first) for text answers over 1 KiB: JSON,
//   GeoJSON, problem+json, CSV, HTML, FlatGeobuf (octet-stream). Brotli at quality 5: near
//   gzip's speed, smaller. Zips are already compressed; MVT tiles are left as they are (each is
//   small, cached encoded, and served hundreds a second; a tile client gets them raw).
// - Range on downloads (an answer with Content-Disposition: attachment): one bytes= range is
//   answered 206 with Content-Range (not compressed, so the offsets are the file's), 416 beyond
//   the end; a download carries a strong ETag and Accept-Ranges. Each download is written afresh
//   (its provenance names the time), so the bytes of recent downloads are held for a while
//   (DownloadShelf): a resume with If-Range naming one of them gets the rest of that very file;
//   If-Range naming none gets the whole new file.
import { createHash } from 'node:crypto'
import { constants } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import type { FastifyInstance } from 'fastify'
import { byteRange } from '../../core/api/byte-range'

const COMPRESSIBLE = /^text\/(?!event-stream)|[/+]json(?:;|$)|[/+]xml(?:;|$)|octet-stream(?:;|$)/

export async function registerCompression(app: FastifyInstance) {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  })
}

/** The bytes of recent downloads by strong ETag, for resumes: at most `maxBytes`, each for `ttlMs`. */
export class DownloadShelf {
  private readonly held = new Map<string, { body: Buffer; at: number }>()
  private bytes = 0

  constructor(
    readonly maxBytes = 256 * 1024 * 1024,
    readonly ttlMs = 30 * 60 * 1000,
  ) {}

  get(etag: string, now = Date.now()): Buffer | undefined {
    const entry = this.held.get(etag)
    return entry && now - entry.at <= this.ttlMs ? entry.body : undefined
  }

  put(etag: string, body: Buffer, now = Date.now()) {
    if (body.length > this.maxBytes || this.held.has(etag)) return
    this.held.set(etag, { body, at: now })
    this.bytes += body.length
    for (const [key, entry] of this.held) {
      if (this.bytes <= this.maxBytes && now - entry.at <= this.ttlMs) break
      this.held.delete(key) // oldest first (insertion order)
      this.bytes -= entry.body.length
    }
  }
}

/** Must be registered before the ETag hook (http-cache.ts): a download's ETag is strong. */
export function registerRanges(app: FastifyInstance, shelf = new DownloadShelf()) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload
    const disposition = reply.getHeader('content-disposition')
    if (typeof disposition !== 'string' || !disposition.startsWith('attachment')) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const fresh = typeof payload === 'string' ? Buffer.from(payload) : payload
    const freshTag = `"${createHash('sha1').update(fresh).digest('base64url')}"`
    const ifRange = request.headers['if-range']
    const held = typeof ifRange === 'string' && request.headers.range !== undefined ? shelf.get(ifRange) : undefined
    const [body, etag] = held && typeof ifRange === 'string' ? [held, ifRange] : [fresh, freshTag]
    shelf.put(etag, body)
    reply.header('etag', etag).header('accept-ranges', 'bytes')
    if (ifRange !== undefined && ifRange !== etag) return body
    const answer = byteRange(request.headers.range, body.length)
    if (answer.kind === 'whole') return body
    if (answer.kind === 'unsatisfiable') {
      reply.code(416).header('content-range', `bytes */${body.length}`)
      return ''
    }
    reply.code(206).header('content-range', `bytes ${answer.start}-${answer.end}/${body.length}`)
    return body.subarray(answer.start, answer.end + 1)
  })
}
