import { describe, expect, it } from 'vitest'
import { snapshotDay, snapshotScope, trendOf } from './indicator-snapshots'

describe('daily indicator snapshots', () => {
  it('keys a moment by its day in Asia/Shanghai, not UTC', () => {
    // 23:30 UTC is already the next morning in Tianjin
    expect(snapshotDay(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30')
    expect(snapshotDay(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30')
    expect(snapshotDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01')
    expect(snapshotScope(null)).toBe('district')
    expect(snapshotScope('120116001')).toBe('120116001')
  })

  it('gives a trend since the first snapshot, flat within rounding, none without a figure', () => {
    expect(trendOf(0.75, 0.7)).toEqual({ delta: expect.closeTo(0.05, 12), direction: 'up' })
    expect(trendOf(160, 164)).toEqual({ delta: -4, direction: 'down' })
    expect(trendOf(0.3 + 1e-12, 0.3)).toEqual({ delta: 0, direction: 'flat' })
    expect(trendOf(5, undefined)).toBeNull()
  })
})
