// The limits on expensive routes (ADR 25), pure: which routes are expensive, the defaults, and the
// WANGGE_RATE_LIMITS setting. The server applies them in server/plugins/rate-limits.ts.

/** The kinds of expensive work, each with its own limit. */
export const RATE_LIMITED = ['siting', 'proposals', 'imports', 'exports'] as const
export type RateLimitedKind = (typeof RATE_LIMITED)[number]

export interface RateLimit {
  /** requests per caller and route in the window */
  max: number
  windowSeconds: number
}
export type RateLimits = Record<RateLimitedKind, RateLimit>

export const DEFAULT_RATE_LIMITS: RateLimits = {
  siting: { max: 20, windowSeconds: 60 },
  proposals: { max: 20, windowSeconds: 60 },
  imports: { max: 30, windowSeconds: 60 },
  exports: { max: 60, windowSeconds: 60 },
}

export const KIND_NAMES: Record<RateLimitedKind, { zh: string; en: string }> = {
  siting: { zh: '选址求解', en: 'siting solves' },
  proposals: { zh: '网格方案生成', en: 'grid proposals' },
  imports: { zh: '数据导入', en: 'imports' },
  exports: { zh: '数据下载', en: 'downloads' },
}

/** Which kind of expensive work a route is, or null for the rest. */
export function rateLimitedKind(method: string, url: string): RateLimitedKind | null {
  if (method === 'POST' && url.startsWith('/api/siting/')) return 'siting'
  if (method === 'POST' && /^\/api\/(communities|streets)\/:code\/proposals$/.test(url)) return 'proposals'
  if (method === 'POST' && /^\/api\/imports(\/:id\/(dry-run|commit))?$/.test(url)) return 'imports'
  if (
    method === 'GET' &&
    (url.startsWith('/api/exports/') || url.endsWith('.csv') || url === '/api/sheets/grids' || url === '/sheets/grids')
  )
    return 'exports'
  return null
}

/**
 * "siting=20/60,exports=100/60" → the limits (max per window in seconds), over the defaults;
 * "off" turns them off. A bad entry stops the start with a message.
 */
export function parseRateLimits(text: string | undefined): RateLimits | false {
  const limits = structuredClone(DEFAULT_RATE_LIMITS)
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return limits
  if (trimmed.toLowerCase() === 'off') return false
  for (const entry of trimmed.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(entry)
    if (!m || !(RATE_LIMITED as readonly string[]).includes(m[1]) || Number(m[3]) === 0)
      throw new Error(
        `WANGGE_RATE_LIMITS: "${entry.trim()}" is not kind=max/seconds with kind one of ${RATE_LIMITED.join(', ')} (or "off")`,
      )
    limits[m[1] as RateLimitedKind] = { max: Number(m[2]), windowSeconds: Number(m[3]) }
  }
  return limits
}
