import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CommunityCode,
  CommunityUnits,
  EditConflict,
  EditRequest,
  EditResult,
  ErrorBody,
  IntId,
  Proposal,
  ProposalRequest,
  RevertRequest,
  RevisionList,
  StreetCode,
  UnitAdjacency,
} from '../../../core/api'
import { assertStreets, authorOf } from '../../plugins/auth'
import { notFound } from '../../plugins/errors'
import { streetOfCommunity } from '../auth/auth.repository'
import { sendJsonText } from '../route-helpers'
import * as repo from './grid-editing.repository'
import { proposal, revertRevision, saveEdit, toRevision } from './grid-editing.service'

export const gridEditingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const communityParams = Type.Object({ code: CommunityCode })
  const publish = (communityCode: string, result: { changedGridIds: number[]; revisionId: number }) =>
    app.events.publish({ kind: 'grids', communityCode, ids: result.changedGridIds, revisionId: result.revisionId })

  app.get(
    '/communities/:code/units',
    {
      config: { permission: 'read.detail' },
      schema: {
        tags: ['grids'],
        summary:
          "A community's units (with households, area, centroid, grid) and current grids: an edit session's input",
        params: communityParams,
        response: {
          200: CommunityUnits,
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { code } = req.params
      const community = await repo.getCommunityRow(app.db, code)
      if (!community) throw notFound('community', code)
      const [settings, grids, units, , maxGridSequence] = await Promise.all([
        repo.readBand(app.db),
        repo.currentGrids(app.db, code),
        repo.unitFeatures(app.db, code),
        repo.unitMetrics(app.db, { community: code }), // warms the cache the edits read
        repo.maxGridSequence(app.db, code),
      ])
      const body = JSON.stringify({
        community,
        settings,
        maxGridSequence,
        grids: grids.map(({ parentIds: _, ...g }) => g),
      })
      return sendJsonText(reply, `${body.slice(0, -1)},"units":${units}}`)
    },
  )

  app.get(
    '/communities/:code/adjacency',
    {
      config: { permission: 'read.detail' },
      schema: {
        tags: ['grids'],
        summary: 'Units that share a boundary, with its length in metres (computed in PostGIS, cached)',
        params: communityParams,
        response: { 200: UnitAdjacency, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const { code } = req.params
      if (!(await repo.getCommunityRow(app.db, code))) throw notFound('community', code)
      return { communityCode: code, pairs: await repo.unitAdjacency(app.db, { community: code }) }
    },
  )

  app.post(
    '/communities/:code/edits',
    {
      config: { permission: 'grids.edit' },
      schema: {
        tags: ['grids'],
        summary: 'Save a grid edit: operations replayed and written in one transaction (409 on a stale editVersion)',
        params: communityParams,
        body: EditRequest,
        response: { 200: EditResult, 400: ErrorBody, 404: ErrorBody, 409: EditConflict, 422: ErrorBody },
      },
    },
    async (req) => {
      const { editVersion, reason, ops } = req.body
      // street scope: every op of an edit stays in its community (UNIT_OTHER_COMMUNITY, GRID_OTHER_COMMUNITY)
      const street = await streetOfCommunity(app.db, req.params.code)
      if (street) await assertStreets(req, [street])
      const author = await authorOf(req)
      const result = await saveEdit(app.db, req.params.code, { editVersion, author, reason, ops })
      publish(req.params.code, result)
      return result
    },
  )

  app.get(
    '/communities/:code/history',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['grids'],
        summary: "A community's grid revisions, newest first: who, when, why, units moved, households gained and lost",
        params: communityParams,
        response: { 200: RevisionList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const { code } = req.params
      if (!(await repo.getCommunityRow(app.db, code))) throw notFound('community', code)
      return (await repo.communityRevisions(app.db, code)).map(toRevision)
    },
  )

  app.get(
    '/grids/:id/history',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['grids'],
        summary: "One grid's revisions, newest first",
        params: Type.Object({ id: IntId }),
        response: { 200: RevisionList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      if (!(await repo.gridExists(app.db, req.params.id))) throw notFound('grid', req.params.id)
      return (await repo.gridRevisions(app.db, req.params.id)).map(toRevision)
    },
  )

  app.post(
    '/revisions/:id/revert',
    {
      config: { permission: 'grids.edit' },
      schema: {
        tags: ['grids'],
        summary: 'Revert a saved edit: writes a new revision that moves the units back (never erases one)',
        params: Type.Object({ id: IntId }),
        body: RevertRequest,
        response: { 200: EditResult, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const revision = await repo.getRevision(app.db, req.params.id)
      const street = revision && (await streetOfCommunity(app.db, revision.communityCode.trim()))
      if (street) await assertStreets(req, [street])
      const result = await revertRevision(app.db, req.params.id, { ...req.body, author: await authorOf(req) })
      const row = await repo.getRevision(app.db, result.revisionId)
      publish(row!.communityCode.trim(), result)
      return result
    },
  )

  app.post(
    '/communities/:code/proposals',
    {
      config: { permission: 'analysis.run' },
      schema: {
        tags: ['grids'],
        summary:
          'Propose balanced grids for a community (not saved): figures beside the current plan and the edit to accept it',
        params: communityParams,
        body: ProposalRequest,
        response: { 200: Proposal, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const { code } = req.params
      if (!(await repo.getCommunityRow(app.db, code))) throw notFound('community', code)
      return proposal(app.db, { community: code }, req.body.mode, req.body.seed, req.body.fresh)
    },
  )

  app.post(
    '/streets/:code/proposals',
    {
      config: { permission: 'analysis.run' },
      schema: {
        tags: ['grids'],
        summary: 'Propose balanced grids for every community of a street (not saved)',
        params: Type.Object({ code: StreetCode }),
        body: ProposalRequest,
        response: { 200: Proposal, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const { code } = req.params
      if (!(await repo.streetExists(app.db, code))) throw notFound('street', code)
      return proposal(app.db, { street: code }, req.body.mode, req.body.seed, req.body.fresh)
    },
  )
}
