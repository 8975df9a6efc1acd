import { describe, expect, it } from 'vitest'
import { strokeSamples } from './stroke'

describe('strokeSamples', () => {
  it('samples a long stroke at most a step apart, ending at the pointer', () => {
    const points = strokeSamples({ x: 0, y: 0 }, { x: 30, y: 40 }, 6)
    expect(points).toHaveLength(9) // 50 px / 6 px → 9 samples
    expect(points.at(-1)).toEqual({ x: 30, y: 40 })
    const gaps = points.map((p, i) => Math.hypot(p.x - (points[i - 1]?.x ?? 0), p.y - (points[i - 1]?.y ?? 0)))
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6)
  })
  it('gives the pointer itself when it has not moved', () => {
    expect(strokeSamples({ x: 5, y: 5 }, { x: 5, y: 5 }, 6)).toEqual([{ x: 5, y: 5 }])
  })
  it('rejects a step that is not a positive number', () => {
    expect(() => strokeSamples({ x: 0, y: 0 }, { x: 1, y: 1 }, 0)).toThrow('positive number of pixels, got 0')
  })
})
