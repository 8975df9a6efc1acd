import { describe, expect, it } from 'vitest'
import {
  boxDomain,
  boxGeometry,
  choroplethColour,
  classOf,
  linearScale,
  lorenzPath,
  niceTicks,
  quantileBreaks,
  SEQUENTIAL_5,
  theilSplit,
} from './chart-geometry'

describe('chart geometry', () => {
  it('scales linearly, and a flat domain to the middle', () => {
    const x = linearScale([0, 10], [100, 200])
    expect(x(0)).toBe(100)
    expect(x(5)).toBe(150)
    expect(x(10)).toBe(200)
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5)
    expect(() => linearScale([0, Number.NaN], [0, 1])).toThrow(/NaN/)
  })

  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0, 37)).toEqual([0, 10, 20, 30])
    expect(niceTicks(5, 5)).toEqual([5])
  })

  it('places a box plot by its five numbers', () => {
    const g = boxGeometry({ min: 0, q1: 0.25, median: 0.5, q3: 0.75, max: 1, mean: 0.4 }, linearScale([0, 1], [0, 200]))
    expect(g).toEqual({ whiskerLow: 0, q1: 50, median: 100, q3: 150, whiskerHigh: 200, mean: 80 })
    expect(boxDomain([{ min: 0.1, max: 0.9 }, null])).toEqual([0, 1])
    expect(boxDomain([null])).toEqual([0, 1])
  })

  it('draws the Lorenz curve from the bottom-left to the top-right', () => {
    expect(
      lorenzPath(
        [
          [0, 0],
          [0.5, 0.25],
          [1, 1],
        ],
        100,
        100,
      ),
    ).toBe('M0,100L50,75L100,0')
    expect(lorenzPath([], 100, 100)).toBe('')
  })

  it('splits the Theil bar by between and within parts', () => {
    const split = theilSplit(0.1, 0.3, 200)
    expect(split.between).toBeCloseTo(50, 9)
    expect(split.within).toBeCloseTo(150, 9)
    expect(theilSplit(0, 0, 200)).toEqual({ between: 0, within: 0 })
  })

  it('classes values at quantiles and colours them, dark = better', () => {
    const breaks = quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null], 5)
    expect(breaks).toEqual([3, 5, 7, 9])
    expect(classOf(1, breaks)).toBe(0)
    expect(classOf(3, breaks)).toBe(1)
    expect(classOf(10, breaks)).toBe(4)
    expect(choroplethColour(10, breaks, true)).toEqual(SEQUENTIAL_5[4])
    expect(choroplethColour(10, breaks, false)).toEqual(SEQUENTIAL_5[0])
    expect(choroplethColour(null, breaks, true)).toBeNull()
  })
})
