// The vector-tile contract: the tiled layers and their TileJSON (3.0.0).
import { type Static, Type } from 'typebox'

export const TILE_LAYER_NAMES = ['grids', 'communities', 'units', 'buildings', 'facilities'] as const
export type TileLayerName = (typeof TILE_LAYER_NAMES)[number]

export const TileLayerParam = Type.Union(
  TILE_LAYER_NAMES.map((name) => Type.Literal(name)),
  { description: 'a tiled layer' },
)

export const TileJson = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  version: Type.String(),
  scheme: Type.Literal('xyz'),
  tiles: Type.Array(Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  vector_layers: Type.Array(
    Type.Object({
      id: Type.String(),
      fields: Type.Record(Type.String(), Type.String()),
      minzoom: Type.Integer(),
      maxzoom: Type.Integer(),
    }),
  ),
})
export type TileJson = Static<typeof TileJson>
