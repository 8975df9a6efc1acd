import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, GridFeature, GridListQuery, GridPage, GridSummaryList, IntId } from '../../../core/api'
import { asOfMoment } from '../grid-editing/as-of'
import { listGridsAsOf } from '../grid-editing/grid-editing.repository'
import { bboxOf, paging, sendGeoJson, sendJsonText } from '../route-helpers'
import { getGrid, listGridSummaries, listGrids } from './grids.repository'

export const gridsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/grids',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['grids'],
        summary: 'Current grids (网格) as GeoJSON, with household balance; `asOf` gives the grids as they were then',
        querystring: GridListQuery,
        response: { 200: GridPage, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query
      if (q.asOf !== undefined) {
        const filter = { bbox: bboxOf(q.bbox), street: q.street, community: q.community, ...paging(q) }
        return sendGeoJson(reply, await listGridsAsOf(app.db, { ...filter, at: asOfMoment(q.asOf) }), 'grids', '')
      }
      const fc = await listGrids(app.db, {
        bbox: bboxOf(q.bbox),
        street: q.street,
        community: q.community,
        ...paging(q),
      })
      return sendGeoJson(reply, fc, 'grids', '')
    },
  )
  app.get(
    '/grids/summary',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['grids'],
        operationId: 'listGridSummaries',
        summary:
          'Every current grid’s figures with a label point and a box, no geometry (the map draws grids from tiles)',
        response: { 200: GridSummaryList },
      },
    },
    async (_req, reply) => sendJsonText(reply, await listGridSummaries(app.db)),
  )
  app.get(
    '/grids/:id',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['grids'],
        summary: 'One grid as a GeoJSON Feature',
        params: Type.Object({ id: IntId }),
        response: { 200: GridFeature, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => sendGeoJson(reply, await getGrid(app.db, req.params.id), 'grid', req.params.id),
  )
}
