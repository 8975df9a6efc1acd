import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CommunityCode,
  CommunityFeature,
  CommunityListQuery,
  CommunityPage,
  CommunitySummaryList,
  ErrorBody,
} from '../../../core/api'
import { bboxOf, paging, sendGeoJson, sendJsonText } from '../route-helpers'
import { getCommunity, listCommunities, listCommunitySummaries } from './communities.repository'

export const communitiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/communities',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['communities'],
        summary: 'Communities (社区) and villages (村) as GeoJSON',
        querystring: CommunityListQuery,
        response: { 200: CommunityPage, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query
      const fc = await listCommunities(app.db, { bbox: bboxOf(q.bbox), street: q.street, kind: q.kind, ...paging(q) })
      return sendGeoJson(reply, fc, 'communities', '')
    },
  )
  app.get(
    '/communities/summary',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['communities'],
        operationId: 'listCommunitySummaries',
        summary: 'Every community’s figures with its label point and box, no geometry (the map draws them from tiles)',
        response: { 200: CommunitySummaryList },
      },
    },
    async (_req, reply) => sendJsonText(reply, await listCommunitySummaries(app.db)),
  )
  app.get(
    '/communities/:code',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['communities'],
        summary: 'One community or village as a GeoJSON Feature',
        params: Type.Object({ code: CommunityCode }),
        response: { 200: CommunityFeature, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => sendGeoJson(reply, await getCommunity(app.db, req.params.code), 'community', req.params.code),
  )
}
