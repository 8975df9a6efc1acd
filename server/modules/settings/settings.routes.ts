import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody, Settings, SettingsUpdate } from '../../../core/api'
import { readSettings, writeSettings } from './settings.repository'

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['system'],
        summary: 'The standards in force (household target, tolerances, norms)',
        response: { 200: Settings },
      },
    },
    async () => readSettings(app.db),
  )

  app.put(
    '/settings',
    {
      config: { permission: 'settings.edit' },
      schema: {
        tags: ['system'],
        summary: 'Change norms (household target and tolerance, floor-area and staffing norms)',
        description:
          'Only the keys given change. A value out of range or an unknown key is refused with 400 and nothing ' +
          'changes. Every view (map, editor, wall, report) judges figures against the new norms; open maps and ' +
          'walls hear a `settings` change on /api/events.',
        body: SettingsUpdate,
        response: { 200: Settings, 400: ErrorBody },
      },
    },
    async (req) => {
      req.auditNote = { before: await readSettings(app.db) }
      await writeSettings(app.db, req.body)
      app.events.publish({ kind: 'settings' })
      return readSettings(app.db)
    },
  )
}
