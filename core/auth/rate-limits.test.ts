import { describe, expect, it } from 'vitest'
import { DEFAULT_RATE_LIMITS, parseRateLimits, rateLimitedKind } from './rate-limits'

describe('rate limit settings', () => {
  it('takes the defaults, changes named kinds, and turns off', () => {
    expect(parseRateLimits(undefined)).toEqual(DEFAULT_RATE_LIMITS)
    const limits = parseRateLimits('siting=5/60, exports = 100/30')
    expect(limits).toEqual({
      ...DEFAULT_RATE_LIMITS,
      siting: { max: 5, windowSeconds: 60 },
      exports: { max: 100, windowSeconds: 30 },
    })
    expect(parseRateLimits('off')).toBe(false)
  })

  it('refuses an unknown kind or a malformed entry, naming it', () => {
    expect(() => parseRateLimits('solving=5/60')).toThrow(/"solving=5\/60"/)
    expect(() => parseRateLimits('siting=5')).toThrow(/kind=max\/seconds/)
    expect(() => parseRateLimits('siting=5/0')).toThrow(/siting=5\/0/)
  })

  it('marks the expensive routes and no others', () => {
    expect(rateLimitedKind('POST', '/api/siting/mclp')).toBe('siting')
    expect(rateLimitedKind('POST', '/api/streets/:code/proposals')).toBe('proposals')
    expect(rateLimitedKind('POST', '/api/imports/:id/commit')).toBe('imports')
    expect(rateLimitedKind('GET', '/api/exports/:layer')).toBe('exports')
    expect(rateLimitedKind('GET', '/api/equity/indicators.csv')).toBe('exports')
    for (const [method, url] of [
      ['GET', '/api/grids'],
      ['POST', '/api/communities/:code/edits'],
      ['GET', '/api/imports'],
      ['POST', '/api/imports/:id/rollback'],
      ['GET', '/api/coverage/summary'],
    ])
      expect(rateLimitedKind(method, url), url).toBeNull()
  })
})
