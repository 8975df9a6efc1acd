// Small helpers shared by the thin routes.
import type { FastifyReply } from 'fastify'
import { type Bbox, DEFAULT_LIMIT, parseBbox } from '../../core/api'
import { badRequest, notFound } from '../plugins/errors'

export const GEOJSON = 'application/geo+json; charset=utf-8'

/** Checks an optional bbox parameter; a bad one is a 400 BAD_BBOX naming the value. */
export function bboxOf(text: string | undefined): Bbox | undefined {
  if (text === undefined) return undefined
  const parsed = parseBbox(text)
  if ('error' in parsed) throw badRequest('BAD_BBOX', parsed.error)
  return parsed.bbox
}

export function paging(query: { limit?: number; offset?: number }) {
  return { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 }
}

/** Sends JSON text assembled by a repository as-is: fastify does not re-serialise a string. */
export function sendJsonText(reply: FastifyReply, text: string) {
  return reply.type('application/json; charset=utf-8').send(text)
}

/** Sends JSON text built by PostGIS as-is (no re-serialisation), or 404 when absent. */
export function sendGeoJson(reply: FastifyReply, text: string | undefined, what: string, id: string | number) {
  if (text === undefined) throw notFound(what, id)
  return reply.type(GEOJSON).send(text)
}
