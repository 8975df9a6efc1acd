// Conditional GETs for API reads: every 200 answer to a GET under /api or /ogc carries a weak
// ETag (a hash of the body) and `Cache-Control: no-cache` (a client keeps the copy and asks again
// each time), and a request whose If-None-Match names the current ETag gets 304 with no body.
// An edit changes the body, hence the ETag: no stale copy survives it.
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

export function registerHttpCache(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (!/^\/(api|ogc)(\/|\?|$)/.test(request.url)) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    if (reply.getHeader('etag') !== undefined) return payload
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`
    reply.header('etag', etag)
    if (reply.getHeader('cache-control') === undefined) reply.header('cache-control', 'no-cache')
    const asked = request.headers['if-none-match']
    if (asked?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      reply.code(304)
      reply.removeHeader('content-length')
      return ''
    }
    return payload
  })
}
