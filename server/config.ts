// Process configuration from the environment, checked once at start.
import { parseRateLimits, type RateLimits } from '../core/auth/rate-limits'
import { DEMO_REGIONS, type DemoRegion } from '../core/demo/types'

export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  /** the schema owner's URL (DATABASE_OWNER_URL): migrations run as it, the server as DATABASE_URL */
  databaseOwnerUrl: string | undefined
  /** WANGGE_ADMIN_PASSWORD: the first administrator's password for a real deployment (WANGGE_DEMO=off) */
  adminPassword: string | undefined
  /** the basemap's origin(s), allowed by the Content-Security-Policy (WANGGE_BASEMAP_ORIGINS) */
  basemapOrigins: string[]
  /** behind a reverse proxy: trust X-Forwarded-For / -Proto (WANGGE_TRUST_PROXY=on) */
  trustProxy: boolean
  dataDir: string
  /** load the generated demo world into an empty database (WANGGE_DEMO=off: start empty, for real data) */
  demo: boolean
  demoSeed: number
  demoScale: number
  /** the demo world's region (WANGGE_DEMO_REGION): binhai (default) or tianjin */
  demoRegion: DemoRegion
  logLevel: string
  /** origins allowed to read the API from a browser (CORS); none by default */
  corsOrigins: string[]
  /** limits on siting, proposals, imports and downloads (WANGGE_RATE_LIMITS="siting=20/60,…" or "off") */
  rateLimits: RateLimits | false
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, got "${env.PORT}"`)
  const demoScale = Number(env.WANGGE_DEMO_SCALE ?? 1)
  if (!(demoScale > 0 && demoScale <= 1))
    throw new Error(`WANGGE_DEMO_SCALE must be in (0, 1], got "${env.WANGGE_DEMO_SCALE}"`)
  const demoSeed = Number(env.WANGGE_DEMO_SEED ?? 20230101)
  if (!Number.isInteger(demoSeed)) throw new Error(`WANGGE_DEMO_SEED must be an integer, got "${env.WANGGE_DEMO_SEED}"`)
  const demoRegion = (env.WANGGE_DEMO_REGION || 'binhai') as DemoRegion
  if (!DEMO_REGIONS.includes(demoRegion))
    throw new Error(`WANGGE_DEMO_REGION must be one of ${DEMO_REGIONS.join(', ')}, got "${env.WANGGE_DEMO_REGION}"`)
  const demoText = (env.WANGGE_DEMO ?? 'on').trim().toLowerCase()
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(demoText))
    throw new Error(`WANGGE_DEMO must be on or off, got "${env.WANGGE_DEMO}"`)
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    adminPassword: env.WANGGE_ADMIN_PASSWORD || undefined,
    basemapOrigins: (env.WANGGE_BASEMAP_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: ['on', '1', 'true'].includes((env.WANGGE_TRUST_PROXY ?? '').trim().toLowerCase()),
    dataDir: env.WANGGE_DATA_DIR ?? 'data/pglite',
    demo: ['on', '1', 'true'].includes(demoText),
    demoSeed,
    demoScale,
    demoRegion,
    logLevel: env.LOG_LEVEL ?? 'warn',
    corsOrigins: (env.WANGGE_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimits: parseRateLimits(env.WANGGE_RATE_LIMITS),
  }
}
