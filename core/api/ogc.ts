// OGC API – Features (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0; Part 2 CRS by reference): the
// collections Wangge serves, the conformance classes it declares, the query parameters, and the
// pure helpers the routes use (paging links, bbox and CRS reading, axis order).
import { type Static, Type } from 'typebox'
import { crsInfo, crsTransform, parseCrs } from '../geo/crs'

export const OGC_MAX_LIMIT = 10_000
export const OGC_DEFAULT_LIMIT = 1000

const CONF = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf'
export const CONFORMANCE_CLASSES = [
  `${CONF}/core`,
  `${CONF}/geojson`,
  `${CONF}/html`,
  `${CONF}/oas30`,
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
]

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'

/** The CRSs every collection can be served in (Part 2), by URI; CRS84 first, the default. */
export const OGC_CRS = [
  CRS84,
  'http://www.opengis.net/def/crs/EPSG/0/4326',
  'http://www.opengis.net/def/crs/EPSG/0/4490',
  'http://www.opengis.net/def/crs/EPSG/0/4548',
  'http://www.opengis.net/def/crs/EPSG/0/3857',
]

export interface OgcCrs {
  uri: string
  srid: number
  /** the CRS's own first axis is north (latitude or northing): coordinates are served flipped */
  northFirst: boolean
  /** grid the served coordinates are reduced to, in the CRS's units */
  gridSize: number
  decimals: number
}

/** Reads a `crs` / `bbox-crs` value; only the CRSs of OGC_CRS are served, anything else is null. */
export function ogcCrs(text: string | undefined): OgcCrs | null {
  if (text === undefined || text === CRS84)
    return { uri: CRS84, srid: 4326, northFirst: false, gridSize: 1e-6, decimals: 6 }
  if (text.toLowerCase().includes('crs84')) return ogcCrs(undefined)
  let code: string
  try {
    code = parseCrs(text).code
  } catch {
    return null
  }
  const uri = crsInfo(code).uri
  if (!uri || !OGC_CRS.includes(uri)) return null
  const srid = Number(code.slice(5))
  const metric = srid === 4548 || srid === 3857
  // EPSG:4326 and 4490 are latitude first; EPSG:4548 is northing (X) first; EPSG:3857 easting first
  return { uri, srid, northFirst: srid !== 3857, gridSize: metric ? 0.01 : 1e-6, decimals: metric ? 2 : 6 }
}

/**
 * A box in a served CRS (easting first) as a lng/lat box that surely holds it: its edges sampled,
 * widened by 0.001° (for pre-filtering in memory; PostGIS decides exactly).
 */
export function bboxInWgs84(bbox: [number, number, number, number], srid: number): [number, number, number, number] {
  const { toWgs84 } = crsTransform(`EPSG:${srid}`)
  const out: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let i = 0; i <= 8; i++)
    for (const [x, y] of [
      [bbox[0] + ((bbox[2] - bbox[0]) * i) / 8, bbox[1]],
      [bbox[0] + ((bbox[2] - bbox[0]) * i) / 8, bbox[3]],
      [bbox[0], bbox[1] + ((bbox[3] - bbox[1]) * i) / 8],
      [bbox[2], bbox[1] + ((bbox[3] - bbox[1]) * i) / 8],
    ]) {
      const [lng, lat] = toWgs84([x, y])
      out[0] = Math.min(out[0], lng)
      out[1] = Math.min(out[1], lat)
      out[2] = Math.max(out[2], lng)
      out[3] = Math.max(out[3], lat)
    }
  return [out[0] - 1e-3, out[1] - 1e-3, out[2] + 1e-3, out[3] + 1e-3]
}

/** A bbox parameter: 4 numbers (2D) or 6 (3D, heights ignored), in the bbox CRS's axis order. */
export function parseOgcBbox(
  text: string,
  crs: OgcCrs,
): { bbox: [number, number, number, number] } | { error: string } {
  const parts = text.split(',')
  if (parts.length !== 4 && parts.length !== 6)
    return { error: `bbox must be 4 or 6 comma-separated numbers, got "${text}"` }
  const n = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if (n.some((v) => !Number.isFinite(v))) return { error: `bbox has a value that is not a number: "${text}"` }
  const [a, b, c, d] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]]
  // in the CRS's axis order; returned as [minX(east), minY(north), maxX, maxY]
  const [minX, minY, maxX, maxY] = crs.northFirst ? [b, a, d, c] : [a, b, c, d]
  if (crs.srid === 4326 || crs.srid === 4490) {
    if (minY < -90 || maxY > 90) return { error: `bbox latitude out of [-90, 90]: "${text}"` }
    if (minX < -180 || maxX > 180) return { error: `bbox longitude out of [-180, 180]: "${text}"` }
  }
  if (minY > maxY) return { error: `bbox lower corner is above the upper corner: "${text}"` }
  // minX > maxX is a bbox across the antimeridian, which no Wangge feature is in: it matches nothing
  return { bbox: [minX, minY, maxX, maxY] }
}

/** A datetime parameter (RFC 3339 instant or interval); Wangge filters grids by one instant. */
export function parseOgcDatetime(text: string): { at: string } | { error: string } {
  if (text.includes('/'))
    return { error: `datetime intervals are not supported here: give one instant (as-of date), got "${text}"` }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text)
  const ms = Date.parse(dateOnly ? `${text}T23:59:59.999Z` : text)
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    return { error: `datetime must be an RFC 3339 date or date-time, got "${text}"` }
  return { at: new Date(ms).toISOString() }
}

export interface OgcLink {
  href: string
  rel: string
  type?: string
  title?: string
}

/** The self/alternate/next/prev links of an items page (offset paging, every other parameter kept). */
export function itemsPageLinks(
  base: string,
  query: Record<string, string | number | undefined>,
  page: { offset: number; limit: number; returned: number; matched: number },
): OgcLink[] {
  const href = (over: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...query, ...over }))
      if (v !== undefined && !(k === 'offset' && v === 0)) params.set(k, String(v))
    const qs = params.toString()
    return qs ? `${base}?${qs}` : base
  }
  const links: OgcLink[] = [
    { href: href({ f: 'json' }), rel: 'self', type: 'application/geo+json', title: 'this page' },
    { href: href({ f: 'html' }), rel: 'alternate', type: 'text/html', title: 'this page as HTML' },
  ]
  if (page.offset + page.returned < page.matched)
    links.push({
      href: href({ f: 'json', offset: page.offset + page.limit }),
      rel: 'next',
      type: 'application/geo+json',
      title: 'next page',
    })
  if (page.offset > 0)
    links.push({
      href: href({ f: 'json', offset: Math.max(0, page.offset - page.limit) }),
      rel: 'prev',
      type: 'application/geo+json',
      title: 'previous page',
    })
  return links
}

type PropType = 'string' | 'integer' | 'number' | 'boolean'

export interface OgcCollectionInfo {
  id: string
  title: string
  titleZh: string
  description: string
  geometryType: 'MultiPolygon' | 'Point'
  /** the feature id: a code (string) or a serial (integer) */
  idType: 'string' | 'integer'
  properties: Record<string, PropType>
  /** accepts `datetime` (features as of an instant) */
  temporal?: boolean
  /** read from the coverage store (ADR 11) rather than a table; accepts `scenario` */
  analysis?: boolean
  /** accepts the property filters `typeCode` and `tier` */
  typeFilter?: boolean
  /** further properties of this type, one per indicator of the catalogue (named by the data) */
  moreProperties?: PropType
}

export const OGC_COLLECTIONS: OgcCollectionInfo[] = [
  {
    id: 'streets',
    title: 'Streets and towns',
    titleZh: '街道/镇/功能区',
    description: 'Township-level units (街道, 镇, 功能区) of the district',
    geometryType: 'MultiPolygon',
    idType: 'string',
    properties: { code: 'string', name: 'string', kind: 'string', districtCode: 'string' },
  },
  {
    id: 'communities',
    title: 'Communities and villages',
    titleZh: '社区/村',
    description: 'Communities (社区) and villages (村) with their household, resident and worker totals',
    geometryType: 'MultiPolygon',
    idType: 'string',
    properties: {
      code: 'string',
      name: 'string',
      kind: 'string',
      streetCode: 'string',
      households: 'integer',
      residents: 'integer',
      workers: 'integer',
    },
  },
  {
    id: 'units',
    title: 'Units',
    titleZh: '小区/楼院/村民小组',
    description: 'Units (compounds, courtyards, village groups): the indivisible pieces grids are made of',
    geometryType: 'MultiPolygon',
    idType: 'integer',
    properties: {
      code: 'string',
      name: 'string',
      kind: 'string',
      communityCode: 'string',
      streetCode: 'string',
      households: 'integer',
      residents: 'integer',
      gridId: 'integer',
    },
  },
  {
    id: 'buildings',
    title: 'Buildings',
    titleZh: '建筑',
    description: 'Residential buildings with their floors, households and residents',
    geometryType: 'Point',
    idType: 'integer',
    properties: {
      unitId: 'integer',
      communityCode: 'string',
      streetCode: 'string',
      kind: 'string',
      floors: 'integer',
      households: 'integer',
      residents: 'integer',
    },
  },
  {
    id: 'grids',
    title: 'Grids',
    titleZh: '网格',
    description: 'Grids (网格): unions of units, current or as of an instant (datetime)',
    geometryType: 'MultiPolygon',
    idType: 'integer',
    temporal: true,
    properties: {
      code: 'string',
      name: 'string',
      communityCode: 'string',
      streetCode: 'string',
      households: 'integer',
      residents: 'integer',
      unitCount: 'integer',
      validFrom: 'string',
      validTo: 'string',
    },
  },
  {
    id: 'facilities',
    title: 'Facilities',
    titleZh: '设施',
    description: 'Public service facilities (existing, planned, retired) with their type and service radius',
    geometryType: 'Point',
    idType: 'integer',
    properties: {
      name: 'string',
      typeCode: 'string',
      typeName: 'string',
      status: 'string',
      streetCode: 'string',
      communityCode: 'string',
      floorAreaM2: 'number',
      activityAreaM2: 'number',
      capacity: 'integer',
      radiusM: 'number',
    },
  },
  {
    id: 'coverage-gaps',
    title: 'Facility coverage gaps',
    titleZh: '设施服务盲区',
    description:
      'One feature per building with households that a facility type does not reach within its service radius, for every type (typeCode, tier); filter with typeCode= or tier=, scenario=with-planned counts planned facilities',
    geometryType: 'Point',
    idType: 'string',
    analysis: true,
    typeFilter: true,
    properties: {
      buildingId: 'integer',
      typeCode: 'string',
      typeName: 'string',
      tier: 'string',
      scenario: 'string',
      households: 'integer',
      residents: 'integer',
      nearestM: 'integer',
      communityCode: 'string',
      streetCode: 'string',
      unitId: 'integer',
      gridId: 'integer',
    },
  },
  {
    id: 'equity-indicators',
    title: 'Community equity indicators',
    titleZh: '社区均等化指标',
    description:
      'One feature per community with its equalization indicators (coverage shares, distances, floor area, staffing, grids in band) and star rating; scenario=with-planned counts planned facilities',
    geometryType: 'MultiPolygon',
    idType: 'string',
    analysis: true,
    moreProperties: 'number',
    properties: {
      code: 'string',
      name: 'string',
      streetCode: 'string',
      streetName: 'string',
      kind: 'string',
      scenario: 'string',
      households: 'integer',
      residents: 'integer',
      workers: 'integer',
      gridCount: 'integer',
      stars: 'integer',
      score: 'number',
    },
  },
]

export const ogcCollection = (id: string) => OGC_COLLECTIONS.find((c) => c.id === id)

export const OgcFormat = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('html')], { description: 'response format (default: by Accept)' }),
)

export const OgcItemsQuery = Type.Object(
  {
    f: OgcFormat,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: OGC_MAX_LIMIT,
        default: OGC_DEFAULT_LIMIT,
        description: `features per page, at most ${OGC_MAX_LIMIT}; follow the next link for the rest`,
      }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, default: 0, description: 'features to skip (the next link sets it)' }),
    ),
    bbox: Type.Optional(
      Type.String({
        description: 'minX,minY,maxX,maxY in bbox-crs axis order (CRS84: lng,lat)',
        examples: ['117.6,38.9,117.8,39.1'],
      }),
    ),
    'bbox-crs': Type.Optional(
      Type.String({ description: 'CRS of bbox, one of the collection crs list (default CRS84)' }),
    ),
    crs: Type.Optional(
      Type.String({ description: 'CRS of the response, one of the collection crs list (default CRS84)' }),
    ),
    datetime: Type.Optional(Type.String({ description: 'grids only: the grids as of this RFC 3339 instant or date' })),
    scenario: Type.Optional(
      Type.Union([Type.Literal('as-is'), Type.Literal('with-planned')], {
        description: 'coverage-gaps and equity-indicators: as-is (default) or with the planned facilities',
      }),
    ),
    typeCode: Type.Optional(
      Type.String({ description: 'coverage-gaps only: the features of one facility type (a property filter)' }),
    ),
    tier: Type.Optional(
      Type.String({ description: 'coverage-gaps only: the features of the types of one life-circle tier' }),
    ),
  },
  { additionalProperties: false },
)
export type OgcItemsQuery = Static<typeof OgcItemsQuery>

export const OgcItemQuery = Type.Object(
  {
    f: OgcFormat,
    crs: Type.Optional(Type.String({ description: 'CRS of the response (default CRS84)' })),
    scenario: OgcItemsQuery.properties.scenario,
  },
  { additionalProperties: false },
)

export const OgcFormatQuery = Type.Object({ f: OgcFormat }, { additionalProperties: false })

const OgcLinkSchema = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
})

export const OgcLandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(OgcLinkSchema),
})
export const OgcConformance = Type.Object({ conformsTo: Type.Array(Type.String()) })

const OgcCollectionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  storageCrs: Type.String(),
  extent: Type.Object({
    spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number())), crs: Type.String() }),
    temporal: Type.Optional(
      Type.Object({ interval: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null()]))), trs: Type.String() }),
    ),
  }),
  links: Type.Array(OgcLinkSchema),
})
export const OgcCollection = OgcCollectionSchema
export const OgcCollections = Type.Object({
  links: Type.Array(OgcLinkSchema),
  collections: Type.Array(OgcCollectionSchema),
})

/** The GeoJSON geometry of one collection's features, typed. */
function geometrySchema(type: OgcCollectionInfo['geometryType']) {
  const position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 })
  const coordinates =
    type === 'Point' ? position : Type.Array(Type.Array(Type.Array(position, { minItems: 4 })), { minItems: 1 })
  return Type.Object({ type: Type.Literal(type), coordinates })
}

const typeOf = { string: Type.String, integer: Type.Integer, number: Type.Number, boolean: Type.Boolean }

/** One collection's Feature, with its geometry type and typed properties. */
export function ogcFeatureSchema(c: OgcCollectionInfo) {
  const properties = Object.fromEntries(
    Object.entries(c.properties).map(([k, t]) => [k, Type.Union([typeOf[t](), Type.Null()])]),
  )
  return Type.Object(
    {
      type: Type.Literal('Feature'),
      id: c.idType === 'string' ? Type.String() : Type.Integer(),
      geometry: geometrySchema(c.geometryType),
      properties: c.moreProperties
        ? Type.Object(properties, { additionalProperties: Type.Union([typeOf[c.moreProperties](), Type.Null()]) })
        : Type.Object(properties),
      links: Type.Optional(Type.Array(OgcLinkSchema)),
    },
    { title: `${c.id} feature` },
  )
}

/** One collection's items page: a FeatureCollection with paging members and links. */
export function ogcItemsSchema(c: OgcCollectionInfo) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(ogcFeatureSchema(c)),
      links: Type.Array(OgcLinkSchema),
      numberMatched: Type.Integer(),
      numberReturned: Type.Integer(),
    },
    { title: `${c.id} items` },
  )
}

/**
 * The JSON Schema of one collection's features (the `describedby` link of a collection), which
 * clients such as GDAL read to type the fields before they see any feature.
 */
export function ogcJsonSchema(c: OgcCollectionInfo, id: string, more: string[] = []) {
  const types: [string, PropType][] = [
    ...Object.entries(c.properties),
    ...(c.moreProperties ? more.map((k) => [k, c.moreProperties] as [string, PropType]) : []),
  ]
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: id,
    title: `${c.title} ${c.titleZh}`,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: c.idType },
      geometry: { $ref: `https://geojson.org/schema/${c.geometryType}.json` },
      properties: {
        type: 'object',
        properties: Object.fromEntries(types.map(([k, t]) => [k, { type: t }])),
      },
    },
  }
}
