import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitInteger } from './split-integer'

describe('splitInteger', () => {
  it('splits proportionally and exactly', () => {
    expect(splitInteger(10, [1, 1, 2])).toEqual([3, 2, 5])
    expect(splitInteger(10, [1, 1, 1], 4)).toEqual([4, 3, 3])
  })

  it('always sums to the total and respects the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 50 }),
        (total, weights, minPart) => {
          const parts = splitInteger(total, weights, minPart)
          expect(parts.reduce((s, x) => s + x, 0)).toBe(total)
          const floor = Math.min(minPart, Math.floor(total / weights.length))
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(floor)
        },
      ),
    )
  })

  it('rejects bad input with the value', () => {
    expect(() => splitInteger(-1, [1])).toThrow(/-1/)
    expect(() => splitInteger(5, [0])).toThrow(/0/)
  })
})
