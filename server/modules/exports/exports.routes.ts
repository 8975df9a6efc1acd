// Downloads: GET /api/exports/{layer}?format=&crs=&community=&street= — a layer (or one
// community's or street's part of it) as GeoJSON, CSV, a zipped Shapefile or FlatGeobuf, in the
// chosen coordinate system, with its provenance (what, when, which revision, which CRS).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { serialize as toFlatGeobuf } from 'flatgeobuf/lib/mjs/geojson.js'
import { Type } from 'typebox'
import { ErrorBody, ExportLayerParam, ExportQuery } from '../../../core/api'
import { exportCrs, reprojectCollection } from '../../../core/export/crs-choice'
import { writeCsv } from '../../../core/export/csv'
import { type Provenance, provenanceText } from '../../../core/export/provenance'
import { writeShapefileZip } from '../../../core/export/shapefile'
import { requireDetailFor } from '../../plugins/auth'
import { latestRevision, layerGeoJson } from '../tiles/tiles.repository'

const MEDIA = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  shp: 'application/zip',
  fgb: 'application/flatgeobuf',
} as const
const EXTENSION = { geojson: 'geojson', csv: 'csv', shp: 'zip', fgb: 'fgb' } as const

export const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/exports/:layer',
    {
      config: { permission: 'export' },
      schema: {
        tags: ['exports'],
        operationId: 'exportLayer',
        summary:
          'Download a layer as GeoJSON, CSV, zipped Shapefile or FlatGeobuf, in WGS84, CGCS2000, EPSG:4548 or GCJ-02',
        params: Type.Object({ layer: ExportLayerParam }),
        querystring: ExportQuery,
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { layer } = req.params
      await requireDetailFor(req, layer)
      const { format, community, street } = req.query
      const crs = exportCrs(req.query.crs ?? 'wgs84')
      const [text, revision] = await Promise.all([
        layerGeoJson(app.db, layer, { community, street }),
        latestRevision(app.db),
      ])
      const fc = reprojectCollection(JSON.parse(text) as GeoJSON.FeatureCollection, crs)
      const filter: Record<string, string> = {}
      if (community) filter.community = community
      if (street) filter.street = street
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
      const stem = [layer, community ?? street, crs.id, `r${revision}`, exportedAt.slice(0, 10)]
        .filter(Boolean)
        .join('_')
      reply
        .header('content-disposition', `attachment; filename="${stem}.${EXTENSION[format]}"`)
        .header('x-wangge-provenance', encodeURIComponent(JSON.stringify(provenance)))
        .header('cache-control', 'no-store')
        .type(MEDIA[format])
      if (format === 'geojson') return reply.send(JSON.stringify({ ...fc, provenance }))
      if (format === 'csv') return reply.send(writeCsv(fc, crs))
      if (format === 'fgb') return reply.send(Buffer.from(toFlatGeobuf(fc as never, crs.epsg)))
      const zip = writeShapefileZip(fc, { name: stem, prj: crs.prj, provenance: provenanceText(provenance) })
      return reply.send(Buffer.from(zip))
    },
  )
}
