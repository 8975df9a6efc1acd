import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CompareQuery,
  Comparison,
  EquityQuery,
  type EquityScenario,
  ErrorBody,
  IndicatorTable,
  Scorecard,
  ScorecardParams,
  ScorecardQuery,
  WallGaps,
  WallKpis,
  WallQuery,
} from '../../../core/api'
import { wallGaps, wallKpis } from '../../../core/domain/coverage-store'
import { badRequest, notFound } from '../../plugins/errors'
import { comparison, indicatorCsv, indicatorTable, scorecard } from './equity-views'

export const equityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A known street code and its name, or null when none was given; 400 UNKNOWN_STREET otherwise. */
  const streetOf = async (code: string | undefined) => {
    if (code === undefined) return null
    const name = (await app.equity.streetNames()).get(code)
    if (name === undefined) throw badRequest('UNKNOWN_STREET', `unknown street "${code}" (see /api/streets)`)
    return { code, name }
  }
  const scenarioOf = (s: EquityScenario | undefined): EquityScenario => s ?? 'as-is'

  app.get(
    '/equity/indicators',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['equity'],
        summary: 'Equalization indicators per community and village (城乡基本公共服务均等化)',
        querystring: EquityQuery,
        response: { 200: IndicatorTable, 400: ErrorBody },
      },
    },
    async (req) => {
      const street = await streetOf(req.query.street)
      const { model, result } = await app.equity.result(scenarioOf(req.query.scenario), req.query.method)
      return indicatorTable(model, result, street?.code ?? null)
    },
  )

  app.get(
    '/equity/indicators.csv',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['equity'],
        summary: 'The indicator table as CSV (UTF-8 with BOM, for Excel)',
        querystring: EquityQuery,
        response: { 200: Type.String({ description: 'text/csv' }), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const street = await streetOf(req.query.street)
      const scenario = scenarioOf(req.query.scenario)
      const { model, result } = await app.equity.result(scenario, req.query.method)
      const name = `wangge-equity-${street?.code ?? 'district'}-${scenario}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(indicatorCsv(model, result, street?.code ?? null))
    },
  )

  app.get(
    '/equity/compare',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['equity'],
        summary: 'Urban vs rural for one indicator: box summaries, Gini, Lorenz curve, Theil between/within',
        querystring: CompareQuery,
        response: { 200: Comparison, 400: ErrorBody },
      },
    },
    async (req) => {
      const street = await streetOf(req.query.street)
      const { model, result } = await app.equity.result(scenarioOf(req.query.scenario), req.query.method)
      const info = model.catalogue.find((i) => i.code === req.query.indicator)
      if (!info)
        throw badRequest(
          'UNKNOWN_INDICATOR',
          `unknown indicator "${req.query.indicator}" (see /api/equity/indicators → indicators[].code)`,
        )
      const cmp = comparison(result, info, street?.code ?? null)
      if (!cmp)
        throw badRequest('NO_VALUES', `no community has a value for "${info.code}" in street "${street?.code ?? ''}"`)
      return cmp
    },
  )

  app.get(
    '/equity/scorecard/:communityCode',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['equity'],
        summary: 'A community scorecard (村（社区）星级管理): stars, score and what pulls it down',
        params: ScorecardParams,
        querystring: ScorecardQuery,
        response: { 200: Scorecard, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const { model, result } = await app.equity.result(scenarioOf(req.query.scenario), req.query.method)
      const row = result.byCode.get(req.params.communityCode)
      if (!row) throw notFound('community', req.params.communityCode)
      return scorecard(model, result, row)
    },
  )

  app.get(
    '/wall/kpis',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['wall'],
        summary: 'KPI tiles and alarms for the command-centre wall (district, or one street)',
        querystring: WallQuery,
        response: { 200: WallKpis, 400: ErrorBody },
      },
    },
    async (req) => {
      const street = await streetOf(req.query.street)
      const { model, sums } = await app.equity.sums('as-is')
      // today's snapshot is written once (idempotent per day); the tiles' trends are since the first
      await app.snapshots.ensureToday()
      return { ...wallKpis(model, sums, street), trend: app.snapshots.trendOf(street?.code ?? null) }
    },
  )

  app.get(
    '/wall/gaps',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['wall'],
        summary: 'Buildings no one-window service facility reaches (coverage gaps), biggest first',
        querystring: WallQuery,
        response: { 200: WallGaps, 400: ErrorBody },
      },
    },
    async (req) => {
      const street = await streetOf(req.query.street)
      const { model, sums } = await app.equity.sums('as-is')
      return wallGaps(model, sums, street?.code ?? null)
    },
  )
}
