// GET /report: the printable equalization report (HTML for A4), outside /api because it is a page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { EquityScenario, ErrorBody, IndicatorCodeParam, StreetCode } from '../../../core/api'
import { scenarioResult } from '../../../core/domain/coverage-store'
import { normsFromSettings } from '../../../core/domain/settings'
import { badRequest } from '../../plugins/errors'
import { readSettings } from '../settings/settings.repository'
import { communitySvgPaths } from './equity.repository'
import { renderReport } from './equity-report'
import { comparison } from './equity-views'

/** The indicators of the report's headline table, when the types exist. */
const HEADLINE = [
  'coverage_share:tier:5min',
  'coverage_share:tier:10min',
  'coverage_share:tier:15min',
  'coverage_share:community_service_station',
  'coverage_share:village_service_station',
  'mean_nearest_m:health_centre',
  'p90_nearest_m:primary_school',
  'access_2sfca:kindergarten',
  'floor_area_m2_per_100_households',
  'workers_per_10k_residents',
  'grids_in_band_share',
]

export const ReportQuery = Type.Object(
  {
    indicator: Type.Optional(IndicatorCodeParam),
    street: Type.Optional(StreetCode),
    scenario: Type.Optional(EquityScenario),
  },
  { additionalProperties: false },
)

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/report',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['equity'],
        summary: 'Printable equalization report (HTML, A4): headline table, charts, map, lowest-rated communities',
        querystring: ReportQuery,
        response: { 200: Type.String({ description: 'text/html' }), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const scenario = req.query.scenario ?? 'as-is'
      const streetCode = req.query.street ?? null
      const streetName = streetCode === null ? null : (await app.equity.streetNames()).get(streetCode)
      if (streetCode !== null && streetName === undefined)
        throw badRequest('UNKNOWN_STREET', `unknown street "${streetCode}" (see /api/streets)`)
      const { model, result } = await app.equity.result(scenario)
      const asIs = scenarioResult(model, 'as-is')
      const planned = scenarioResult(model, 'with-planned')
      const catalogue = new Map(model.catalogue.map((i) => [i.code, i]))
      const code = req.query.indicator ?? 'coverage_share:tier:5min'
      const info = catalogue.get(code)
      if (!info) throw badRequest('UNKNOWN_INDICATOR', `unknown indicator "${code}" (see /api/equity/indicators)`)
      const cmp = comparison(result, info, streetCode)
      if (!cmp) throw badRequest('NO_VALUES', `no community has a value for "${code}"`)
      const headline = HEADLINE.flatMap((c) => {
        const i = catalogue.get(c)
        const a = i && comparison(asIs, i, streetCode)
        const p = i && comparison(planned, i, streetCode)
        return i && a && p ? [{ info: i, asIs: a, planned: p }] : []
      })
      const { paths, extent } = await communitySvgPaths(app.db, streetCode)
      const html = renderReport({
        title: '城乡基本公共服务均等化报告',
        scope: streetName ?? '滨海新区全区',
        scenario,
        generatedAt: new Date(),
        indicator: info,
        comparison: cmp,
        headline,
        rows: streetCode ? result.rows.filter((r) => r.community.streetCode === streetCode) : result.rows,
        types: model.world.types,
        map: paths,
        extent,
        norms: normsFromSettings(await readSettings(app.db)),
      })
      return reply.type('text/html; charset=utf-8').send(html)
    },
  )
}
