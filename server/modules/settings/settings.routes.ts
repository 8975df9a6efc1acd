import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Settings } from '../../../core/api'
import { readSettings } from './settings.repository'

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings',
    {
      schema: {
        tags: ['system'],
        summary: 'The standards in force (household target, tolerances, norms)',
        response: { 200: Settings },
      },
    },
    async () => readSettings(app.db),
  )
}
