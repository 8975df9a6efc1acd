// Coverage endpoints: thin, every figure comes from the in-memory CoverageService.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  ComplianceListQuery,
  CoverageGaps,
  CoverageGapsQuery,
  CoverageSummary,
  CoverageSummaryQuery,
  CoverageWorst,
  CoverageWorstQuery,
  ErrorBody,
  FacilityCompliance,
  FacilityIdParams,
} from '../../../core/api'
import {
  CoverageQueryError,
  complianceOf,
  coverageGaps,
  coverageSummary,
  worstKeys,
} from '../../../core/domain/coverage-store'
import { badRequest, notFound } from '../../plugins/errors'
import { bboxOf } from '../route-helpers'
import type { FacilityRow } from './coverage.repository'
import { type CoverageModel, CoverageService, followChanges, viewOf } from './coverage.service'

declare module 'fastify' {
  interface FastifyInstance {
    coverage: CoverageService
  }
}

/** Decorates the app with its CoverageService; warms it up once the server listens. */
export function registerCoverage(app: FastifyInstance) {
  const service = new CoverageService(app.db)
  app.decorate('coverage', service)
  const unsubscribe = followChanges(service, app.events)
  app.addHook('onClose', async () => unsubscribe())
  // warm start stays fast: the model is built in the background after listen
  app.addHook('onListen', async () => {
    service.ensure().catch((err) => app.log.error({ err }, 'coverage warm-up failed'))
  })
}

const Errors = { 400: ErrorBody, 404: ErrorBody }

/** A coverage question asked wrongly (unknown type or tier, mismatch) is a 400 naming the value. */
function answer<T>(query: () => T): T {
  try {
    return query()
  } catch (error) {
    if (error instanceof CoverageQueryError) throw badRequest(error.code, error.message)
    throw error
  }
}

function complianceRow(model: CoverageModel, row: FacilityRow) {
  const c = complianceOf(model, row)
  const type = model.types.get(row.typeCode)!
  return {
    id: row.id,
    typeCode: row.typeCode,
    status: row.status,
    servedHouseholds: c.servedHouseholds,
    activityShare: c.activityShare,
    activityRequired: type.minActivityShare,
    activityOk: c.activityOk,
    floorAreaRequiredM2: c.floorAreaRequiredM2,
    floorAreaOk: c.floorAreaOk,
    radiusM: c.radiusM,
    radiusRangeM: c.radiusRangeM,
    radiusOk: c.radiusOk,
    compliant: c.compliant,
    problems: c.problems,
  }
}

export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/coverage/summary',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['coverage'],
        summary: 'Covered / unserved / total households by district, street, community, grid or unit',
        description:
          'Per facility type (or a whole life-circle tier: tiers never substitute), for a scenario. covered + unserved = households on every row and in the totals.',
        querystring: CoverageSummaryQuery,
        response: { 200: CoverageSummary, ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const { view, method } = viewOf(await app.coverage.ensure(), q.method)
      return answer(() => ({
        method,
        ...coverageSummary(view, {
          ...q,
          level: q.level ?? 'district',
          bbox: bboxOf(q.bbox),
          limit: q.limit ?? 5000,
        }),
      }))
    },
  )
  app.get(
    '/coverage/gaps',
    {
      config: { permission: 'read.detail' },
      schema: {
        tags: ['coverage'],
        summary: 'The gap layer: unserved buildings as points with households, or summed into hexagons',
        querystring: CoverageGapsQuery,
        response: { 200: CoverageGaps, ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const { view, method } = viewOf(await app.coverage.ensure(), q.method)
      return answer(() => ({
        method,
        ...coverageGaps(view, {
          ...q,
          bbox: bboxOf(q.bbox),
          aggregate: q.aggregate ?? 'none',
          cellMeters: q.cellMeters ?? 1000,
          limit: q.limit ?? 50_000,
        }),
      }))
    },
  )
  app.get(
    '/coverage/worst',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['coverage'],
        summary: 'The worst grids, units (compounds) or communities: most unserved households first',
        querystring: CoverageWorstQuery,
        response: { 200: CoverageWorst, ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const { view, method } = viewOf(await app.coverage.ensure(), q.method)
      return answer(() => ({
        method,
        ...worstKeys(view, {
          ...q,
          level: q.level ?? 'grid',
          sort: q.sort ?? 'unserved',
          bbox: bboxOf(q.bbox),
          limit: q.limit ?? 20,
        }),
      }))
    },
  )
  app.get(
    '/coverage/compliance',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['coverage'],
        summary:
          'Compliance of facilities with the standards: activity share, floor area per households served, radius per tier',
        querystring: ComplianceListQuery,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(FacilityCompliance) }), ...Errors },
      },
    },
    async (req) => {
      const q = req.query
      const model = await app.coverage.ensure()
      if (q.type !== undefined && !model.types.has(q.type))
        throw badRequest('UNKNOWN_FACILITY_TYPE', `unknown facility type "${q.type}" (see /api/facility-types)`)
      const bbox = bboxOf(q.bbox)
      const items = []
      let total = 0
      for (const row of model.facilities.values()) {
        if (row.status === 'retired') continue
        if (q.type !== undefined && row.typeCode !== q.type) continue
        if (bbox && !(row.lng >= bbox[0] && row.lng <= bbox[2] && row.lat >= bbox[1] && row.lat <= bbox[3])) continue
        const item = complianceRow(model, row)
        if (q.onlyProblems && item.compliant) continue
        total++
        if (items.length < (q.limit ?? 1000)) items.push(item)
      }
      return { total, items }
    },
  )
  app.get(
    '/facilities/:id/compliance',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['facilities'],
        summary: 'Compliance of one facility with the standards',
        params: FacilityIdParams,
        response: { 200: FacilityCompliance, ...Errors },
      },
    },
    async (req) => {
      const model = await app.coverage.ensure()
      const row = model.facilities.get(req.params.id)
      if (!row) throw notFound('facility', req.params.id)
      return complianceRow(model, row)
    },
  )
  app.get(
    '/coverage/status',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['coverage'],
        summary: 'The in-memory coverage model: loaded, sizes, build and last update times',
        querystring: Type.Object({ wait: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      if (req.query.wait) await app.coverage.ensure()
      return { ...app.coverage.status(), rssBytes: process.memoryUsage().rss }
    },
  )
}
