// Builds the fastify app (no listening here: main.ts listens, tests inject).
import { existsSync } from 'node:fs'
import fastifyHelmet from '@fastify/helmet'
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
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../core/auth/rate-limits'
import type { DatabaseHandle, EngineKind } from './db/engine'
import type { Database } from './db/schema'
import { authRoutes, kioskEntryRoutes } from './modules/auth/auth.routes'
import { usersRoutes } from './modules/auth/users.routes'
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
import { registerSnapshots } from './modules/snapshots/snapshots.service'
import { streetsRoutes } from './modules/streets/streets.routes'
import { tilesRoutes } from './modules/tiles/tiles.routes'
import { registerTiles } from './modules/tiles/tiles.service'
import { registerAuth, registerPublic, SESSION_COOKIE } from './plugins/auth'
import { registerCompression, registerRanges } from './plugins/compression'
import { frameworkErrors, registerErrorHandler } from './plugins/errors'
import { registerEvents } from './plugins/events'
import { registerCors, registerHttpCache } from './plugins/http-cache'
import { registerKioskScope } from './plugins/kiosk-scope'
import { registerRateLimits } from './plugins/rate-limits'
import { registerReadCache } from './plugins/read-cache'
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
  /** origins of the configured basemap tiles, allowed by the Content-Security-Policy */
  basemapOrigins?: string[]
  /** behind a reverse proxy (X-Forwarded-For / -Proto): client IPs in the audit log, Secure cookies */
  trustProxy?: boolean
  /** limits on the expensive routes (WANGGE_RATE_LIMITS); false: none. Default DEFAULT_RATE_LIMITS */
  rateLimits?: RateLimits | false
}

export const DEFAULT_WEB_ROOT = new URL('../web/dist/', import.meta.url).pathname

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    frameworkErrors,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('db', options.database.db)
  app.decorate('engine', options.database.kind)
  registerErrorHandler(app)
  registerValidationPolicy(app)
  // before any route: every route declares its permission (ADR 16)
  registerAuth(app)
  registerKioskScope(app)
  await registerRateLimits(app, options.rateLimits ?? DEFAULT_RATE_LIMITS)
  await registerSecurityHeaders(app, options.basemapOrigins ?? [])
  registerEvents(app)
  // after the kiosk scope, before compression (it keeps the bodies as serialized)
  registerReadCache(app)
  await registerCompression(app)
  registerRanges(app)
  registerHttpCache(app)
  registerCors(app, options.corsOrigins ?? [])
  registerCoverage(app)
  registerEquityService(app)
  registerSnapshots(app)
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
        { name: 'auth', description: 'accounts, sessions, kiosk links, audit log' },
      ],
      components: {
        securitySchemes: {
          [SESSION_SCHEME]: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    // a route's permission (config.permission): whether a session or token is needed, and which
    // permission (x-permission)
    transform: ({ schema, url, route }) => {
      const permission = (route.config as { permission?: string } | undefined)?.permission
      const security: Record<string, string[]>[] =
        permission === undefined || permission === 'public' ? [] : [{ [SESSION_SCHEME]: [] }, { token: [] }]
      return { schema: { ...schema, security, 'x-permission': permission } as typeof schema, url }
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
  await registerPublic(app, async (scope) => {
    await scope.register(fastifySwaggerUi, { routePrefix: '/docs' })
  })
  await app.register(kioskEntryRoutes)
  await app.register(reportRoutes)
  await app.register(gridSheetRoutes)
  await app.register(ogcRoutes)
  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger())

  await app.register(
    async (api) => {
      await api.register(healthRoutes)
      await api.register(authRoutes)
      await api.register(usersRoutes)
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
    await registerPublic(app, async (scope) => {
      await scope.register(fastifyStatic, { root: webRoot })
      // client-side routes (/wall, /edit/…) get the app shell; pages, not API operations: kept out
      // of the OpenAPI document (which lists them only when a web build happens to exist)
      for (const page of ['/wall', '/equity', '/import', '/sign-in', '/users'])
        scope.get(page, { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'))
    })
  }
  return app
}

/**
 * Security headers (helmet): a CSP that allows only our own origin and the configured basemap,
 * no framing, nosniff, a strict referrer policy.
 */
async function registerSecurityHeaders(app: FastifyInstance, basemapOrigins: string[]) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MapLibre and React set element styles
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigins],
        connectSrc: ["'self'", ...basemapOrigins],
        // MapLibre runs its workers from blob: URLs
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  })
}
