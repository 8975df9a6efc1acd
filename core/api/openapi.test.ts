import { describe, expect, it } from 'vitest'
import { operationIdOf, PROBLEM_MEDIA_TYPE, tidyOpenApi } from './openapi'

const problem = { title: 'Problem', type: 'object', properties: { code: { type: 'string' } } }
const fc = { type: 'object', properties: { type: { const: 'FeatureCollection' } } }

function doc(path: string, responses: Record<string, unknown>) {
  return { openapi: '3.0.3', info: {}, paths: { [path]: { get: { responses } } } } as Record<string, unknown>
}
const operation = (d: Record<string, unknown>, path: string) =>
  (d.paths as Record<string, { get: Record<string, unknown> }>)[path].get

describe('tidyOpenApi', () => {
  it('names every operation from its method and path', () => {
    expect(operationIdOf('get', '/api/communities/{code}/units')).toBe('getCommunitiesByCodeUnits')
    expect(operationIdOf('post', '/api/siting/p-median')).toBe('postSitingPMedian')
    expect(operationIdOf('get', '/api/equity/indicators.csv')).toBe('getEquityIndicatorsCsv')
  })

  it('declares GeoJSON, MVT and problems with their media types; a 4XX where none is declared', () => {
    const json = (schema: unknown) => ({ description: 'Default Response', content: { 'application/json': { schema } } })
    const d = tidyOpenApi(
      doc('/api/grids', { 200: json({ properties: { type: { enum: ['FeatureCollection'] } } }), 400: json(problem) }),
      {
        problem,
        featureCollection: fc,
      },
    )
    const grids = operation(d, '/api/grids')
    const responses = grids.responses as Record<string, { content: Record<string, unknown> }>
    expect(Object.keys(responses[200].content)).toEqual(['application/geo+json'])
    expect(responses[400].content[PROBLEM_MEDIA_TYPE]).toEqual({ schema: { $ref: '#/components/schemas/Problem' } })
    expect(grids.security).toEqual([])
    const tiles = tidyOpenApi(doc('/api/tiles/{layer}/{z}/{x}/{y}.mvt', { 200: json({}) }), {
      problem,
      featureCollection: fc,
    })
    const tileResponses = operation(tiles, '/api/tiles/{layer}/{z}/{x}/{y}.mvt').responses as Record<
      string,
      { content?: Record<string, unknown> }
    >
    expect(Object.keys(tileResponses[200].content!)).toEqual(['application/vnd.mapbox-vector-tile'])
    expect(tileResponses['4XX'].content![PROBLEM_MEDIA_TYPE]).toBeDefined()
    expect(tileResponses[204]).toBeDefined()
  })

  it('rewrites tuples, numeric exclusive bounds, const and patternProperties for OpenAPI 3.0', () => {
    const schema = {
      type: 'object',
      properties: {
        lngLat: { type: 'array', items: [{ type: 'number' }, { type: 'number' }], additionalItems: false },
        share: { type: 'number', exclusiveMinimum: 0 },
        kind: { const: 'x' },
        tags: { type: 'object', patternProperties: { '^.*$': { type: 'string' } } },
      },
    }
    const d = tidyOpenApi(doc('/api/x', { 200: { description: 'ok', content: { 'application/json': { schema } } } }), {
      problem,
      featureCollection: fc,
    })
    const p = (
      operation(d, '/api/x').responses as Record<
        string,
        { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
      >
    )[200].content['application/json'].schema.properties
    expect(p.lngLat).toEqual({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 })
    expect(p.share).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true })
    expect(p.kind).toEqual({ enum: ['x'] })
    expect(p.tags).toEqual({ type: 'object', additionalProperties: { type: 'string' } })
  })
})
