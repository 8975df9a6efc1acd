// One error handler for the whole API: named codes, clear 4xx messages, no 5xx detail leaked.
// Routes throw by code; the status comes from the registry (core/api/errors.ts).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ERROR_CODES, type ErrorCode, type ErrorCodeWithStatus, isErrorCode } from '../../core/api/errors'
import { PLAIN_TEXT_PATTERN } from '../../core/api/input-policy'

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
      if (e.keyword === 'pattern' && e.params.pattern === PLAIN_TEXT_PATTERN)
        return `${context} parameter "${field || context}" must not contain control characters (NUL, ESC, DEL …)`
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

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json'

/**
 * An RFC 9457 problem: `type` names the kind (one per error code), `title` says what it means,
 * `detail` what was wrong this time, `instance` the request; today's `statusCode`, `code`,
 * `error`, `message` and `details` stay as extension members so existing clients keep working.
 */
export function problem(
  statusCode: number,
  code: string,
  detail: string,
  instance: string,
  details?: unknown,
): Record<string, unknown> {
  const title = isErrorCode(code) ? ERROR_CODES[code].description : (STATUS_TEXT[statusCode] ?? 'Error')
  const body: Record<string, unknown> = {
    type: problemType(code),
    title,
    status: statusCode,
    detail,
    instance: instance.split('?')[0],
    statusCode,
    code,
    error: STATUS_TEXT[statusCode] ?? 'Error',
    message: detail,
  }
  if (details !== undefined) body.details = details
  return body
}

/** The problem type URI of an error code: a URN, one per code of the registry (core/api/errors.ts). */
export const problemType = (code: string) => `urn:wangge:problem:${code}`

export function registerErrorHandler(app: FastifyInstance) {
  app.setSchemaErrorFormatter((errors, context) => {
    const err = new AppError('BAD_REQUEST', describeValidation(context, errors as AjvError[]))
    return err
  })
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    reply.type(PROBLEM_JSON)
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed')
      return reply
        .status(statusCode)
        .send(problem(statusCode, 'INTERNAL', 'internal error; see the server log', request.url))
    }
    const code = error instanceof AppError ? error.code : (error.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '')
    const details = error instanceof AppError ? error.details : undefined
    return reply.status(statusCode).send(problem(statusCode, code, error.message, request.url, details))
  })
  registerNotFound(app)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The page a person gets for an address that is not the app's nor the API's: Chinese first, then English. */
export function notFoundPage(path: string): string {
  const shown = escapeHtml(path.length > 200 ? `${path.slice(0, 200)}…` : path)
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>页面不存在 · Page not found — 网格 Wangge</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .25rem}</style>
</head>
<body>
<h1>页面不存在</h1>
<p>地址 <code>${shown}</code> 没有对应的页面。请返回<a href="/">地图首页</a>，或查看 <a href="/docs">API 文档</a>。</p>
<h2 lang="en">Page not found</h2>
<p lang="en">There is no page at <code>${shown}</code>. Go back to <a href="/">the map</a>, or see <a href="/docs">the API documentation</a>.</p>
</body>
</html>
`
}

/** Where a machine is the reader: unknown addresses there get a problem, elsewhere a page. */
const API_PATH = /^\/(api|ogc)(\/|$)|^\/openapi\.json$/

export function registerNotFound(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    if (API_PATH.test(path))
      return reply
        .status(404)
        .type(PROBLEM_JSON)
        .send(problem(404, 'NOT_FOUND', `no route ${request.method} ${path}`, request.url))
    return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage(path))
  })
}

/**
 * Fastify's own refusals before routing (a URL that cannot be decoded, a path parameter over
 * the length limit) answered as problems too: the `frameworkErrors` option of Fastify().
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
  const code = (error.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '')
  return reply
    .status(statusCode)
    .type(PROBLEM_JSON)
    .send(problem(statusCode, code, error.message, request.url))
}
