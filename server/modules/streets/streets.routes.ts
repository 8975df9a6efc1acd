import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, StreetCode, StreetFeature, StreetListQuery, StreetPage } from '../../../core/api'
import { kioskStreets } from '../../plugins/kiosk-scope'
import { bboxOf, paging, sendGeoJson } from '../route-helpers'
import { getStreet, listStreets } from './streets.repository'

export const streetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/streets',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['streets'],
        summary: 'Streets, towns and functional zones (街道/镇/功能区) as GeoJSON',
        querystring: StreetListQuery,
        response: { 200: StreetPage, 400: ErrorBody },
      },
    },
    async (req, reply) =>
      sendGeoJson(
        reply,
        await listStreets(app.db, {
          bbox: bboxOf(req.query.bbox),
          code: (await kioskStreets(req))?.[0],
          ...paging(req.query),
        }),
        'streets',
        '',
      ),
  )
  app.get(
    '/streets/:code',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['streets'],
        summary: 'One street as a GeoJSON Feature',
        params: Type.Object({ code: StreetCode }),
        response: { 200: StreetFeature, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => sendGeoJson(reply, await getStreet(app.db, req.params.code), 'street', req.params.code),
  )
}
