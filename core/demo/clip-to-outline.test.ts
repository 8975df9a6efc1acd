import { describe, expect, it } from 'vitest'
import { clipToOutline, convexInsideOutline } from './clip-to-outline'
import type { XY } from './local-plane'
import { partsAreaM2 } from './planar-polygon'

// a U-shaped outline: 30×30 with a 10×20 notch cut from the top middle
const outline = {
  ring: [
    [0, 0],
    [30, 0],
    [30, 30],
    [20, 30],
    [20, 10],
    [10, 10],
    [10, 30],
    [0, 30],
    [0, 0],
  ] as XY[],
}
const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
]

describe('clipToOutline', () => {
  it('keeps a cell wholly inside as it is', () => {
    expect(convexInsideOutline(rect(1, 1, 5, 5), outline)).toBe(true)
    const r = clipToOutline(rect(1, 1, 5, 5), outline)
    expect(r.inside).toBe(true)
    expect(partsAreaM2(r.parts)).toBeCloseTo(16, 9)
  })

  it('splits a cell across the notch into two parts', () => {
    const r = clipToOutline(rect(5, 15, 25, 25), outline)
    expect(r.inside).toBe(false)
    expect(r.parts).toHaveLength(2)
    expect(partsAreaM2(r.parts)).toBeCloseTo(100, 6)
  })

  it('returns no parts for a cell outside', () => {
    expect(clipToOutline(rect(12, 15, 18, 25), outline).parts).toEqual([])
  })
})
