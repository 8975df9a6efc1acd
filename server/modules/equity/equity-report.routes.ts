// GET /report: the printable equalization report (HTML for A4), outside /api because it is a page;
// GET /report/tables: its tables as XLSX or CSV with their provenance (linked from the page).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import { EquityScenario, ErrorBody, IndicatorCodeParam, StreetCode } from '../../../core/api'
import { scenarioResult } from '../../../core/domain/coverage-store'
import { normsFromSettings } from '../../../core/domain/settings'
import type { Provenance } from '../../../core/export/provenance'
import { writeTableCsv, writeTablesXlsx } from '../../../core/export/tables'
import { EXPORT_MEDIA } from '../../../core/export/write-format'
import { holds } from '../../plugins/auth'
import { badRequest } from '../../plugins/errors'
import { readSettings } from '../settings/settings.repository'
import { latestRevision } from '../tiles/tiles.repository'
import { communitySvgPaths } from './equity.repository'
import { type ReportInput, renderReport, reportTables } from './equity-report'
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

type ReportQuery = Static<typeof ReportQuery>

/** Everything the report shows, for the page and for its tables' downloads. */
async function reportInput(app: FastifyInstance, query: ReportQuery): Promise<ReportInput> {
  const scenario = query.scenario ?? 'as-is'
  const streetCode = query.street ?? null
  const streetName = streetCode === null ? null : (await app.equity.streetNames()).get(streetCode)
  if (streetCode !== null && streetName === undefined)
    throw badRequest('UNKNOWN_STREET', `unknown street "${streetCode}" (see /api/streets)`)
  const { model, result } = await app.equity.result(scenario)
  const asIs = scenarioResult(model, 'as-is')
  const planned = scenarioResult(model, 'with-planned')
  const catalogue = new Map(model.catalogue.map((i) => [i.code, i]))
  const code = query.indicator ?? 'coverage_share:tier:5min'
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
  return {
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
  }
}

export const ReportTablesQuery = Type.Object(
  {
    ...ReportQuery.properties,
    format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], {
      description: 'xlsx (both tables and a provenance sheet) or csv (one table, the provenance as trailing columns)',
    }),
    table: Type.Optional(
      Type.Union([Type.Literal('headline'), Type.Literal('lowest')], {
        description: 'csv: headline (主要指标, default) or lowest (every rated community, lowest score first)',
      }),
    ),
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
      const input = await reportInput(app, req.query)
      const q = (more: Record<string, string>) =>
        `/report/tables?${new URLSearchParams({ ...(req.query as Record<string, string>), ...more })}`
      const canExport = await holds(req, 'export')
      const downloads = canExport
        ? [
            { label: 'XLSX（两张表）', href: q({ format: 'xlsx' }), testId: 'report-download-xlsx' },
            {
              label: '主要指标 CSV',
              href: q({ format: 'csv', table: 'headline' }),
              testId: 'report-download-headline',
            },
            { label: '星级评分 CSV', href: q({ format: 'csv', table: 'lowest' }), testId: 'report-download-lowest' },
          ]
        : []
      return reply.type('text/html; charset=utf-8').send(renderReport({ ...input, downloads }))
    },
  )

  app.get(
    '/report/tables',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['equity'],
        operationId: 'getReportTables',
        summary: "The printable report's tables as XLSX or CSV, with their provenance",
        querystring: ReportTablesQuery,
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { format, table, ...query } = req.query
      const [input, revision] = await Promise.all([reportInput(app, query), latestRevision(app.db)])
      const tables = reportTables(input)
      const chosen = format === 'csv' ? [tables[table === 'lowest' ? 1 : 0]] : tables
      const exportedAt = input.generatedAt.toISOString()
      const filter: Record<string, string> = { indicator: input.indicator.code, scenario: input.scenario }
      if (query.street) filter.street = query.street
      const provenance: Provenance = {
        what: format === 'csv' ? `report-${table ?? 'headline'}` : 'report-tables',
        filter,
        exportedAt,
        revision,
        crs: 'none (tables)',
        features: chosen.reduce((n, t) => n + t.rows.length, 0),
        source: 'Wangge 网格',
      }
      const stem = [provenance.what, query.street, input.scenario, `r${revision}`, exportedAt.slice(0, 10)]
        .filter(Boolean)
        .join('_')
      reply
        .header('content-disposition', `attachment; filename="${stem}.${format}"`)
        .header('x-wangge-provenance', encodeURIComponent(JSON.stringify(provenance)))
        .header('cache-control', 'no-store')
        .type(EXPORT_MEDIA[format])
      if (format === 'csv') return reply.send(writeTableCsv(chosen[0], provenance))
      return reply.send(Buffer.from(await writeTablesXlsx(chosen, provenance)))
    },
  )
}
