// The import pipeline's HTTP face (issue 9): upload → dry run → preview / problems.csv → commit →
// rollback, and the history. Thin: the work is in import.service.ts (server) and core/import (pure).
// The upload is the raw file as the request body (any content type) with ?filename=….
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import { Type } from 'typebox'
import {
  CommitRequest,
  CommitResult,
  DryRunRequest,
  DryRunResult,
  ErrorBody,
  IMPORT_MAX_UPLOAD_BYTES,
  ImportLangQuery,
  ImportList,
  ImportSummary,
  ImportUploadQuery,
  ImportUploadResult,
  IntId,
  RollbackRequest,
} from '../../../core/api'
import { langOf } from '../../../core/import/messages'
import { authorOf } from '../../plugins/auth'
import { AppError } from '../../plugins/errors'
import { GEOJSON } from '../route-helpers'
import { ImportService } from './import.service'

const Errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const IdParams = Type.Object({ id: IntId })

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new ImportService(app.db, (event) => app.events.publish(event))
  // a body over the limit is named as what it is: a file too large to import at once
  app.setErrorHandler((error: FastifyError, _req, _reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      throw new AppError(
        'FILE_TOO_LARGE',
        `the file is larger than ${IMPORT_MAX_UPLOAD_BYTES / 2 ** 20} MB: split it (by street, or one layer per file) and import the parts`,
      )
    throw error
  })
  // the upload is the file itself: every content type is read as bytes, up to the limit
  // (a declared larger body is refused before it is read, a streamed one once it passes the limit)
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_MAX_UPLOAD_BYTES }, (_req, body, done) =>
    done(null, body),
  )
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser(
    ['application/json', 'application/geo+json', 'text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_UPLOAD_BYTES },
    (req, body, done) => {
      // JSON bodies of the other routes stay JSON; only the upload takes bytes
      if (req.url.startsWith('/api/imports?') || req.url === '/api/imports') return done(null, body)
      try {
        done(null, (body as Buffer).length === 0 ? undefined : JSON.parse((body as Buffer).toString('utf8')))
      } catch (err) {
        ;(err as { statusCode?: number }).statusCode = 400
        done(err as Error, undefined)
      }
    },
  )

  app.post(
    '/imports',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary:
          'Upload one file (zipped shapefile, GeoJSON, CSV, XLSX, FlatGeobuf) as the raw body: what was found in it',
        querystring: ImportUploadQuery,
        response: { 201: ImportUploadResult, 413: ErrorBody, 415: ErrorBody, ...Errors },
      },
    },
    async (req, reply) => {
      const result = await service.upload(
        req.query.filename,
        req.body as Buffer | undefined,
        langOf(req.query.lang, req.headers['accept-language'], 'en'),
      )
      return reply.status(201).send(result)
    },
  )

  app.get(
    '/imports',
    {
      config: { permission: 'import.run' },
      schema: { tags: ['import'], summary: 'Import history, newest first', response: { 200: ImportList } },
    },
    async () => service.list(),
  )

  app.get(
    '/imports/:id',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary: "An import's status and progress (poll while validating or committing)",
        params: IdParams,
        response: { 200: ImportSummary, ...Errors },
      },
    },
    async (req) => service.summary(req.params.id),
  )

  app.post(
    '/imports/:id/dry-run',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary:
          'Validate against a target layer with a mapping, CRS and encoding: problems and figures; writes nothing',
        params: IdParams,
        querystring: ImportLangQuery,
        body: DryRunRequest,
        response: { 200: DryRunResult, ...Errors },
      },
    },
    async (req) =>
      service.dryRun(req.params.id, req.body, langOf(req.query.lang, req.headers['accept-language'], 'en')),
  )

  app.get(
    '/imports/:id/problems.csv',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary:
          "The last dry run's problems as CSV (row, key, code, severity, message, action): UTF-8 with a BOM, in Chinese unless ?lang=en",
        params: IdParams,
        querystring: ImportLangQuery,
      },
    },
    async (req, reply) => {
      const csv = service.problemsCsv(req.params.id, req.query.lang ?? 'zh')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}-problems.csv"`)
        .send(csv)
    },
  )

  app.get(
    '/imports/:id/preview',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary: "The last dry run's rows in WGS84 with status added | changed | removed | unchanged (GeoJSON)",
        params: IdParams,
      },
    },
    async (req, reply) => reply.type(GEOJSON).send(service.preview(req.params.id)),
  )

  app.post(
    '/imports/:id/commit',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary: 'Apply the last dry run in one transaction as a revision',
        params: IdParams,
        body: CommitRequest,
        response: { 200: CommitResult, ...Errors },
      },
    },
    async (req) => service.commit(req.params.id, { ...req.body, author: await authorOf(req) }),
  )

  app.post(
    '/imports/:id/rollback',
    {
      config: { permission: 'import.run' },
      schema: {
        tags: ['import'],
        summary: 'Undo a committed import exactly (one transaction, a revision)',
        params: IdParams,
        body: RollbackRequest,
        response: { 200: CommitResult, ...Errors },
      },
    },
    async (req) => service.rollback(req.params.id, { ...req.body, author: await authorOf(req) }),
  )
}
