// Find anything (找地方): GET /api/search?q= over streets, communities, grids, units and facilities.
import { type Static, Type } from 'typebox'
import { MultiPolygonGeometry, PointGeometry } from './geojson'

export const SearchKind = Type.Union([
  Type.Literal('street'),
  Type.Literal('community'),
  Type.Literal('grid'),
  Type.Literal('unit'),
  Type.Literal('facility'),
])
export type SearchKind = Static<typeof SearchKind>

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a name or part of one (紫云园), its pinyin initials (zyy) or a code (15-digit grid code)',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuery>

export const SearchHit = Type.Object({
  kind: SearchKind,
  key: Type.Union([Type.String(), Type.Integer()], {
    description: 'street / community code, grid / unit / facility id',
  }),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  context: Type.String({ description: 'where it is: its community and street' }),
  matched: Type.Union([Type.Literal('name'), Type.Literal('initials'), Type.Literal('code')]),
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  gridId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: "a unit's grid" })),
  geometry: Type.Union([MultiPolygonGeometry, PointGeometry], {
    description: 'the outline to highlight (a facility: its point)',
  }),
})
export type SearchHit = Static<typeof SearchHit>

export const SearchResult = Type.Object({ query: Type.String(), hits: Type.Array(SearchHit) })
export type SearchResult = Static<typeof SearchResult>
