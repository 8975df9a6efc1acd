// OGC API – Features at /ogc: landing page, conformance, collections, items, one item; JSON or
// HTML by `f` or the Accept header. One route per collection, so the OpenAPI document types each
// collection's features and names every operation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  CONFORMANCE_CLASSES,
  CRS84,
  ErrorBody,
  itemsPageLinks,
  OGC_COLLECTIONS,
  OGC_CRS,
  OGC_DEFAULT_LIMIT,
  OgcCollection,
  type OgcCollectionInfo,
  OgcCollections,
  OgcConformance,
  type OgcCrs,
  OgcFormatQuery,
  OgcItemQuery,
  OgcItemsQuery,
  OgcLandingPage,
  type OgcLink,
  ogcCollection,
  ogcCrs,
  ogcFeatureSchema,
  ogcItemsSchema,
  ogcJsonSchema,
  parseOgcBbox,
  parseOgcDatetime,
} from '../../../core/api'
import { equityIndicatorProperties } from '../../../core/domain/coverage-store'
import { requireDetailFor } from '../../plugins/auth'
import { badRequest, notFound } from '../../plugins/errors'
import { isAnalysisLayer } from '../coverage/analysis-layers'
import { firstGridDate, getItem, getMemoryItem, listItems, worldExtent } from './ogc.repository'
import { collectionHtml, collectionsHtml, conformanceHtml, itemHtml, itemsHtml, landingHtml } from './ogc-html'

const GEOJSON = 'application/geo+json; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'
const HTML = 'text/html; charset=utf-8'
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0'
const Errors = { 400: ErrorBody, 404: ErrorBody, 406: ErrorBody }

/** html when asked by `f=html`, or by an Accept header that prefers HTML to JSON (a browser). */
function wantsHtml(req: FastifyRequest<{ Querystring: { f?: string } }>): boolean {
  if (req.query.f) return req.query.f === 'html'
  const accept = req.headers.accept ?? ''
  return accept.includes('text/html') && !/json/.test(accept)
}

const rootOf = (req: FastifyRequest) => `${req.protocol}://${req.host}/ogc`

function crsOf(text: string | undefined, param: 'crs' | 'bbox-crs'): OgcCrs {
  const crs = ogcCrs(text)
  if (!crs) throw badRequest('BAD_CRS', `${param} "${text}" is not served; use one of ${OGC_CRS.join(', ')}`)
  return crs
}

async function collectionDoc(root: string, c: OgcCollectionInfo, extent: number[] | null, firstDay: string | null) {
  const base = `${root}/collections/${c.id}`
  const links: OgcLink[] = [
    { href: `${base}?f=json`, rel: 'self', type: 'application/json', title: 'this collection' },
    { href: `${base}?f=html`, rel: 'alternate', type: 'text/html', title: 'this collection as HTML' },
    { href: `${base}/items?f=json`, rel: 'items', type: 'application/geo+json', title: `${c.title} (GeoJSON)` },
    { href: `${base}/items?f=html`, rel: 'items', type: 'text/html', title: `${c.title} (HTML)` },
    { href: `${base}/schema`, rel: 'describedby', type: 'application/schema+json', title: 'the feature schema' },
  ]
  return {
    id: c.id,
    title: `${c.title} ${c.titleZh}`,
    description: c.description,
    itemType: 'feature' as const,
    crs: OGC_CRS,
    storageCrs: CRS84,
    extent: {
      spatial: { bbox: extent ? [extent] : [], crs: CRS84 },
      ...(c.temporal
        ? { temporal: { interval: [[firstDay, null]], trs: 'http://www.opengis.net/def/uri/ISO-8601/0/Gregorian' } }
        : {}),
    },
    links,
  }
}

function send(reply: FastifyReply, type: string, body: string, crs?: OgcCrs) {
  if (crs) reply.header('content-crs', `<${crs.uri}>`)
  return reply.type(type).send(body)
}

export const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ogc',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getLandingPage',
        summary: 'OGC API – Features landing page',
        querystring: OgcFormatQuery,
        response: { 200: OgcLandingPage, ...Errors },
      },
    },
    async (req, reply) => {
      const root = rootOf(req)
      const origin = root.slice(0, -'/ogc'.length)
      const doc = {
        title: 'Wangge 网格 OGC API – Features',
        description:
          'Streets, communities, units, buildings, grids and facilities of the Binhai New Area, the facility coverage gaps and the community equity indicators, as OGC API – Features collections.',
        links: [
          { href: `${root}?f=json`, rel: 'self', type: 'application/json', title: 'this document' },
          { href: `${root}?f=html`, rel: 'alternate', type: 'text/html', title: 'this document as HTML' },
          { href: `${root}/api`, rel: 'service-desc', type: OPENAPI, title: 'the API definition' },
          { href: `${origin}/docs`, rel: 'service-doc', type: 'text/html', title: 'the API documentation' },
          { href: `${root}/conformance`, rel: 'conformance', type: 'application/json', title: 'conformance classes' },
          { href: `${root}/collections`, rel: 'data', type: 'application/json', title: 'the collections' },
        ],
      }
      if (wantsHtml(req)) return send(reply, HTML, landingHtml(doc))
      return send(reply, JSON_TYPE, JSON.stringify(doc))
    },
  )

  // This API's own definition (OpenAPI 3.0): the /ogc paths of the whole document, relative to
  // the OGC root, so clients find /collections/{collectionId}/items and its limit where they look.
  app.get('/ogc/api', { config: { permission: 'read' }, schema: { hide: true } }, async (req, reply) => {
    const full = app.swagger() as { paths?: Record<string, unknown> }
    const paths = Object.fromEntries(
      Object.entries(full.paths ?? {})
        .filter(([p]) => p === '/ogc' || p.startsWith('/ogc/'))
        .map(([p, v]) => [p.slice('/ogc'.length) || '/', v]),
    )
    return send(reply, OPENAPI, JSON.stringify({ ...full, servers: [{ url: rootOf(req) }], paths }))
  })

  app.get(
    '/ogc/conformance',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getConformance',
        summary: 'The OGC API conformance classes this server implements',
        querystring: OgcFormatQuery,
        response: { 200: OgcConformance, ...Errors },
      },
    },
    async (req, reply) => {
      if (wantsHtml(req)) return send(reply, HTML, conformanceHtml(CONFORMANCE_CLASSES))
      return send(reply, JSON_TYPE, JSON.stringify({ conformsTo: CONFORMANCE_CLASSES }))
    },
  )

  app.get(
    '/ogc/collections',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getCollections',
        summary: 'The feature collections',
        querystring: OgcFormatQuery,
        response: { 200: OgcCollections, ...Errors },
      },
    },
    async (req, reply) => {
      const root = rootOf(req)
      const [extent, firstDay] = await Promise.all([worldExtent(app.db), firstGridDate(app.db)])
      const collections = await Promise.all(OGC_COLLECTIONS.map((c) => collectionDoc(root, c, extent, firstDay)))
      if (wantsHtml(req)) return send(reply, HTML, collectionsHtml(collections))
      const links = [
        { href: `${root}/collections?f=json`, rel: 'self', type: 'application/json', title: 'this document' },
        { href: `${root}/collections?f=html`, rel: 'alternate', type: 'text/html', title: 'this document as HTML' },
      ]
      return send(reply, JSON_TYPE, JSON.stringify({ links, crs: OGC_CRS, collections }))
    },
  )

  const CollectionParams = Type.Object({
    collectionId: Type.String({ description: `one of ${OGC_COLLECTIONS.map((c) => c.id).join(', ')}` }),
  })
  const ItemParams = Type.Object({ collectionId: CollectionParams.properties.collectionId, featureId: Type.String() })
  const collectionOf = (id: string) => {
    const c = ogcCollection(id)
    if (!c) throw notFound('collection', id)
    return c
  }
  const anyOf = <T>(f: (c: OgcCollectionInfo) => T) => Type.Union(OGC_COLLECTIONS.map(f) as never[])
  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getCollection',
        summary: 'One feature collection',
        params: CollectionParams,
        querystring: OgcFormatQuery,
        response: { 200: OgcCollection, ...Errors },
      },
    },
    async (req, reply) => {
      const c = collectionOf(req.params.collectionId)
      await requireDetailFor(req, c.id)
      const [extent, firstDay] = await Promise.all([worldExtent(app.db), firstGridDate(app.db)])
      const doc = await collectionDoc(rootOf(req), c, extent, firstDay)
      if (wantsHtml(req)) return send(reply, HTML, collectionHtml(doc))
      return send(reply, JSON_TYPE, JSON.stringify(doc))
    },
  )

  app.get(
    '/ogc/collections/:collectionId/schema',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getCollectionSchema',
        summary: "The JSON Schema of a collection's features",
        params: CollectionParams,
        response: {
          200: { description: 'a JSON Schema', content: { 'application/schema+json': { schema: Type.Object({}) } } },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const c = collectionOf(req.params.collectionId)
      await requireDetailFor(req, c.id)
      const id = `${rootOf(req)}/collections/${c.id}/schema`
      const more = c.moreProperties ? equityIndicatorProperties(await app.coverage.ensure()) : []
      return send(reply, 'application/schema+json; charset=utf-8', JSON.stringify(ogcJsonSchema(c, id, more)))
    },
  )

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getFeatures',
        summary: 'The features of a collection as GeoJSON, paged by next/prev links',
        params: CollectionParams,
        querystring: OgcItemsQuery,
        response: {
          200: {
            description: 'a page of features, typed per collection',
            content: {
              'application/geo+json': { schema: anyOf(ogcItemsSchema) },
              'text/html': { schema: Type.String() },
            },
          },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const c = collectionOf(req.params.collectionId)
      await requireDetailFor(req, c.id)
      const q = req.query
      const crs = crsOf(q.crs, 'crs')
      const bboxCrs = crsOf(q['bbox-crs'], 'bbox-crs')
      if (q['bbox-crs'] !== undefined && q.bbox === undefined)
        throw badRequest('BAD_BBOX', 'bbox-crs was given without a bbox')
      let bbox: [number, number, number, number] | undefined
      if (q.bbox !== undefined) {
        const parsed = parseOgcBbox(q.bbox, bboxCrs)
        if ('error' in parsed) throw badRequest('BAD_BBOX', parsed.error)
        bbox = parsed.bbox
      }
      let at: string | undefined
      if (q.datetime !== undefined && c.temporal) {
        const parsed = parseOgcDatetime(q.datetime)
        if ('error' in parsed) throw badRequest('BAD_DATETIME', parsed.error)
        at = parsed.at
      }
      if (!c.analysis && q.scenario !== undefined)
        throw badRequest('BAD_REQUEST', `scenario applies to the analysis collections only, not ${c.id}`)
      if (!c.typeFilter && (q.typeCode !== undefined || q.tier !== undefined))
        throw badRequest('BAD_REQUEST', `typeCode and tier filter the coverage-gaps collection only, not ${c.id}`)
      const memory = isAnalysisLayer(c.id)
        ? await app.analysis.rows(c.id, { scenario: q.scenario, type: q.typeCode, tier: q.tier })
        : undefined
      const limit = q.limit ?? OGC_DEFAULT_LIMIT
      const offset = q.offset ?? 0
      const page = await listItems(app.db, { collection: c.id, memory, bbox, bboxCrs, crs, at, limit, offset })
      const links = itemsPageLinks(
        `${rootOf(req)}/collections/${c.id}/items`,
        { ...q, f: undefined, limit, offset },
        { offset, limit, returned: page.returned, matched: page.matched },
      )
      links.push({
        href: `${rootOf(req)}/collections/${c.id}`,
        rel: 'collection',
        type: 'application/json',
        title: c.title,
      })
      if (wantsHtml(req))
        return send(
          reply,
          HTML,
          itemsHtml(c.title, c.id, JSON.parse(page.features), { matched: page.matched, links }),
          crs,
        )
      // no timeStamp (optional): the same data gives the same body, hence the same ETag
      const head = {
        type: 'FeatureCollection',
        numberMatched: page.matched,
        numberReturned: page.returned,
        links,
      }
      return send(reply, GEOJSON, `${JSON.stringify(head).slice(0, -1)},"features":${page.features}}`, crs)
    },
  )

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['ogc'],
        operationId: 'getFeature',
        summary: 'One feature of a collection',
        params: ItemParams,
        querystring: OgcItemQuery,
        response: {
          200: {
            description: 'one feature, typed per collection',
            content: {
              'application/geo+json': { schema: anyOf(ogcFeatureSchema) },
              'text/html': { schema: Type.String() },
            },
          },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const c = collectionOf(req.params.collectionId)
      await requireDetailFor(req, c.id)
      const crs = crsOf(req.query.crs, 'crs')
      const raw = req.params.featureId
      const id = c.idType === 'integer' ? Number(raw) : raw
      if (c.idType === 'integer' && !(Number.isInteger(id) && (id as number) > 0 && (id as number) < 2 ** 31))
        throw notFound(c.id.replace(/s$/, ''), raw)
      const text = isAnalysisLayer(c.id)
        ? await getMemoryItem(app.db, await app.analysis.rows(c.id, { scenario: req.query.scenario }), raw, crs)
        : await getItem(app.db, c.id, id, crs)
      if (text === undefined) throw notFound(c.id.replace(/s$/, ''), raw)
      const feature = JSON.parse(text)
      const base = `${rootOf(req)}/collections/${c.id}`
      feature.links = [
        { href: `${base}/items/${raw}?f=json`, rel: 'self', type: 'application/geo+json', title: 'this feature' },
        { href: `${base}/items/${raw}?f=html`, rel: 'alternate', type: 'text/html', title: 'this feature as HTML' },
        { href: `${base}?f=json`, rel: 'collection', type: 'application/json', title: c.title },
      ]
      if (wantsHtml(req)) return send(reply, HTML, itemHtml(c.title, feature), crs)
      return send(reply, GEOJSON, JSON.stringify(feature), crs)
    },
  )
}
