import { describe, expect, it } from 'vitest'
import { allocateHouseholds } from './allocate-households'
import { createRandom } from './random'

describe('allocateHouseholds', () => {
  it('hits the total with urban communities larger than villages', () => {
    const communities = [
      ...Array.from({ length: 366 }, () => ({ kind: 'urban' as const })),
      ...Array.from({ length: 139 }, () => ({ kind: 'rural' as const })),
    ]
    const h = allocateHouseholds(communities, 800000, createRandom(1))
    expect(h.reduce((s, x) => s + x, 0)).toBe(800000)
    const urbanMean = h.slice(0, 366).reduce((s, x) => s + x, 0) / 366
    const ruralMean = h.slice(366).reduce((s, x) => s + x, 0) / 139
    expect(urbanMean / ruralMean).toBeGreaterThan(3)
  })

  it('rejects a bad total', () => {
    expect(() => allocateHouseholds([], 0.5, createRandom(1))).toThrow(/0\.5/)
  })
})
