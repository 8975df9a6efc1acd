// Builds the fastify app (no listening here: main.ts listens, tests inject).
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import { ErrorBody } from '../core/api/common'
import {
  FeatureCollectionSchema,
  FeatureSchema,
  LineStringGeometry,
  MultiPolygonGeometry,
  PointGeometry,
  PolygonGeometry,
} from '../core/api/geojson'
import { SESSION_SCHEME, tidyOpenApi } from '../core/api/openapi'
import type { DatabaseHandle, EngineKind } from './db/engine'
import type { Database } from './db/schema'
import { communitiesRoutes } from './modules/communities/communities.routes'
import { registerAnalysisLayers } from './modules/coverage/analysis-layers'
import { coverageRoutes, registerCoverage } from './modules/coverage/coverage.routes'
import { walkRoutes } from './modules/coverage/walk.routes'
import { equityRoutes } from './modules/equity/equity.routes'
import { registerEquityService } from './modules/equity/equity.service'
import { reportRoutes } from './modules/equity/equity-report.routes'
import { exportsRoutes } from './modules/exports/exports.routes'
import { gridSheetRoutes } from './modules/exports/grid-sheet.routes'
import { facilitiesRoutes } from './modules/facilities/facilities.routes'
import { facilityEditingRoutes } from './modules/facilities/facility-editing.routes'
import { gridEditingRoutes } from './modules/grid-editing/grid-editing.routes'
import { gridsRoutes } from './modules/grids/grids.routes'
import { healthRoutes } from './modules/health/health.routes'
import { importRoutes } from './modules/import/import.routes'
import { ogcRoutes } from './modules/ogc/ogc.routes'
import { searchRoutes } from './modules/search/search.routes'
import { registerSearch } from './modules/search/search.service'
import { settingsRoutes } from './modules/settings/settings.routes'
import { sitingRoutes } from './modules/siting/siting.routes'
import { streetsRoutes } from './modules/streets/streets.routes'
import { tilesRoutes } from './modules/tiles/tiles.routes'
import { registerTiles } from './modules/tiles/tiles.service'
import { registerCompression, registerRanges } from './plugins/compression'
import { frameworkErrors, registerErrorHandler } from './plugins/errors'
import { registerEvents } from './plugins/events'
import { registerCors, registerHttpCache } from './plugins/http-cache'
import { registerValidationPolicy } from './plugins/validation'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    engine: EngineKind
  }
}

export interface AppOptions {
  database: DatabaseHandle
  logLevel?: string
  /** folder of the built web client; served at / when it exists */
  webRoot?: string
  /** origins allowed to read the API cross-origin (WANGGE_CORS_ORIGINS); none by default */
  corsOrigins?: string[]
}

export const DEFAULT_WEB_ROOT = new URL('../web/dist/', import.meta.url).pathname

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('db', options.database.db)
  app.decorate('engine', options.database.kind)
  registerErrorHandler(app)
  registerValidationPolicy(app)
  registerEvents(app)
  await registerCompression(app)
  registerRanges(app)
  registerHttpCache(app)
  registerCors(app, options.corsOrigins ?? [])
  registerCoverage(app)
  registerEquityService(app)
  registerAnalysisLayers(app)
  registerTiles(app)
  registerSearch(app)

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Wangge 网格 API',
        version: '0.1.0',
        description:
          'Grid-based community governance for the Binhai New Area: streets, communities, grids, facilities.',
      },
      tags: [
        { name: 'system' },
        { name: 'search' },
        { name: 'streets' },
        { name: 'communities' },
        { name: 'grids' },
        { name: 'facilities' },
        { name: 'coverage' },
        { name: 'siting' },
        { name: 'equity' },
        { name: 'wall' },
        { name: 'import' },
        { name: 'tiles' },
        { name: 'exports' },
        { name: 'ogc', description: 'OGC API – Features' },
      ],
    },
    // a route's permission (config.permission) says whether the session cookie is needed
    transform: ({ schema, url, route }) => {
      const permission = (route.config as { permission?: string } | undefined)?.permission
      const security = permission === undefined || permission === 'public' ? [] : [{ [SESSION_SCHEME]: [] }]
      return { schema: { ...schema, security } as typeof schema, url }
    },
    transformObject: (document) =>
      tidyOpenApi(structuredClone((document as { openapiObject: object }).openapiObject) as Record<string, unknown>, {
        problem: ErrorBody as unknown as Record<string, unknown>,
        featureCollection: FeatureCollectionSchema(
          FeatureSchema(
            Type.Union([PointGeometry, LineStringGeometry, PolygonGeometry, MultiPolygonGeometry]),
            Type.Record(Type.String(), Type.Unknown()),
          ),
        ) as unknown as Record<string, unknown>,
      }),
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(reportRoutes)
  await app.register(gridSheetRoutes)
  await app.register(ogcRoutes)
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(
    async (api) => {
      await api.register(healthRoutes)
      await api.register(settingsRoutes)
      await api.register(searchRoutes)
      await api.register(streetsRoutes)
      await api.register(communitiesRoutes)
      await api.register(gridsRoutes)
      await api.register(gridEditingRoutes)
      await api.register(facilitiesRoutes)
      await api.register(facilityEditingRoutes)
      await api.register(coverageRoutes)
      await api.register(walkRoutes)
      await api.register(sitingRoutes)
      await api.register(equityRoutes)
      await api.register(tilesRoutes)
      await api.register(exportsRoutes)
      await api.register(importRoutes)
    },
    { prefix: '/api' },
  )

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot })
    // client-side routes (/wall, /edit/…) get the app shell
    app.get('/wall', (_req, reply) => reply.sendFile('index.html'))
    app.get('/equity', (_req, reply) => reply.sendFile('index.html'))
    app.get('/import', (_req, reply) => reply.sendFile('index.html'))
  }
  return app
}
