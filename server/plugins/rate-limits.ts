// Rate limits on the expensive routes (issue 13, ADR 25): siting solves, grid proposals, imports
// and downloads. @fastify/rate-limit counts per route and per caller — the signed-in account or
// kiosk link, else the client IP — in a window; the next request over the limit gets 429 with a
// problem (Chinese, then English) and Retry-After. Cheap reads and other callers are untouched.
// Sign-in has its own back-off (auth.routes.ts). Limits: WANGGE_RATE_LIMITS (config.ts).
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { KIND_NAMES, type RateLimitedKind, type RateLimits, rateLimitedKind } from '../../core/auth/rate-limits'
import { principalOf } from './auth'
import { AppError } from './errors'

async function callerKey(req: FastifyRequest): Promise<string> {
  const p = await principalOf(req)
  if (p?.userId != null) return `user:${p.userId}`
  if (p?.kioskLinkId != null) return `kiosk:${p.kioskLinkId}`
  return `ip:${req.ip}`
}

/** Registers the limits; call before any route is added (the limits attach in onRoute). */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits | false) {
  if (limits === false) return
  // ours runs first (hooks run in the order added): it marks the expensive routes for the plugin's
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const kind = methods.map((m) => rateLimitedKind(m, route.url)).find((k) => k !== null)
    if (!kind) return
    const { max, windowSeconds } = limits[kind]
    route.config = { ...(route.config ?? {}), rateLimit: { max, timeWindow: windowSeconds * 1000 }, rateKind: kind }
  })
  await app.register(fastifyRateLimit, {
    global: false,
    // after the auth hook: counted per account when one is signed in
    hook: 'preHandler',
    keyGenerator: callerKey,
    errorResponseBuilder: (req, context) => {
      const kind = (req.routeOptions.config as { rateKind?: RateLimitedKind }).rateKind ?? 'siting'
      const { zh, en } = KIND_NAMES[kind]
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000))
      const window = Math.round(limits[kind].windowSeconds)
      return new AppError(
        'RATE_LIMITED',
        `${zh}过于频繁：每 ${window} 秒最多 ${context.max} 次，请 ${seconds} 秒后再试。` +
          ` Too many ${en}: at most ${context.max} per ${window} s; try again in ${seconds} s.`,
        { kind, limit: context.max, windowSeconds: window, retryAfterSeconds: seconds },
      )
    },
  })
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateKind?: RateLimitedKind
  }
}
