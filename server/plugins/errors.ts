// One error handler for the whole API: named codes, clear 4xx messages, no 5xx detail leaked.
import type { FastifyError, FastifyInstance } from 'fastify'

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const notFound = (what: string, id: string | number) =>
  new AppError(404, 'NOT_FOUND', `${what} ${JSON.stringify(id)} does not exist`)
export const badRequest = (code: string, message: string) => new AppError(400, code, message)

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
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setSchemaErrorFormatter((errors, context) => {
    const err = new AppError(400, 'BAD_REQUEST', describeValidation(context, errors as AjvError[]))
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
