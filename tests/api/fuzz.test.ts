// No input breaks it (issue 13, ADR 17): walk the served OpenAPI document and send generated bad
// values to every parameter of every route — path, query and each top-level body field, the rest
// of the request valid — plus bad lasso rings and split lines to the grid edit. Property-based
// (fast-check, fixed seed: the same requests every run): no answer is a 5xx, every refusal is a
// problem, and the database fingerprint is the same after as before.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { databaseFingerprint } from '../support/fingerprint'
import { startTestApp } from '../support/test-database'

const SEED = 20261129
const VALUES_PER_PARAMETER = 10

type Schema = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}
interface Operation {
  method: string
  path: string
  parameters: Parameter[]
  body?: Schema
}

let ctx: Awaited<ReturnType<typeof startTestApp>>
let operations: Operation[]
let street: string
let community: string
beforeAll(async () => {
  ctx = await startTestApp()
  const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json()
  operations = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []) as Parameter[],
      body: ((op.requestBody as Schema | undefined)?.content as Record<string, { schema: Schema }> | undefined)?.[
        'application/json'
      ]?.schema,
    })),
  )
  const c = (await ctx.app.inject({ method: 'GET', url: '/api/communities?limit=1' })).json().features[0].properties
  community = c.code
  street = c.streetCode ?? community.slice(0, 9)
})
afterAll(() => ctx?.close())

/** A valid value of a schema (the rest of the request, so a bad value is the only thing wrong). */
function validValue(schema: Schema | undefined, name = ''): unknown {
  if (!schema) return 'x'
  if (schema.enum) return (schema.enum as unknown[])[0]
  if (schema.default !== undefined) return schema.default
  for (const key of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(schema[key])) return validValue(schema[key][0] as Schema, name)
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(Number(schema.minimum ?? 1), 1)
    case 'boolean':
      return false
    case 'array': {
      const items = schema.items as Schema
      if (name === 'lngLat' || name === 'point') return [117.7, 39.03]
      return Array.from({ length: Number(schema.minItems ?? 0) }, () => validValue(items))
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const key of (schema.required ?? []) as string[])
        out[key] = validValue((schema.properties as Record<string, Schema>)[key], key)
      return out
    }
    default: {
      const pattern = String(schema.pattern ?? '')
      if (pattern.includes('{9}')) return street
      if (pattern.includes('{12}')) return community
      if (pattern.includes('{15}')) return `${community}001`
      return name === 'typeCode' || name === 'type' ? 'kindergarten' : 'x'
    }
  }
}

/** A valid path value by parameter name. */
function pathValue(op: Operation, p: Parameter): string {
  const v = validValue(p.schema, p.name)
  if (p.name === 'code') return op.path.startsWith('/api/streets') ? street : community
  return String(v)
}

const control = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085'))
  .map(([s, c]) => `${s}${c}${s}`)
const numericText = fc.constantFrom(
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '9999999999999999999999',
  '0x7fffffff',
  ' ',
  '1e3',
  '+1',
  '1.5e2',
  '2147483648',
  '-2147483649',
)

/** Text no parameter takes: control characters, numbers written oddly, or far too long. */
const badText = fc.oneof(control, numericText, fc.constant('x'.repeat(5000)), fc.constant('%'))
/** The type of a field and whether null is allowed (anyOf [T, null]). */
function fieldType(schema: Schema | undefined): { type: unknown; nullable: boolean; schema?: Schema } {
  const options = (schema?.anyOf ?? schema?.oneOf) as Schema[] | undefined
  if (!options) return { type: schema?.type, nullable: schema?.nullable === true, schema }
  const nonNull = options.filter((o) => o.type !== 'null' && !(o.enum as unknown[] | undefined)?.includes(null))
  const nullable = nonNull.length < options.length || schema?.nullable === true
  return nonNull.length === 1 ? { ...fieldType(nonNull[0]), nullable } : { type: 'mixed', nullable }
}

/** JSON values no field of `schema` takes: the wrong kind, or beyond its declared bounds. */
function badJson(field: Schema | undefined): fc.Arbitrary<unknown> {
  const { type, nullable, schema } = fieldType(field)
  const wrong: unknown[] = [{ $gt: 1 }, [[[]]], true]
  if (!nullable) wrong.push(null)
  if (type === 'integer' || type === 'number') {
    const out: unknown[] = [...wrong, 'Infinity', '12', '1e309']
    if (typeof schema?.maximum === 'number') out.push(schema.maximum + 1, 1e308)
    if (typeof schema?.minimum === 'number') out.push(schema.minimum - 1, -1e308)
    if (type === 'integer') out.push(0.5, 2 ** 53)
    return fc.oneof(fc.constantFrom(...out), fc.constant('Infinity'))
  }
  if (type === 'string') return fc.oneof(fc.constantFrom(...wrong, 12), control, fc.constant('x'.repeat(5000)))
  if (type === 'array')
    return fc.oneof(fc.constantFrom(...wrong.slice(0, 1), '[]', 1), fc.array(control, { minLength: 1, maxLength: 3 }))
  if (type === 'boolean') return fc.constantFrom(...wrong.slice(0, 2), 'true', 0, 1)
  return fc.oneof(fc.constantFrom('x', 12), control)
}

interface Outcome {
  requests: number
  byStatus: Map<number, number>
  failures: string[]
}

async function send(outcome: Outcome, method: string, url: string, payload?: string) {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
  })
  outcome.requests++
  outcome.byStatus.set(res.statusCode, (outcome.byStatus.get(res.statusCode) ?? 0) + 1)
  const what = `${method} ${url.slice(0, 160)} ${payload?.slice(0, 160) ?? ''} → ${res.statusCode}`
  if (res.statusCode >= 500) outcome.failures.push(`${what}: ${res.body.slice(0, 200)}`)
  else if (res.statusCode < 400 && method !== 'GET') outcome.failures.push(`${what}: a write took a bad value`)
  else if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
    outcome.failures.push(`${what}: not a problem`)
}

const encode = (v: unknown) => encodeURIComponent(String(v))

function urlOf(op: Operation, bad?: { p: Parameter; text: string }) {
  let path = op.path
  for (const p of op.parameters.filter((p) => p.in === 'path'))
    path = path.replace(`{${p.name}}`, bad?.p === p ? encode(bad.text) : encode(pathValue(op, p)))
  const query = op.parameters
    .filter((p) => p.in === 'query' && (p.required || bad?.p === p))
    .map((p) => `${p.name}=${encode(bad?.p === p ? bad.text : validValue(p.schema, p.name))}`)
  return query.length ? `${path}?${query.join('&')}` : path
}

it('no generated bad value gets a 5xx or changes anything, on every parameter of every route', async () => {
  const before = await databaseFingerprint(ctx.database)
  const outcome: Outcome = { requests: 0, byStatus: new Map(), failures: [] }
  let seed = SEED
  for (const op of operations) {
    const validBody = op.body ? validValue(op.body) : undefined
    for (const p of op.parameters.filter((p) => p.in === 'path' || p.in === 'query'))
      for (const text of fc.sample(badText, { seed: seed++, numRuns: VALUES_PER_PARAMETER }))
        await send(outcome, op.method, urlOf(op, { p, text }), op.body ? JSON.stringify(validBody) : undefined)
    if (!op.body) continue
    const fields = Object.entries((op.body.properties ?? {}) as Record<string, Schema>)
    for (const [name, schema] of fields)
      for (const value of fc.sample(badJson(schema), { seed: seed++, numRuns: VALUES_PER_PARAMETER })) {
        const body = JSON.stringify({ ...(validBody as object), [name]: value })
        await send(outcome, op.method, urlOf(op), body.replace('"Infinity"', '1e309'))
      }
    // the body itself of the wrong kind
    for (const raw of ['null', '[]', '"x"', '1e309', '{"__proto__":{"x":1}}', '{'])
      await send(outcome, op.method, urlOf(op), raw)
  }
  const after = await databaseFingerprint(ctx.database)
  const statuses = [...outcome.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
  console.log(
    `[fuzz] ${ctx.database.kind}: ${outcome.requests} requests over ${operations.length} operations: ${statuses.join(', ')}; ${outcome.failures.length} failures; database ${after === before ? 'unchanged' : 'CHANGED'}`,
  )
  expect(outcome.failures).toEqual([])
  expect(after).toBe(before)
}, 900_000)

it('no bad lasso ring or split line gets past the grid edit, and nothing changes', async () => {
  const units = (await ctx.app.inject({ method: 'GET', url: `/api/communities/${community}/units` })).json()
  const editVersion = units.community.editVersion
  const grid = units.grids[0].id
  const before = await databaseFingerprint(ctx.database)
  const outcome: Outcome = { requests: 0, byStatus: new Map(), failures: [] }
  const coordinate = fc.oneof(
    fc.double({ min: -200, max: 200, noNaN: true }),
    fc.constantFrom(117.7, 39.0, 1e308, -180, 180, 90),
  )
  const position = fc.tuple(coordinate, coordinate)
  const degenerate = fc.oneof(
    fc.array(position, { maxLength: 3 }), // too few
    fc.array(position, { minLength: 4, maxLength: 12 }), // random: unclosed, crossing or far away
    fc.constant([
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, 90],
      [-180, -90],
    ]), // the globe
    position.map((p) => [p, p, p, p]), // no area
    fc.constant([[117.7, 39.0], '117.8,39.1', [117.8, 39.0], [117.7, 39.0]]),
  )
  for (const shape of fc.sample(degenerate, { seed: SEED, numRuns: 150 })) {
    const ops = [
      { kind: 'moveUnitsInPolygon', ring: shape, toGrid: grid },
      { kind: 'splitByLine', grid, line: shape },
    ]
    for (const op of ops)
      await send(
        outcome,
        'POST',
        `/api/communities/${community}/edits`,
        JSON.stringify({ editVersion, author: 'fuzz', reason: 'fuzz', ops: [op] }),
      )
  }
  const after = await databaseFingerprint(ctx.database)
  const statuses = [...outcome.byStatus].map(([s, n]) => `${s}×${n}`)
  console.log(`[fuzz] ${ctx.database.kind}: ${outcome.requests} drawn shapes: ${statuses.join(', ')}`)
  expect(outcome.failures).toEqual([])
  expect(after).toBe(before)
}, 600_000)
