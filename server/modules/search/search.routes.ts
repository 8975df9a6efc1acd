import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody, SearchQuery, SearchResult } from '../../../core/api'
import { foldQuery, search } from '../../../core/domain/search/search-index'
import { badRequest } from '../../plugins/errors'
import { readHitGeometries } from './search.repository'

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['search'],
        summary: 'Find a street, community, grid, unit or facility by name, pinyin initials or code (找地方)',
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: ErrorBody },
      },
    },
    async (req) => {
      const { q, limit = 10 } = req.query
      if (foldQuery(q) === '')
        throw badRequest('BAD_SEARCH', 'q must hold a name, pinyin initials or a code, not only spaces or punctuation')
      const hits = search(await app.searchIndex(), q, limit)
      const geometries = await readHitGeometries(app.db, hits)
      return {
        query: q,
        hits: hits
          .map((hit) => ({ ...hit, geometry: geometries.get(`${hit.kind}:${hit.key}`) }))
          .filter((hit) => hit.geometry !== undefined) as SearchResult['hits'],
      }
    },
  )
}
