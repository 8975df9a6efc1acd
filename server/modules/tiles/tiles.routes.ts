// Vector tiles: GET /api/tiles/{layer}/{z}/{x}/{y}.mvt and the layer's TileJSON.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ErrorBody,
  GapTileQuery,
  ogcCollection,
  TileJson,
  type TileLayerName,
  TileLayerParam,
  tileUrlTemplate,
} from '../../../core/api'
import { MAX_TILE_ZOOM, tileError } from '../../../core/tiles/tile-math'
import { requireDetailFor } from '../../plugins/auth'
import { badRequest } from '../../plugins/errors'
import { layerFields } from './tiles.repository'

export const MVT = 'application/vnd.mapbox-vector-tile'

/** The subject of a gap tile; type, tier and scenario given for another layer are a 400. */
function gapQuery(layer: TileLayerName, q: GapTileQuery): GapTileQuery | undefined {
  if (layer === 'coverage-gaps') return q
  if (q.type !== undefined || q.tier !== undefined || q.scenario !== undefined)
    throw badRequest('BAD_REQUEST', `type, tier and scenario apply to the coverage-gaps tiles only, not ${layer}`)
  return undefined
}

/** The fields of the gap tiles' features (TileJSON vector_layers). */
const GAP_FIELDS = {
  id: 'Number',
  buildingId: 'Number',
  typeCode: 'String',
  tier: 'String',
  households: 'Number',
  communityCode: 'String',
  gridId: 'Number',
}

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
        querystring: GapTileQuery,
        response: { 200: Type.Any(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { layer, ...tile } = req.params
      await requireDetailFor(req, layer)
      const error = tileError(tile)
      if (error) throw badRequest('BAD_TILE', error)
      const gaps = gapQuery(layer, req.query)
      // an unknown type or tier is a 400 before any tile is made
      if (gaps) await app.analysis.rows('coverage-gaps', gaps)
      reply.header('cache-control', TILE_CACHE_CONTROL).header('vary', 'accept-encoding')
      // a conditional request is answered from the ETag alone, without encoding the tile
      const asked = req.headers['if-none-match']
      if (asked !== undefined) {
        const etag = await app.tiles.etagOf(layer, tile, gaps)
        if (asked === etag)
          return reply
            .header('etag', etag)
            .code(304 as 200)
            .send()
      }
      const served = await app.tiles.tile(layer, tile, gaps)
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
        querystring: GapTileQuery,
        response: { 200: TileJson, 400: ErrorBody },
      },
    },
    async (req) => {
      const { layer } = req.params
      await requireDetailFor(req, layer)
      const gaps = gapQuery(layer, req.query)
      if (gaps) await app.analysis.rows('coverage-gaps', gaps)
      const base = `${req.protocol}://${req.host}`
      return {
        tilejson: '3.0.0' as const,
        name: `wangge-${layer}`,
        ...(layer === 'coverage-gaps' ? { description: ogcCollection(layer)?.description } : {}),
        version: '1.0.0',
        scheme: 'xyz' as const,
        tiles: [`${base}${tileUrlTemplate(layer, gaps)}`],
        minzoom: 0,
        maxzoom: MAX_TILE_ZOOM,
        bounds: await app.tiles.bounds(),
        vector_layers: [
          {
            id: layer,
            fields: layer === 'coverage-gaps' ? GAP_FIELDS : layerFields(layer),
            minzoom: 0,
            maxzoom: MAX_TILE_ZOOM,
          },
        ],
      }
    },
  )
}
