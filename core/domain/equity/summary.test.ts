import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quantileSorted, summarize, weightedQuantileSorted } from './summary'

describe('quantileSorted (type 7)', () => {
  it('matches R and numpy documentation values', () => {
    // R: quantile(1:10, 0.9) = 9.1 (type 7: h = 9·0.9 = 8.1 → x[8] + 0.1·(x[9] − x[8]) = 9 + 0.1)
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12)
    // numpy docs (numpy.percentile): a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) → 3.5
    expect(quantileSorted([1, 2, 3, 4, 7, 10], 0.5)).toBe(3.5)
  })
})

describe('summarize', () => {
  it('summarises 1..10 (unweighted, by hand)', () => {
    // q1: h = 9·0.25 = 2.25 → 3 + 0.25 = 3.25; median: h = 4.5 → 5.5; q3: h = 6.75 → 7.75
    expect(summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
      count: 10,
      totalWeight: 10,
      min: 1,
      q1: 3.25,
      median: 5.5,
      q3: 7.75,
      max: 10,
      mean: 5.5,
      p90: expect.closeTo(9.1, 12),
    })
  })

  it('weighted: values 1, 2, 3 with weights 1, 2, 1 (by hand)', () => {
    // S_N = 4; positions p_k = (S_k − w_k)/(S_N − w_k): p_1 = 0/3 = 0, p_2 = 1/2 = 0.5, p_3 = 3/3 = 1
    // q1 = 1 + (0.25/0.5)·1 = 1.5; median = 2; q3 = 2 + (0.25/0.5)·1 = 2.5; p90 = 2 + (0.4/0.5)·1 = 2.8
    // mean = (1 + 4 + 3)/4 = 2
    const s = summarize([3, 1, 2], [1, 1, 2])
    expect(s).toMatchObject({ count: 3, totalWeight: 4, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3, mean: 2 })
    expect(s.p90).toBeCloseTo(2.8, 12)
  })

  it('weighted with unit weights equals unweighted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const u = summarize(xs)
        const w = summarize(
          xs,
          xs.map(() => 1),
        )
        for (const key of Object.keys(u) as (keyof typeof u)[]) expect(w[key]).toBeCloseTo(u[key], 6)
      }),
    )
  })

  it('weighted quantiles never round past the data (fast-check counterexample, seed 1236345842)', () => {
    const xs = [1.297118194707389e-27, 3.0476637115694325e-27]
    const ws = [0.01, 0.01]
    for (const p of [0, 0.5, 1]) {
      const q = weightedQuantileSorted(xs, ws, p)
      expect(q).toBeGreaterThanOrEqual(xs[0])
      expect(q).toBeLessThanOrEqual(xs[1])
    }
  })

  it('weighted quantiles stay between min and max and grow with p (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (rows) => {
          rows.sort((a, b) => a[0] - b[0])
          const xs = rows.map((r) => r[0])
          const ws = rows.map((r) => r[1])
          let prev = Number.NEGATIVE_INFINITY
          for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
            const q = weightedQuantileSorted(xs, ws, p)
            expect(q).toBeGreaterThanOrEqual(prev - 1e-9)
            expect(q).toBeGreaterThanOrEqual(xs[0])
            expect(q).toBeLessThanOrEqual(xs[xs.length - 1])
            prev = q
          }
        },
      ),
    )
  })

  it('drops zero-weight values from weighted quantiles', () => {
    expect(summarize([1, 100, 2], [1, 0, 1])).toMatchObject({ min: 1, max: 2, median: 1.5, mean: 1.5 })
  })

  it('rejects empty input, NaN values, negative weights and bad p', () => {
    expect(() => summarize([])).toThrow('values must not be empty')
    expect(() => summarize([1, Number.NaN])).toThrow('values[1] must be finite, got NaN')
    expect(() => summarize([1, 2], [1, -1])).toThrow('weights[1] must be a finite number >= 0, got -1')
    expect(() => summarize([1, 2], [0, 0])).toThrow('weights must not all be 0')
    expect(() => quantileSorted([1, 2], 1.5)).toThrow('p must be in [0, 1], got 1.5')
  })
})
