// The vector-tile contract: the tiled layers and their TileJSON (3.0.0).
import { type Static, Type } from 'typebox'

/** The layers tiled from their tables (ST_AsMVT on a server, geojson-vt on PGlite). */
export const STORED_TILE_LAYER_NAMES = ['grids', 'communities', 'units', 'buildings', 'facilities'] as const
/** Every tiled layer: the stored ones and the coverage gaps, tiled in memory from the coverage store. */
export const TILE_LAYER_NAMES = [...STORED_TILE_LAYER_NAMES, 'coverage-gaps'] as const
export type TileLayerName = (typeof TILE_LAYER_NAMES)[number]

/** The subject of coverage-gap tiles: one facility type or a tier's types, in a scenario. */
export const GapTileQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ description: 'coverage-gaps only: one facility type' })),
    tier: Type.Optional(Type.String({ description: 'coverage-gaps only: the types of one life-circle tier' })),
    scenario: Type.Optional(
      Type.Union([Type.Literal('as-is'), Type.Literal('with-planned')], {
        description: 'coverage-gaps only: as-is (default) or with the planned facilities',
      }),
    ),
  },
  { additionalProperties: false },
)
export type GapTileQuery = Static<typeof GapTileQuery>

/** The tile URL template of a layer (coverage gaps: of a type or tier, in a scenario). */
export function tileUrlTemplate(layer: TileLayerName, gaps: GapTileQuery = {}): string {
  const q = new URLSearchParams()
  if (gaps.type) q.set('type', gaps.type)
  else if (gaps.tier) q.set('tier', gaps.tier)
  if (gaps.scenario && gaps.scenario !== 'as-is') q.set('scenario', gaps.scenario)
  const qs = q.toString()
  return `/api/tiles/${layer}/{z}/{x}/{y}.mvt${qs ? `?${qs}` : ''}`
}

export const TileLayerParam = Type.Union(
  TILE_LAYER_NAMES.map((name) => Type.Literal(name)),
  { description: 'a tiled layer' },
)

export const TileJson = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  description: Type.Optional(Type.String()),
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
