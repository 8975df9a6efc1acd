// Walking-distance endpoints (issue 11, ADR 22): the barrier effect and isochrones. Thin: the
// answers are pure functions of the coverage store (core/domain/coverage-store).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BarrierEffect, BarrierQuery, ErrorBody, IsochroneQuery, Isochrones } from '../../../core/api'
import { barrierEffect, CoverageQueryError, IsochroneError, isochronesOf } from '../../../core/domain/coverage-store'
import { badRequest, notFound } from '../../plugins/errors'
import { bboxOf } from '../route-helpers'

const Errors = { 400: ErrorBody, 404: ErrorBody }

export const walkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/coverage/barrier',
    {
      config: { permission: 'read.detail' },
      schema: {
        tags: ['coverage'],
        summary: 'The barrier effect: households inside the straight-line radius but beyond walking distance',
        description:
          'Per community or grid, worst first (most such households), with the buildings as points for the map. Needs a walk network.',
        querystring: BarrierQuery,
        response: { 200: BarrierEffect, ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const model = await app.coverage.ensure()
      if (!model.walk)
        throw badRequest(
          'NO_WALK_NETWORK',
          'the barrier effect compares walking with straight-line distances: no walk network is stored',
        )
      if (q.street && !model.world.streets.some((s) => s.code === q.street))
        throw badRequest('UNKNOWN_STREET', `unknown street "${q.street}"`)
      try {
        return barrierEffect(model, {
          ...q,
          level: q.level ?? 'community',
          bbox: bboxOf(q.bbox),
          limit: q.limit ?? 50,
          pointLimit: q.pointLimit ?? 20_000,
        })
      } catch (error) {
        if (error instanceof CoverageQueryError) throw badRequest(error.code, error.message)
        throw error
      }
    },
  )
  app.get(
    '/coverage/isochrones',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['coverage'],
        summary: 'The 5-, 10- and 15-minute walking areas (等时圈) of a facility or a point, as GeoJSON',
        description:
          'Give `facility` (its id) or `lng` and `lat` (a planned facility being dragged). The bands are the walking distances of the life-circle tiers (facility_types radii, GB 50180-2018).',
        querystring: IsochroneQuery,
        response: { 200: Isochrones, ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const model = await app.coverage.ensure()
      let lngLat: [number, number]
      let facilityId: number | null = null
      if (q.facility !== undefined) {
        const f = model.facilities.get(q.facility)
        if (!f) throw notFound('facility', q.facility)
        lngLat = [f.lng, f.lat]
        facilityId = f.id
      } else if (q.lng !== undefined && q.lat !== undefined) lngLat = [q.lng, q.lat]
      else
        throw badRequest(
          'MISSING_ORIGIN',
          'give a facility id (facility=…) or a point (lng=…&lat=…) to draw isochrones from',
        )
      try {
        return isochronesOf(model, lngLat, facilityId)
      } catch (error) {
        if (error instanceof IsochroneError) throw badRequest(error.code, error.message)
        throw error
      }
    },
  )
}
