// GeoJSON (RFC 7946) as TypeBox schemas: the geometries the API serves and a generic Feature /
// FeatureCollection, so the contract says what a feature holds instead of `any`. Their static
// types are assignable to @types/geojson's, so the web passes them to deck.gl and MapLibre as is.
// Big collections built in SQL are still sent as pre-serialized strings (ADR 3): fastify does not
// re-serialize a string, so these schemas document those responses without slowing them down.
import { type Static, type TSchema, Type } from 'typebox'

/** [lng, lat] in EPSG:4326 degrees (rounded to 6 decimals where built in PostGIS) */
export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3, description: '[lng, lat]' })

export const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position })
export const LineStringGeometry = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Position) })
export const PolygonGeometry = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(Type.Array(Position), { description: 'outer ring, then holes' }),
})
export const MultiPolygonGeometry = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Type.Array(Position))),
})
export type PointGeometry = Static<typeof PointGeometry>
export type PolygonGeometry = Static<typeof PolygonGeometry>
export type MultiPolygonGeometry = Static<typeof MultiPolygonGeometry>

export const FeatureId = Type.Union([Type.Integer(), Type.String()])

/** A GeoJSON Feature with the given geometry, properties and id schemas. */
export const FeatureSchema = <G extends TSchema, P extends TSchema, I extends TSchema = typeof FeatureId>(
  geometry: G,
  properties: P,
  id?: I,
) => Type.Object({ type: Type.Literal('Feature'), id: (id ?? FeatureId) as I, geometry, properties })

/** A GeoJSON FeatureCollection of the given feature schema. */
export const FeatureCollectionSchema = <F extends TSchema>(feature: F, options: { description?: string } = {}) =>
  Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(feature) }, options)

/** A FeatureCollection page: GeoJSON plus foreign members for paging. */
export const FeaturePageSchema = <F extends TSchema>(feature: F) =>
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(feature),
      total: Type.Integer({ description: 'features matching the filters, before limit/offset' }),
      limit: Type.Integer(),
      offset: Type.Integer(),
    },
    { description: 'GeoJSON FeatureCollection (coordinates rounded to 6 decimals) with paging members' },
  )
