// Downloads: GET /api/exports/{layer}?format=&crs=&community=&street= — a layer (or one
// community's or street's part of it), or an analysis view (coverage gaps of a type or tier,
// equity indicators; `scenario`), as GeoJSON, CSV, XLSX, a zipped Shapefile, GeoPackage or FlatGeobuf, in the
// chosen coordinate system, with its provenance inside the file (what, when, which revision,
// which CRS) and in a header.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, ExportLayerParam, ExportQuery } from '../../../core/api'
import { exportCrs, reprojectCollection } from '../../../core/export/crs-choice'
import { writeCsv } from '../../../core/export/csv'
import { writeFlatGeobuf } from '../../../core/export/flatgeobuf'
import { GPKG_SRS, writeGeoPackage } from '../../../core/export/geopackage'
import { type Provenance, provenanceText } from '../../../core/export/provenance'
import { writeShapefileZip } from '../../../core/export/shapefile'
import { writeXlsx } from '../../../core/export/xlsx'
import { requireDetailFor } from '../../plugins/auth'
import { badRequest } from '../../plugins/errors'
import { isAnalysisLayer } from '../coverage/analysis-layers'
import { latestRevision, layerGeoJson } from '../tiles/tiles.repository'
import { memoryGeoJson } from './exports.repository'

const MEDIA = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  shp: 'application/zip',
  gpkg: 'application/geopackage+sqlite3',
  fgb: 'application/flatgeobuf',
} as const
const EXTENSION = { geojson: 'geojson', csv: 'csv', xlsx: 'xlsx', shp: 'zip', gpkg: 'gpkg', fgb: 'fgb' } as const

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
        .header('content-disposition', `attachment; filename="${stem}.${EXTENSION[format]}"`)
        .header('x-wangge-provenance', encodeURIComponent(JSON.stringify(provenance)))
        .header('cache-control', 'no-store')
        .type(MEDIA[format])
      if (format === 'geojson') return reply.send(JSON.stringify({ ...fc, provenance }))
      if (format === 'csv') return reply.send(writeCsv(fc, { ...crs, provenance }))
      if (format === 'xlsx') return reply.send(Buffer.from(await writeXlsx(fc, { ...crs, provenance })))
      if (format === 'fgb') {
        const bytes = writeFlatGeobuf(fc, {
          epsg: crs.epsg,
          name: layer,
          title: `Wangge 网格 ${layer}`,
          description: provenanceText(provenance),
          metadata: JSON.stringify(provenance),
        })
        return reply.send(Buffer.from(bytes))
      }
      if (format === 'gpkg') {
        const bytes = await writeGeoPackage(fc, {
          table: String(layer).replace(/-/g, '_'),
          srs: GPKG_SRS[crs.code as keyof typeof GPKG_SRS],
          title: `Wangge 网格 ${stem}`,
          provenance,
          provenanceText: provenanceText(provenance),
        })
        return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      }
      const zip = writeShapefileZip(fc, { name: stem, prj: crs.prj, provenance: provenanceText(provenance) })
      return reply.send(Buffer.from(zip))
    },
  )
}
