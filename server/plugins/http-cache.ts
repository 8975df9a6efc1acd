// Conditional GETs for API reads: every 200 answer to a GET under /api or /ogc carries a weak
// ETag (a hash of the body) and `Cache-Control: no-cache` (a client keeps the copy and asks again
// each time), and a request whose If-None-Match names the current ETag gets 304 with no body.
// An edit changes the body, hence the ETag: no stale copy survives it. And CORS, off by default.
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

/** The weak ETag of a body: a hash of its bytes as sent uncompressed (read-cache.ts replays it). */
export const weakEtag = (payload: string | Buffer) => `W/"${createHash('sha1').update(payload).digest('base64url')}"`

/** Whether an If-None-Match header names the ETag. */
export const matchesEtag = (asked: string | undefined, etag: string) =>
  asked?.split(',').some((t) => t.trim() === etag || t.trim() === '*') ?? false

export function registerHttpCache(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (!/^\/(api|ogc)(\/|\?|$)/.test(request.url)) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    if (reply.getHeader('etag') !== undefined) return payload
    const etag = weakEtag(payload)
    reply.header('etag', etag)
    if (reply.getHeader('cache-control') === undefined) reply.header('cache-control', 'no-cache')
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      reply.code(304)
      reply.removeHeader('content-length')
      return ''
    }
    return payload
  })
}

/**
 * CORS by configured origin (off by default): a request from a listed origin gets
 * Access-Control-Allow-Origin for it (and ETag exposed); a preflight OPTIONS is answered 204.
 */
export function registerCors(app: FastifyInstance, origins: readonly string[]) {
  if (origins.length === 0) return
  const allowed = new Set(origins)
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin
    reply.header('vary', 'Origin')
    if (!origin || !(allowed.has(origin) || allowed.has('*'))) return
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-expose-headers', 'ETag, Content-Crs, Link')
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE')
      reply.header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '')
      reply.header('access-control-max-age', '600')
      return reply.code(204).send()
    }
  })
}
