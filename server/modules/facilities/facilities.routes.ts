import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, FacilityFeature, FacilityListQuery, FacilityPage, FacilityType, IntId } from '../../../core/api'
import { badRequest } from '../../plugins/errors'
import { bboxOf, paging, sendGeoJson } from '../route-helpers'
import { facilityTypeExists, getFacility, listFacilities, listFacilityTypes } from './facilities.repository'

export const facilitiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/facility-types',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['facilities'],
        summary: 'The standards table: facility types with tier and default service radius',
        response: { 200: Type.Array(FacilityType) },
      },
    },
    async () => listFacilityTypes(app.db),
  )
  app.get(
    '/facilities',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['facilities'],
        summary: 'Facilities as GeoJSON points (retired ones only when status=retired)',
        querystring: FacilityListQuery,
        response: { 200: FacilityPage, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query
      if (q.type !== undefined && !(await facilityTypeExists(app.db, q.type)))
        throw badRequest('UNKNOWN_FACILITY_TYPE', `unknown facility type "${q.type}" (see /api/facility-types)`)
      const fc = await listFacilities(app.db, {
        bbox: bboxOf(q.bbox),
        type: q.type,
        status: q.status,
        street: q.street,
        ...paging(q),
      })
      return sendGeoJson(reply, fc, 'facilities', '')
    },
  )
  app.get(
    '/facilities/:id',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['facilities'],
        summary: 'One facility as a GeoJSON Feature',
        params: Type.Object({ id: IntId }),
        response: { 200: FacilityFeature, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => sendGeoJson(reply, await getFacility(app.db, req.params.id), 'facility', req.params.id),
  )
}
