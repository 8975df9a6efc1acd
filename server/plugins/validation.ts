// The strict input policy (core/api/input-policy.ts, ADR 17) on every route, in one place:
// - an onRoute hook tightens each route's request schemas and, for its query and path, adds a
//   preValidation check that numbers and booleans are written plainly before ajv coerces them;
// - two ajv instances: query, path and headers are coerced from text (arrays too), a JSON body
//   never is, and neither lets NaN or ±Infinity through (strictNumbers).
import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance, preValidationHookHandler, RouteOptions } from 'fastify'
import { applyInputPolicy, checkPlainValues, plainFields } from '../../core/api/input-policy'
import { AppError } from './errors'

// ajv-formats is CommonJS: its default export arrives wrapped under ESM
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv

const shared: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strictNumbers: true,
  addUsedSchema: false,
}

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options })
  addFormats(ajv)
  return ajv
}

export function registerValidationPolicy(app: FastifyInstance) {
  const fromText = makeAjv({ coerceTypes: 'array' })
  const fromJson = makeAjv({ coerceTypes: false })
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? fromJson : fromText).compile(schema))

  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined
    if (!schema) return
    for (const part of ['body', 'querystring', 'params', 'headers']) applyInputPolicy(schema[part])
    const query = plainFields(schema.querystring)
    const path = plainFields(schema.params)
    if (query.size === 0 && path.size === 0) return
    const check: preValidationHookHandler = (request, _reply, done) => {
      const problem = checkPlainValues('path', path, request.params) ?? checkPlainValues('query', query, request.query)
      done(problem ? new AppError('BAD_REQUEST', problem) : undefined)
    }
    const existing = route.preValidation
    route.preValidation = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check]
  })
}
