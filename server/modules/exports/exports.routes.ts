// Downloads: GET /api/exports/{layer}?format=&crs=&community=&street= — a layer (or one
// community's or street's part of it), or an analysis view (coverage gaps of a type or tier,
// equity indicators; `scenario`), as GeoJSON, CSV, XLSX, a zipped Shapefile, GeoPackage or FlatGeobuf, in the
// chosen coordinate system, with its provenance inside the file (what, when, which revision,
// which CRS) and in a header.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, ExportLayerParam, ExportQuery, SitingExportQuery, SitingResponse } from '../../../core/api'
import { exportCrs, reprojectCollection } from '../../../core/export/crs-choice'
import type { Provenance } from '../../../core/export/provenance'
import { sitingCollection, sitingFilter } from '../../../core/export/siting'
import { EXPORT_EXTENSION, EXPORT_MEDIA, writeCollection } from '../../../core/export/write-format'
import { requireDetailFor } from '../../plugins/auth'
import { badRequest } from '../../plugins/errors'
import { isAnalysisLayer } from '../coverage/analysis-layers'
import { latestRevision, layerGeoJson } from '../tiles/tiles.repository'
import { memoryGeoJson } from './exports.repository'

export const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/exports/:layer',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['exports'],
        operationId: 'exportLayer',
        summary:
          'Download a layer or an analysis view as GeoJSON, CSV, XLSX, zipped Shapefile, GeoPackage or FlatGeobuf, in WGS84, CGCS2000, EPSG:4548 or GCJ-02',
        params: Type.Object({ layer: ExportLayerParam }),
        querystring: ExportQuery,
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { layer } = req.params
      await requireDetailFor(req, layer)
      const { format, community, street, scenario, type, tier } = req.query
      const analysis = isAnalysisLayer(layer)
      if (!analysis && (scenario !== undefined || type !== undefined || tier !== undefined))
        throw badRequest(
          'BAD_REQUEST',
          `scenario, type and tier apply to coverage-gaps and equity-indicators, not ${layer}`,
        )
      const crs = exportCrs(req.query.crs ?? 'wgs84')
      const [text, revision] = await Promise.all([
        analysis
          ? app.analysis
              .rows(layer, { scenario, type, tier, community, street })
              .then((rows) => memoryGeoJson(app.db, rows))
          : layerGeoJson(app.db, layer, { community, street }),
        latestRevision(app.db),
      ])
      const fc = reprojectCollection(JSON.parse(text) as GeoJSON.FeatureCollection, crs)
      const filter: Record<string, string> = {}
      if (community) filter.community = community
      if (street) filter.street = street
      if (analysis) filter.scenario = scenario ?? 'as-is'
      if (type) filter.type = type
      if (tier) filter.tier = tier
      const exportedAt = new Date().toISOString()
      const provenance: Provenance = {
        what: layer,
        filter,
        exportedAt,
        revision,
        crs: crs.code,
        ...(crs.note ? { crsNote: crs.note } : {}),
        features: fc.features.length,
        source: 'Wangge 网格',
      }
      const stem = [layer, type ?? tier, scenario === 'with-planned' ? scenario : undefined, community ?? street]
        .concat([crs.id, `r${revision}`, exportedAt.slice(0, 10)])
        .filter(Boolean)
        .join('_')
      reply
        .header('content-disposition', `attachment; filename="${stem}.${EXPORT_EXTENSION[format]}"`)
        .header('x-wangge-provenance', encodeURIComponent(JSON.stringify(provenance)))
        .header('cache-control', 'no-store')
        .type(EXPORT_MEDIA[format])
      return reply.send(await writeCollection(fc, format, { crs, provenance, name: layer, stem }))
    },
  )

  app.post(
    '/exports/siting',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['exports'],
        operationId: 'exportSitingResult',
        summary:
          'Download a siting result (the answer of POST /api/siting/*, sent back as the body) as GeoJSON, CSV, XLSX, zipped Shapefile, GeoPackage or FlatGeobuf, with its provenance',
        querystring: SitingExportQuery,
        body: SitingResponse,
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { format } = req.query
      const crs = exportCrs(req.query.crs ?? 'wgs84')
      const result = req.body
      const fc = reprojectCollection(sitingCollection(result), crs)
      const exportedAt = new Date().toISOString()
      const revision = await latestRevision(app.db)
      const provenance: Provenance = {
        what: 'siting-result',
        filter: sitingFilter(result),
        exportedAt,
        revision,
        crs: crs.code,
        ...(crs.note ? { crsNote: crs.note } : {}),
        features: fc.features.length,
        source: 'Wangge 网格',
      }
      const stem = ['siting', result.model, result.typeCode, crs.id, `r${revision}`, exportedAt.slice(0, 10)]
        .join('_')
        .replace(/[^A-Za-z0-9_.-]/g, '_')
      req.auditNote = { action: 'export siting result', after: provenance }
      reply
        .header('content-disposition', `attachment; filename="${stem}.${EXPORT_EXTENSION[format]}"`)
        .header('x-wangge-provenance', encodeURIComponent(JSON.stringify(provenance)))
        .header('cache-control', 'no-store')
        .type(EXPORT_MEDIA[format])
      return reply.send(await writeCollection(fc, format, { crs, provenance, name: 'siting_result', stem }))
    },
  )
}
