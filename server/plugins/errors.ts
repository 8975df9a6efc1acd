// One error handler for the whole API: named codes, clear 4xx messages, no 5xx detail leaked.
// Routes throw by code; the status comes from the registry (core/api/errors.ts).
import type { FastifyError, FastifyInstance } from 'fastify'
import { ERROR_CODES, type ErrorCode, type ErrorCodeWithStatus } from '../../core/api/errors'

export class AppError extends Error {
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.statusCode = ERROR_CODES[code].status
  }
}

export const notFound = (what: string, id: string | number) =>
  new AppError('NOT_FOUND', `${what} ${JSON.stringify(id)} does not exist`)
export const badRequest = (code: ErrorCodeWithStatus<400>, message: string) => new AppError(code, message)

interface AjvError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Turns ajv's validation errors into one sentence that names the bad parameter and value. */
export function describeValidation(context: string, errors: AjvError[]): string {
  return errors
    .map((e) => {
      const field = e.instancePath.replace(/^\//, '').replaceAll('/', '.')
      if (e.keyword === 'additionalProperties')
        return `unknown ${context} parameter "${String(e.params.additionalProperty)}"`
      if (e.keyword === 'required') return `missing ${context} parameter "${String(e.params.missingProperty)}"`
      return `${context} parameter "${field || context}" ${e.message ?? 'is invalid'}`
    })
    .join('; ')
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setSchemaErrorFormatter((errors, context) => {
    const err = new AppError('BAD_REQUEST', describeValidation(context, errors as AjvError[]))
    return err
  })
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed')
      return reply.status(statusCode).send({
        statusCode,
        code: 'INTERNAL',
        error: STATUS_TEXT[500],
        message: 'internal error; see the server log',
      })
    }
    const code = error instanceof AppError ? error.code : (error.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '')
    const body: Record<string, unknown> = {
      statusCode,
      code,
      error: STATUS_TEXT[statusCode] ?? 'Error',
      message: error.message,
    }
    if (error instanceof AppError && error.details !== undefined) body.details = error.details
    return reply.status(statusCode).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    })
  })
}
