// Facility edits: add, move / edit, retire. Each is one transaction with its revision; after it
// commits the in-memory coverage is updated and every open map is told (SSE).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  ErrorBody,
  FacilityCreate,
  FacilityFeature,
  FacilityIdParams,
  FacilityPatch,
  FacilityRetire,
  FacilityRevision,
} from '../../../core/api'
import { assertStreets, authorOf, holds } from '../../plugins/auth'
import { AppError, badRequest, notFound } from '../../plugins/errors'
import {
  type FacilityValues,
  facilityFeature,
  insertFacility,
  insertRevisionWithAfter,
  listFacilityRevisions,
  lockFacility,
  placeOf,
  typeExists,
  updateFacilityRow,
} from './facility-editing.repository'

const Errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }

/** Range checks with the bad value in the message (the schema checks only the types). */
export function checkFacilityValues(v: FacilityValues): void {
  if (v.radiusM !== null && !(v.radiusM > 0 && v.radiusM <= 10_000))
    throw badRequest('BAD_RADIUS', `radiusM must be > 0 and <= 10000 metres, got ${v.radiusM}`)
  if (v.floorAreaM2 !== null && !(v.floorAreaM2 >= 0))
    throw badRequest('BAD_AREA', `floorAreaM2 must be >= 0, got ${v.floorAreaM2}`)
  if (v.activityAreaM2 !== null && !(v.activityAreaM2 >= 0))
    throw badRequest('BAD_AREA', `activityAreaM2 must be >= 0, got ${v.activityAreaM2}`)
  if (v.capacity !== null && !(v.capacity >= 0))
    throw badRequest('BAD_CAPACITY', `capacity must be >= 0, got ${v.capacity}`)
  if (v.floorAreaM2 !== null && v.activityAreaM2 !== null && v.activityAreaM2 > v.floorAreaM2)
    throw badRequest(
      'ACTIVITY_EXCEEDS_FLOOR_AREA',
      `activityAreaM2 (${v.activityAreaM2}) must not exceed floorAreaM2 (${v.floorAreaM2})`,
    )
  if (v.name.trim() === '') throw badRequest('BAD_NAME', 'name must not be blank')
}

/**
 * The routes declare `facilities.plan` (the weaker permission): a planned facility is enough for
 * it; touching an existing one needs `facilities.edit`. A street planner writes only in their
 * streets (the street before and after a move).
 */
async function authorise(req: FastifyRequest, statuses: string[], streets: string[]) {
  if (statuses.some((s) => s !== 'planned') && !(await holds(req, 'facilities.edit')))
    throw new AppError(
      'FORBIDDEN',
      'your role may add and change planned facilities only: changing an existing facility needs the permission "facilities.edit"',
      { permission: 'facilities.edit' },
    )
  await assertStreets(req, streets)
}

export const facilityEditingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // after commit: coverage in step, then everyone is told
  async function afterCommit(
    id: number,
    values: FacilityValues,
    revisionId: number,
    communityCode: string | null,
    streetCode: string,
  ) {
    await app.coverage.applyRows([{ id, ...values, lng: values.lngLat[0], lat: values.lngLat[1], communityCode }])
    app.events.publish({ kind: 'facilities', ids: [id], communityCode, streetCode, revisionId })
  }

  // inside a transaction pass it: PGlite has one connection
  async function place(values: FacilityValues, db: Parameters<typeof placeOf>[0] = app.db) {
    const where = await placeOf(db, values.lngLat)
    if (!where.inDistrict || !where.streetCode)
      throw badRequest(
        'POINT_OUTSIDE_DISTRICT',
        `point [${values.lngLat.join(', ')}] is outside the district: facilities must lie inside it`,
      )
    return { streetCode: where.streetCode, communityCode: where.communityCode }
  }

  async function checkType(code: string) {
    if (!(await typeExists(app.db, code)))
      throw badRequest('UNKNOWN_FACILITY_TYPE', `unknown facility type "${code}" (see /api/facility-types)`)
  }

  app.post(
    '/facilities',
    {
      config: { permission: 'facilities.plan' },
      schema: {
        tags: ['facilities'],
        summary: 'Add a facility (existing or planned); returns it as a GeoJSON Feature',
        body: FacilityCreate,
        response: { 201: FacilityFeature, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body
      const values: FacilityValues = {
        typeCode: b.typeCode,
        name: b.name,
        status: b.status ?? 'existing',
        lngLat: b.lngLat,
        floorAreaM2: b.floorAreaM2 ?? null,
        activityAreaM2: b.activityAreaM2 ?? null,
        capacity: b.capacity ?? null,
        radiusM: b.radiusM ?? null,
      }
      checkFacilityValues(values)
      await checkType(values.typeCode)
      const where = await place(values)
      await authorise(req, [values.status], [where.streetCode])
      const author = await authorOf(req)
      const { id, revisionId, feature } = await app.db.transaction().execute(async (trx) => {
        const id = await insertFacility(trx, values, where)
        const { revisionId, after } = await insertRevisionWithAfter(trx, {
          id,
          communityCode: where.communityCode,
          action: 'create',
          author,
          reason: b.reason ?? '',
          before: null,
        })
        return { id, revisionId, feature: after }
      })
      await afterCommit(id, values, revisionId, where.communityCode, where.streetCode)
      return reply.status(201).send(feature)
    },
  )

  app.patch(
    '/facilities/:id',
    {
      config: { permission: 'facilities.plan' },
      schema: {
        tags: ['facilities'],
        summary: 'Move or edit a facility; `version` must be the current one (409 with the current feature if not)',
        params: FacilityIdParams,
        body: FacilityPatch,
        response: { 200: FacilityFeature, ...Errors },
      },
    },
    async (req) => {
      const { id } = req.params
      const { version, author: _ignored, reason, ...changes } = req.body
      if (changes.typeCode !== undefined) await checkType(changes.typeCode)
      const author = await authorOf(req)
      const result = await app.db.transaction().execute(async (trx) => {
        const current = await lockFacility(trx, id)
        if (!current) throw notFound('facility', id)
        const before = current.feature
        if (current.version !== version)
          throw new AppError(
            'STALE_VERSION',
            `facility ${id} is at version ${current.version}, not ${version}: someone changed it; reload and retry`,
            { current: before },
          )
        if (current.values.status === 'retired')
          throw new AppError('RETIRED', `facility ${id} is retired and cannot be edited`, { current: before })
        const values: FacilityValues = { ...current.values }
        for (const [key, value] of Object.entries(changes)) {
          if (value !== undefined) (values as unknown as Record<string, unknown>)[key] = value
        }
        checkFacilityValues(values)
        const moved = changes.lngLat !== undefined
        const where = moved
          ? await place(values, trx)
          : { streetCode: current.streetCode, communityCode: current.communityCode }
        await authorise(req, [current.values.status, values.status], [current.streetCode, where.streetCode])
        req.auditNote = { before }
        await updateFacilityRow(trx, id, values, where)
        const fields = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined)
        const action = fields.length === 1 && moved ? 'move' : 'update'
        const { revisionId, after } = await insertRevisionWithAfter(trx, {
          id,
          communityCode: where.communityCode,
          action,
          author,
          reason: reason ?? '',
          before,
        })
        return { after, revisionId, where, values }
      })
      await afterCommit(id, result.values, result.revisionId, result.where.communityCode, result.where.streetCode)
      return result.after
    },
  )

  const retire = async (req: FastifyRequest, id: number, body: { version: number; reason?: string }) => {
    const author = await authorOf(req)
    const result = await app.db.transaction().execute(async (trx) => {
      const current = await lockFacility(trx, id)
      if (!current) throw notFound('facility', id)
      const before = current.feature
      if (current.version !== body.version)
        throw new AppError(
          'STALE_VERSION',
          `facility ${id} is at version ${current.version}, not ${body.version}: someone changed it; reload and retry`,
          { current: before },
        )
      if (current.values.status === 'retired')
        throw new AppError('RETIRED', `facility ${id} is already retired`, { current: before })
      const where = { streetCode: current.streetCode, communityCode: current.communityCode }
      await authorise(req, [current.values.status], [current.streetCode])
      req.auditNote = { before }
      const values: FacilityValues = { ...current.values, status: 'retired' }
      await updateFacilityRow(trx, id, values, where)
      const { revisionId, after } = await insertRevisionWithAfter(trx, {
        id,
        communityCode: current.communityCode,
        action: 'retire',
        author,
        reason: body.reason ?? '',
        before,
      })
      return { after, revisionId, where, values }
    })
    await afterCommit(id, result.values, result.revisionId, result.where.communityCode, result.where.streetCode)
    return result.after
  }

  app.post(
    '/facilities/:id/retire',
    {
      config: { permission: 'facilities.plan' },
      schema: {
        tags: ['facilities'],
        summary: "Retire a facility (status 'retired'; never deleted, history kept)",
        params: FacilityIdParams,
        body: FacilityRetire,
        response: { 200: FacilityFeature, ...Errors },
      },
    },
    async (req) => retire(req, req.params.id, req.body),
  )
  app.delete(
    '/facilities/:id',
    {
      config: { permission: 'facilities.plan' },
      schema: {
        tags: ['facilities'],
        summary: 'Same as POST /facilities/:id/retire: a facility is never hard-deleted',
        params: FacilityIdParams,
        body: FacilityRetire,
        response: { 200: FacilityFeature, ...Errors },
      },
    },
    async (req) => retire(req, req.params.id, req.body),
  )

  app.get(
    '/facilities/:id/revisions',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['facilities'],
        summary: 'The history of a facility, newest first',
        params: FacilityIdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(FacilityRevision), ...Errors },
      },
    },
    async (req) => {
      const exists = await facilityFeature(app.db, req.params.id)
      if (!exists) throw notFound('facility', req.params.id)
      return listFacilityRevisions(app.db, req.params.id, req.query.limit ?? 100)
    },
  )
}
