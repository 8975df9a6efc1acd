import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MEXICO_PCGDP_1940 } from './fixtures/pysal-mexico'
import { gini, lorenzCurve, weightedGini } from './gini'

// realistic magnitudes: 0 or [1e-6, 1e6] (subnormal doubles are not indicator values)
const nonNegative = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }))

describe('gini', () => {
  it('matches the R phylotools/ineq documentation example', () => {
    // Published: rdocumentation.org/packages/phylotools/versions/0.1.2/topics/gini
    //   gini(c(1,3,2,1,1,1,4))  ### 0.3076923  (algorithm of R `ineq` by Achim Zeileis)
    // By hand: sorted 1,1,1,1,2,3,4; Σx = 13; Σ k·x_(k) = 1+2+3+4+10+18+28 = 66;
    //   G = (2·66 − 8·13) / (7·13) = 28/91 = 4/13 = 0.3076923…
    expect(gini([1, 3, 2, 1, 1, 1, 4])).toBeCloseTo(4 / 13, 12)
    expect(gini([1, 3, 2, 1, 1, 1, 4])).toBeCloseTo(0.3076923, 7)
  })

  it('matches PySAL for the per-capita GDP of the 32 Mexican states, 1940', () => {
    // Published: PySAL `inequality` Gini notebook (pysal.org, explore/inequality/gini), `ginis[0]` for
    // pcgdp1940 of libpysal's mexico.csv = 0.3537237117345285 (PySAL `_gini`, same convention).
    expect(gini(MEXICO_PCGDP_1940)).toBeCloseTo(0.3537237117345285, 12)
  })

  it('is 0 for equal values and for all zeros, and (n−1)/n when one unit has everything', () => {
    expect(gini([5, 5, 5, 5])).toBe(0)
    expect(gini([0, 0, 0])).toBe(0)
    // by hand: sorted 0,0,0,1 → (2·4 − 5·1)/(4·1) = 3/4
    expect(gini([0, 1, 0, 0])).toBeCloseTo(3 / 4, 12)
  })

  it('rejects negative, NaN and empty input with the bad value in the message', () => {
    expect(() => gini([1, -2, 3])).toThrow('values[1] must be a finite number >= 0, got -2')
    expect(() => gini([1, Number.NaN])).toThrow('got NaN')
    expect(() => gini([1, Number.POSITIVE_INFINITY])).toThrow('got Infinity')
    expect(() => gini([])).toThrow('must not be empty')
  })
})

describe('weightedGini', () => {
  it('matches the World Bank wbpip documentation example with unit weights', () => {
    // Published: pip-technical-team.github.io/wbpip/reference/md_compute_gini.html
    //   md_compute_gini(welfare = 1:2000, weight = rep(1, 2000))  #> 0.3331667
    // By hand: for x = 1..n, G = (n − 1)/(3n) = 1999/6000.
    const x = Array.from({ length: 2000 }, (_, i) => i + 1)
    const w = new Array(2000).fill(1)
    expect(weightedGini(x, w)).toBeCloseTo(1999 / 6000, 12)
    expect(weightedGini(x, w)).toBeCloseTo(0.3331667, 7)
  })

  it('computes a small weighted case by hand', () => {
    // values 1, 2, 4 for 3, 1, 1 people. W = 5, Σwx = 3 + 2 + 4 = 9.
    // Lorenz: P = 0.6, 0.8, 1; L = 3/9, 5/9, 1.
    // Σ ΔP·(L_k + L_{k−1}) = 0.6·(1/3) + 0.2·(1/3 + 5/9) + 0.2·(5/9 + 1) = 0.2 + 1.6/9 + 2.8/9 = 31/45
    // G = 1 − 31/45 = 14/45 = 0.3111…  (= unweighted Gini of 1,1,1,2,4: (2·34 − 6·9)/(5·9) = 14/45)
    expect(weightedGini([4, 1, 2], [1, 3, 1])).toBeCloseTo(14 / 45, 12)
    expect(gini([1, 1, 1, 2, 4])).toBeCloseTo(14 / 45, 12)
  })

  it('equals the unweighted Gini of the sample with each value repeated weight times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nonNegative, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 30 }),
        (rows) => {
          const replicated = rows.flatMap(([x, w]) => new Array(w).fill(x))
          const g = weightedGini(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
          )
          expect(g).toBeCloseTo(gini(replicated), 9)
        },
      ),
    )
  })

  it('is in [0, 1), invariant to order and to scaling values or weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nonNegative, fc.double({ min: 0.01, max: 1e4, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (rows, k) => {
          const x = rows.map((r) => r[0])
          const w = rows.map((r) => r[1])
          const g = weightedGini(x, w)
          expect(g).toBeGreaterThanOrEqual(-1e-12)
          expect(g).toBeLessThan(1)
          expect(weightedGini([...x].reverse(), [...w].reverse())).toBeCloseTo(g, 9)
          expect(
            weightedGini(
              x.map((v) => v * k),
              w,
            ),
          ).toBeCloseTo(g, 9)
          expect(
            weightedGini(
              x,
              w.map((v) => v * k),
            ),
          ).toBeCloseTo(g, 9)
        },
      ),
    )
  })

  it('rejects mismatched lengths, negative weights and all-zero weights', () => {
    expect(() => weightedGini([1, 2], [1])).toThrow('values has 2 entries but weights has 1')
    expect(() => weightedGini([1, 2], [1, -3])).toThrow('weights[1] must be a finite number >= 0, got -3')
    expect(() => weightedGini([1, 2], [0, 0])).toThrow('weights must not all be 0')
  })
})

describe('lorenzCurve', () => {
  it('starts at [0, 0], ends at [1, 1], and follows the hand-computed points', () => {
    // same case as above: P = 0.6, 0.8, 1; L = 3/9, 5/9, 1
    const pts = lorenzCurve([4, 1, 2], [1, 3, 1])
    expect(pts).toHaveLength(4)
    const expected = [
      [0, 0],
      [0.6, 3 / 9],
      [0.8, 5 / 9],
      [1, 1],
    ]
    pts.forEach(([p, l], k) => {
      expect(p).toBeCloseTo(expected[k][0], 12)
      expect(l).toBeCloseTo(expected[k][1], 12)
    })
  })

  it('is the equality line when every value is 0, and unit weights by default', () => {
    expect(lorenzCurve([0, 0])).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ])
    expect(lorenzCurve([3, 1])).toEqual([
      [0, 0],
      [0.5, 0.25],
      [1, 1],
    ])
  })

  it('gives back the weighted Gini as 1 − 2·area', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nonNegative, fc.double({ min: 0.01, max: 100, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          const x = rows.map((r) => r[0])
          const w = rows.map((r) => r[1])
          const pts = lorenzCurve(x, w)
          let twiceArea = 0
          for (let k = 1; k < pts.length; k++) twiceArea += (pts[k][0] - pts[k - 1][0]) * (pts[k][1] + pts[k - 1][1])
          expect(1 - twiceArea).toBeCloseTo(weightedGini(x, w), 9)
          // monotone, convex from below: value share never above population share
          for (let k = 1; k < pts.length; k++) {
            expect(pts[k][0]).toBeGreaterThanOrEqual(pts[k - 1][0])
            expect(pts[k][1]).toBeLessThanOrEqual(pts[k][0] + 1e-9)
          }
        },
      ),
    )
  })
})
