import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MEXICO_HANSON98, MEXICO_PCGDP_1940 } from './fixtures/pysal-mexico'
import { theilDecomposition, theilT } from './theil'

const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e5, noNaN: true }))
const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-2, max: 1e5, noNaN: true }))
const rows = fc.array(fc.tuple(value, weight, fc.constantFrom('urban', 'rural', 'zone')), {
  minLength: 1,
  maxLength: 60,
})

describe('theilT', () => {
  it('matches PySAL Theil for the per-capita GDP of the 32 Mexican states, 1940', () => {
    // Published: PySAL `inequality.theil.Theil` docstring and tests, mexico.csv pcgdp1940:
    //   theil_y.T[0] = 0.20894344
    expect(theilT(MEXICO_PCGDP_1940)).toBeCloseTo(0.20894344, 8)
  })

  it('computes a small weighted case by hand', () => {
    // values 1 and 4 for 3 and 1 people: μ = (3·1 + 1·4)/4 = 7/4; shares s = 3/7, 4/7
    // T = 3/7·ln(1/(7/4)) + 4/7·ln(4/(7/4)) = 3/7·ln(4/7) + 4/7·ln(16/7)
    //   = 3/7·(−0.5596158) + 4/7·(0.8266786) = −0.2398353 + 0.4723878 = 0.2325524(2)
    expect(theilT([1, 4], [3, 1])).toBeCloseTo(0.2325524, 6)
    // the same people listed one by one
    expect(theilT([1, 1, 1, 4])).toBeCloseTo(0.2325524, 6)
  })

  it('is 0 for equal values and all zeros, ln n when one of n equal-weight units has everything', () => {
    expect(theilT([3, 3, 3])).toBe(0)
    expect(theilT([0, 0])).toBe(0)
    // x·ln x → 0: T = 1·ln(1/(1/5)) = ln 5
    expect(theilT([0, 0, 7, 0, 0])).toBeCloseTo(Math.log(5), 12)
  })

  it('rejects negatives and NaN with the bad value in the message', () => {
    expect(() => theilT([1, -0.5])).toThrow('values[1] must be a finite number >= 0, got -0.5')
    expect(() => theilT([1, 2], [1, Number.NaN])).toThrow('weights[1] must be a finite number >= 0, got NaN')
    expect(() => theilT([1, 2], [0, 0])).toThrow('weights must not all be 0')
  })
})

describe('theilDecomposition', () => {
  it('matches PySAL TheilD for the Mexican states grouped by Hanson (1998) regions, 1940', () => {
    // Published: PySAL `inequality.theil.TheilD` docstring and tests:
    //   theil_d.bg[0] = 0.0345889, theil_d.wg[0] = 0.17435454 (T = 0.20894344)
    const d = theilDecomposition(MEXICO_PCGDP_1940, undefined, MEXICO_HANSON98.map(String))
    expect(d.between).toBeCloseTo(0.0345889, 7)
    expect(d.within).toBeCloseTo(0.17435454, 8)
    expect(d.total).toBeCloseTo(0.20894344, 8)
    expect(d.groups.map((g) => g.key)).toEqual(['2', '1', '5', '3', '4'])
  })

  it('matches the PySAL test with a zero-valued group', () => {
    // Published: PySAL inequality tests (test_theil.py): y = [0,0,0,10,10,10], regions 0,0,0,1,1,1
    //   T = bg = 0.6931471805599453 (ln 2), wg = 0
    const d = theilDecomposition([0, 0, 0, 10, 10, 10], undefined, ['0', '0', '0', '1', '1', '1'])
    expect(d.total).toBeCloseTo(Math.LN2, 15)
    expect(d.between).toBeCloseTo(Math.LN2, 15)
    expect(d.within).toBe(0)
  })

  it('decomposes a small grouped case computed by hand', () => {
    // a: 1, 3; b: 2, 6 (one person each). μ = 3, Σx = 12; μ_a = 2, s_a = 4/12; μ_b = 4, s_b = 8/12
    // between = 1/3·ln(2/3) + 2/3·ln(4/3) = −0.1351550 + 0.1917880 = 0.0566330
    // T_a = 1/4·ln(1/2) + 3/4·ln(3/2) = −0.1732868 + 0.3040988 = 0.1308120; T_b = T_a (b = 2·a)
    // within = 1/3·T_a + 2/3·T_b = 0.1308120; total = 0.1874450
    // direct: 1/12·ln(1/3) + 3/12·ln 1 + 2/12·ln(2/3) + 6/12·ln 2 = −0.0915510 − 0.0675775 + 0.3465736
    const d = theilDecomposition([1, 3, 2, 6], undefined, ['a', 'a', 'b', 'b'])
    expect(d.between).toBeCloseTo(0.056633, 6)
    expect(d.within).toBeCloseTo(0.130812, 6)
    expect(d.total).toBeCloseTo(0.187445, 6)
    expect(theilT([1, 3, 2, 6])).toBeCloseTo(0.187445, 6)
    expect(d.groups[0]).toMatchObject({ key: 'a', count: 2, populationShare: 0.5, mean: 2 })
    expect(d.groups[0].valueShare).toBeCloseTo(1 / 3, 12)
  })

  it('between + within equals the directly computed total, both parts ≥ 0 (property)', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        fc.pre(rs.some(([, w]) => w > 0))
        const x = rs.map((r) => r[0])
        const w = rs.map((r) => r[1])
        const d = theilDecomposition(
          x,
          w,
          rs.map((r) => r[2]),
        )
        const direct = theilT(x, w)
        expect(d.between + d.within).toBeCloseTo(direct, 9)
        expect(d.between).toBeGreaterThanOrEqual(-1e-12)
        expect(d.within).toBeGreaterThanOrEqual(-1e-12)
        // each group's within term is its value share times its own Theil
        for (const g of d.groups) expect(g.withinTerm).toBeCloseTo(g.valueShare * g.theil, 12)
      }),
    )
  })

  it('one group: between is 0 and within is the total; scaling values changes nothing', () => {
    fc.assert(
      fc.property(rows, fc.double({ min: 0.01, max: 100, noNaN: true }), (rs, k) => {
        fc.pre(rs.some(([, w]) => w > 0))
        const x = rs.map((r) => r[0])
        const w = rs.map((r) => r[1])
        const one = theilDecomposition(
          x,
          w,
          x.map(() => 'all'),
        )
        expect(one.between).toBeCloseTo(0, 12)
        expect(one.within).toBeCloseTo(theilT(x, w), 9)
        expect(
          theilT(
            x.map((v) => v * k),
            w,
          ),
        ).toBeCloseTo(theilT(x, w), 9)
      }),
    )
  })

  it('rejects group keys of the wrong length', () => {
    expect(() => theilDecomposition([1, 2], undefined, ['a'])).toThrow('values has 2 entries but groupKeys has 1')
  })
})
