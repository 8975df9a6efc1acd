import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Health } from '../../../core/api'
import { readWorldCounts } from './health.repository'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['system'], summary: 'Engine and loaded-world facts', response: { 200: Health } },
    },
    async () => {
      const { postgis, ...world } = await readWorldCounts(app.db)
      return { status: 'ok' as const, engine: app.engine, postgis, world }
    },
  )
}
