// Vector tiles: GET /api/tiles/{layer}/{z}/{x}/{y}.mvt and the layer's TileJSON.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorBody, TileJson, TileLayerParam } from '../../../core/api'
import { MAX_TILE_ZOOM, tileError } from '../../../core/tiles/tile-math'
import { requireDetailFor } from '../../plugins/auth'
import { badRequest } from '../../plugins/errors'
import { layerFields } from './tiles.repository'

export const MVT = 'application/vnd.mapbox-vector-tile'

/** Tiles are revalidated on every use (cheap: a 304 by ETag), since an edit can move any of them. */
const TILE_CACHE_CONTROL = 'public, max-age=0, must-revalidate'

export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['tiles'],
        operationId: 'getTile',
        summary: 'One Mapbox Vector Tile (MVT 2.1) of a layer; ETag from the data revision, 304 on If-None-Match',
        params: Type.Object({ layer: TileLayerParam, z: Type.Integer(), x: Type.Integer(), y: Type.Integer() }),
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { layer, ...tile } = req.params
      await requireDetailFor(req, layer)
      const error = tileError(tile)
      if (error) throw badRequest('BAD_TILE', error)
      reply.header('cache-control', TILE_CACHE_CONTROL).header('vary', 'accept-encoding')
      const etag = await app.tiles.etagOf(layer, tile)
      if (req.headers['if-none-match'] === etag)
        return reply
          .header('etag', etag)
          .code(304 as 200)
          .send()
      const served = await app.tiles.tile(layer, tile)
      reply.header('etag', served.etag).type(MVT)
      if (served.body.byteLength === 0) return reply.code(204 as 200).send()
      return reply.send(Buffer.from(served.body.buffer, served.body.byteOffset, served.body.byteLength))
    },
  )

  app.get(
    '/tiles/:layer/tilejson.json',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['tiles'],
        operationId: 'getTileJson',
        summary: 'TileJSON 3.0.0 of a tiled layer (for MapLibre, QGIS and other vector-tile clients)',
        params: Type.Object({ layer: TileLayerParam }),
        response: { 200: TileJson, 400: ErrorBody },
      },
    },
    async (req) => {
      const { layer } = req.params
      await requireDetailFor(req, layer)
      const base = `${req.protocol}://${req.host}`
      return {
        tilejson: '3.0.0' as const,
        name: `wangge-${layer}`,
        version: '1.0.0',
        scheme: 'xyz' as const,
        tiles: [`${base}/api/tiles/${layer}/{z}/{x}/{y}.mvt`],
        minzoom: 0,
        maxzoom: MAX_TILE_ZOOM,
        bounds: await app.tiles.bounds(),
        vector_layers: [{ id: layer, fields: layerFields(layer), minzoom: 0, maxzoom: MAX_TILE_ZOOM }],
      }
    },
  )
}
