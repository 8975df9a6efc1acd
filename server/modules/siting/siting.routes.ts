// Siting endpoints: thin; the models run in siting.service over the in-memory coverage.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody, LscpRequest, MclpRequest, PMedianRequest, SitingResponse } from '../../../core/api'
import { badRequest } from '../../plugins/errors'
import { pointsOutsideDistrict } from '../coverage/coverage.repository'
import { type CandidateSpec, runLscp, runMclp, runPMedian } from './siting.service'

const Errors = { 400: ErrorBody }

export const sitingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // drawn candidates must lie in the district
  async function checkCandidates(spec: CandidateSpec | undefined) {
    if (!spec || typeof spec === 'string') return
    const outside = await pointsOutsideDistrict(app.db, spec.points)
    if (outside.length > 0)
      throw badRequest(
        'POINT_OUTSIDE_DISTRICT',
        `candidate point ${outside[0]} [${spec.points[outside[0]].join(', ')}] is outside the district` +
          (outside.length > 1 ? ` (and ${outside.length - 1} more)` : ''),
      )
  }
  app.post(
    '/siting/mclp',
    {
      config: { permission: 'analysis.run' },
      schema: {
        tags: ['siting'],
        summary: 'Maximal covering: k new sites of a type that newly cover the most unserved households',
        body: MclpRequest,
        response: { 200: SitingResponse, ...Errors },
      },
    },
    async (req) => {
      await checkCandidates(req.body.candidates)
      return runMclp(await app.coverage.ensure(), req.body)
    },
  )
  app.post(
    '/siting/lscp',
    {
      config: { permission: 'analysis.run' },
      schema: {
        tags: ['siting'],
        summary: 'Set covering: the fewest new sites that bring the covered share to a target',
        body: LscpRequest,
        response: { 200: SitingResponse, ...Errors },
      },
    },
    async (req) => {
      await checkCandidates(req.body.candidates)
      return runLscp(await app.coverage.ensure(), req.body)
    },
  )
  app.post(
    '/siting/p-median',
    {
      config: { permission: 'analysis.run' },
      schema: {
        tags: ['siting'],
        summary: 'p-median: k new sites that minimise total household-weighted distance (grids as demand areas)',
        body: PMedianRequest,
        response: { 200: SitingResponse, ...Errors },
      },
    },
    async (req) => {
      await checkCandidates(req.body.candidates)
      return runPMedian(await app.coverage.ensure(), req.body)
    },
  )
}
