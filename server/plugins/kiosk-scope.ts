// A wall (kiosk) link bound to a street sees only that street (issue 13, ADR 25). One hook after
// validation, for every route a kiosk may call:
// - a `street` in the query must be its street; a route that takes one and got none gets it;
// - a community (query `community`, path `:code` under /communities, `:communityCode`) must lie in
//   its street, a street in the path (`/streets/:code`) must be it;
// - a read that can be narrowed in none of these ways (tiles, OGC, search, one grid or facility by
//   id, …) is refused with 403: the link was made for one street, not the district.
// Reads that carry no place data (settings, facility types, who am I, the live changes) stay open.
// Kiosk links without a street (the district wall) and every user account are not touched.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { getCommunityRow } from '../modules/grid-editing/grid-editing.repository'
import { principalOf } from './auth'
import { AppError } from './errors'

/** Reads a street-bound wall link may make without a place to narrow them by. */
const PLACELESS = new Set([
  '/api/health',
  '/api/auth/me',
  '/api/auth/sign-out',
  '/api/settings',
  '/api/facility-types',
  '/api/events',
  '/api/coverage/status',
])

/** The streets a street-bound wall link is limited to, or null for everyone else. */
export async function kioskStreets(req: FastifyRequest): Promise<string[] | null> {
  const p = await principalOf(req)
  return p?.kind === 'kiosk' && p.streets.length > 0 ? p.streets : null
}

function refuse(own: string[], what: string): AppError {
  return new AppError(
    'OUTSIDE_STREETS',
    `此大屏链接只能查看 ${own.join('、')} 街道的数据（${what}）。 This wall link sees only street ${own.join(', ')} (${what}).`,
    { streets: own },
  )
}

const hasStreetQuery = (req: FastifyRequest): boolean => {
  const schema = req.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined
  return Boolean(schema?.properties && 'street' in schema.properties)
}

export function registerKioskScope(app: FastifyInstance) {
  app.addHook('preHandler', async (req) => {
    const permission = req.routeOptions.config?.permission
    if (permission === undefined || permission === 'public') return
    const own = await kioskStreets(req)
    if (!own) return
    const url = req.routeOptions.url ?? ''
    if (PLACELESS.has(url)) return
    const query = (req.query ?? {}) as Record<string, unknown>
    const params = (req.params ?? {}) as Record<string, unknown>
    let narrowed = false
    const checkCommunity = async (code: unknown) => {
      const row = typeof code === 'string' ? await getCommunityRow(app.db, code) : undefined
      // an unknown community is left to the route (its 404 / 400)
      if (row && !own.includes(row.streetCode.trim())) throw refuse(own, `community ${code}`)
      narrowed = true
    }
    if (typeof query.street === 'string') {
      if (!own.includes(query.street)) throw refuse(own, `street ${query.street}`)
      narrowed = true
    }
    if (typeof query.community === 'string') await checkCommunity(query.community)
    if (url.startsWith('/api/streets/:code')) {
      if (!own.includes(String(params.code))) throw refuse(own, `street ${params.code}`)
      narrowed = true
    }
    if (url.startsWith('/api/communities/:code')) await checkCommunity(params.code)
    if ('communityCode' in params) await checkCommunity(params.communityCode)
    if (query.street === undefined && hasStreetQuery(req) && typeof query === 'object') {
      query.street = own[0]
      narrowed = true
    }
    // the street list is narrowed by its route (kioskStreets)
    if (url === '/api/streets') narrowed = true
    if (!narrowed) throw refuse(own, `${req.method} ${url} is not limited to a street`)
  })
}
