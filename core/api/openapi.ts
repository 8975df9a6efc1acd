// The served OpenAPI document made right for its readers (ADR 17): `@redocly/cli lint` passes
// with no errors, every operation is named, and the real media types are declared. Pure: the app
// (server/app.ts) passes the document fastify-swagger builds through `tidyOpenApi`.
//
// - every operation gets an operationId (from its method and path when the route names none)
//   and its security: none for a public route, the session cookie otherwise;
// - answers: GeoJSON as application/geo+json, tiles as MVT, CSV as text/csv, exports in each of
//   their formats, pages as text/html; every error as application/problem+json with the one
//   Problem schema (components), and a 4XX problem on an operation that declares none;
// - JSON Schema 2020 forms OpenAPI 3.0 does not know are rewritten: tuples ([lng, lat]) as
//   arrays of fixed length, numeric exclusiveMinimum/Maximum as the boolean form, const as a
//   one-value enum, patternProperties as additionalProperties.

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'
export const SESSION_SCHEME = 'session'

const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Health and settings (the norms: household target, floor-area and staffing norms)',
  streets: 'Streets (街道/镇): the 9-digit NBS code',
  communities: 'Communities (社区/村): the 12-digit NBS code',
  grids: 'Grids (网格), their editing, history and proposals',
  facilities: 'Public-service facilities and their edits',
  coverage: 'Coverage of households by facilities within their service radius',
  siting: 'Siting (选址): where to add facilities',
  equity: 'Equity indicators per community, compared and scored',
  wall: 'The big-screen wall: headline figures and gaps',
  import: 'Imports of districts: upload, dry run, preview, commit, roll back',
  tiles: 'Mapbox Vector Tiles (MVT) and TileJSON of the heavy layers',
  exports:
    'Downloads of every layer, analysis view and siting result as GeoJSON, CSV, XLSX, zipped Shapefile, GeoPackage or FlatGeobuf',
  ogc: 'OGC API – Features',
}

const binary = { type: 'string', format: 'binary' }
const text = (description: string) => ({ type: 'string', description })

/** The media types of a route's success answer, when they are not JSON; by path. */
function successContent(path: string, schema: unknown): Json | undefined {
  if (path.endsWith('.mvt')) return { 'application/vnd.mapbox-vector-tile': { schema: binary } }
  if (path.endsWith('.csv')) return { 'text/csv': { schema: text('CSV, UTF-8 with a header row') } }
  if (path.startsWith('/api/exports/'))
    return {
      'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } },
      'text/csv': { schema: text('CSV with WKT and lng/lat columns (format=csv)') },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { ...binary, description: 'XLSX: the table and a provenance sheet (format=xlsx)' },
      },
      'application/zip': { schema: { ...binary, description: 'zipped Shapefile with .prj and .cpg (format=shp)' } },
      'application/geopackage+sqlite3': { schema: { ...binary, description: 'GeoPackage (format=gpkg)' } },
      'application/flatgeobuf': { schema: { ...binary, description: 'FlatGeobuf (format=fgb)' } },
    }
  if (path === '/report/tables')
    return {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { ...binary, description: 'XLSX: both tables and a provenance sheet (format=xlsx)' },
      },
      'text/csv': { schema: text('CSV of one table, UTF-8 with a BOM, provenance columns (format=csv)') },
    }
  if (path === '/report' || path.startsWith('/sheets/')) return { 'text/html': { schema: text('a printable page') } }
  const kind = isObject(schema) && isObject(schema.properties) ? schema.properties.type : undefined
  const values = isObject(kind) ? [kind.const, ...((kind.enum as unknown[]) ?? [])] : []
  if (values.includes('FeatureCollection') || values.includes('Feature')) return { 'application/geo+json': { schema } }
  return undefined
}

/** An operationId from the method and path: get /api/communities/{code}/units → getCommunitiesByCodeUnits. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .flatMap((s) => (s.startsWith('{') ? ['by', s.slice(1, -1)] : s.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean)
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')
}

/** Rewrites the schema forms OpenAPI 3.0 does not have, in place. */
function toOpenApi30(schema: unknown, seen = new Set<unknown>()): void {
  if (Array.isArray(schema)) {
    for (const s of schema) toOpenApi30(s, seen)
    return
  }
  if (!isObject(schema) || seen.has(schema)) return
  seen.add(schema)
  if (Array.isArray(schema.items)) {
    const items = schema.items as Json[]
    const types = [...new Set(items.map((i) => i.type))]
    const distinct = [...new Map(items.map((i) => [JSON.stringify(i), i])).values()]
    schema.items = types.length === 1 && types[0] !== undefined ? { type: types[0] } : { anyOf: distinct }
    schema.minItems ??= items.length
    if (schema.additionalItems === false) schema.maxItems ??= items.length
    delete schema.additionalItems
  }
  for (const [key, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const)
    if (typeof schema[key] === 'number') {
      schema[bound] = schema[key]
      schema[key] = true
    }
  if ('const' in schema && !isObject(schema.properties)) {
    schema.enum = [schema.const]
    delete schema.const
  }
  if (isObject(schema.patternProperties)) {
    const [first] = Object.values(schema.patternProperties)
    schema.additionalProperties ??= first ?? true
    delete schema.patternProperties
  }
  for (const value of Object.values(schema)) toOpenApi30(value, seen)
}

/** The Problem schema in every error answer becomes one reference (the document shrinks tenfold). */
function problemRef(content: Json, problem: Json): Json {
  const schema = (Object.values(content)[0] as Json | undefined)?.schema
  const same = isObject(schema) && schema.title === problem.title
  return { [PROBLEM_MEDIA_TYPE]: { schema: same ? { $ref: '#/components/schemas/Problem' } : schema } }
}

export interface TidyOptions {
  /** the Problem schema (core/api/common.ts ErrorBody) */
  problem: Json
  /** the GeoJSON FeatureCollection schema exports answer with */
  featureCollection: Json
  license?: { name: string; url?: string }
}

/** Tidies the document fastify-swagger built, in place, and returns it. */
export function tidyOpenApi(doc: Json, options: TidyOptions): Json {
  doc.servers = [{ url: '/', description: 'this server' }]
  const info = (doc.info ?? {}) as Json
  info.license ??= options.license ?? { name: 'MIT', url: 'https://opensource.org/licenses/MIT' }
  doc.info = info
  doc.tags = ((doc.tags ?? []) as Json[]).map((t) => ({
    ...t,
    description: t.description ?? TAG_DESCRIPTIONS[t.name as string] ?? String(t.name),
  }))
  const components = (doc.components ?? {}) as Json
  const schemas = (components.schemas ?? {}) as Json
  schemas.Problem = structuredClone(options.problem)
  schemas.FeatureCollection = structuredClone(options.featureCollection)
  components.schemas = schemas
  components.securitySchemes = {
    ...((components.securitySchemes as Json) ?? {}),
    [SESSION_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: 'wangge_session',
      description: 'the session cookie set at sign-in',
    },
  }
  doc.components = components

  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    if (!isObject(item)) continue
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue
      operation.operationId ??= operationIdOf(method, path)
      operation.security ??= []
      const responses = operation.responses as Json
      let has4xx = false
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response)) continue
        if (response.description === 'Default Response') response.description = describeStatus(status)
        const content = isObject(response.content) ? response.content : undefined
        if (/^[45]/.test(status)) {
          has4xx ||= status.startsWith('4')
          if (content) response.content = problemRef(content, options.problem)
          continue
        }
        if (!content || !/^2/.test(status)) continue
        const schema = (content['application/json'] as Json | undefined)?.schema
        const replaced = successContent(path, schema)
        if (replaced) response.content = replaced
      }
      if (path.endsWith('.mvt')) responses['204'] ??= { description: 'an empty tile' }
      if (!has4xx)
        responses['4XX'] = {
          description: 'a request the server refuses; the problem says why',
          content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        }
    }
  }
  toOpenApi30(doc.paths)
  toOpenApi30(doc.components)
  return doc
}

const STATUS_DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'No content',
  '304': 'Not modified (If-None-Match named the current ETag)',
  '400': 'Bad request: a parameter or the body is wrong; the problem names it',
  '404': 'Not found',
  '406': 'Not acceptable: no representation in the asked format',
  '409': 'Conflict: the data changed since it was read',
  '413': 'Payload too large',
  '415': 'Unsupported media type',
  '422': 'Unprocessable: the file or request cannot be used as it is',
}
const describeStatus = (status: string) => STATUS_DESCRIPTIONS[status] ?? `HTTP ${status}`
