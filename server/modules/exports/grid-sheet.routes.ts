// GET /sheets/grids?community=|street=: the printable grid plan (HTML for A4), outside /api
// because it is a page (like /report).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CommunityCode, ErrorBody, StreetCode } from '../../../core/api'
import { renderGridSheet } from '../../../core/export/grid-sheet'
import { badRequest } from '../../plugins/errors'
import { latestRevision } from '../tiles/tiles.repository'
import { sheetGrids, sheetPlace } from './grid-sheet.repository'

export const gridSheetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sheets/grids',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['exports'],
        operationId: 'getGridSheet',
        summary:
          'Printable grid plan of a community or street (HTML, A4): map with grid numbers, codes, households, a blank 网格员 column',
        querystring: Type.Object(
          { community: Type.Optional(CommunityCode), street: Type.Optional(StreetCode) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/html' }), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { community, street } = req.query
      if ((community === undefined) === (street === undefined))
        throw badRequest('BAD_REQUEST', 'give exactly one of "community" or "street"')
      const place = await sheetPlace(app.db, { community, street })
      if (!place)
        throw community !== undefined
          ? badRequest('UNKNOWN_COMMUNITY', `unknown community "${community}"`)
          : badRequest('UNKNOWN_STREET', `unknown street "${street}" (see /api/streets)`)
      const [{ grids, extent }, revision] = await Promise.all([
        sheetGrids(app.db, { community, street }),
        latestRevision(app.db),
      ])
      const html = renderGridSheet({
        placeName: place.name,
        placeCode: place.code,
        grids,
        extent,
        revision,
        generatedAt: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      })
      return reply.type('text/html; charset=utf-8').send(html)
    },
  )
}
