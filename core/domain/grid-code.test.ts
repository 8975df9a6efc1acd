import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gridCode, numberGrids } from './grid-code'

describe('numberGrids', () => {
  it('reads rows north→south, west→east', () => {
    // a 2×2 block given in scrambled order
    const seq = numberGrids([
      [117.71, 39.0], // south-east
      [117.7, 39.01], // north-west
      [117.7, 39.0], // south-west
      [117.71, 39.01], // north-east
    ])
    expect(seq).toEqual([4, 1, 3, 2])
  })

  it('is a permutation of 1..n', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 117, max: 118, noNaN: true }), fc.double({ min: 38, max: 40, noNaN: true })),
          {
            maxLength: 60,
          },
        ),
        (pts) => {
          const seq = numberGrids(pts)
          expect([...seq].sort((a, b) => a - b)).toEqual(pts.map((_, i) => i + 1))
        },
      ),
    )
  })

  it('rejects a bad centroid', () => {
    expect(() => numberGrids([[Number.NaN, 39]])).toThrow(/NaN/)
  })
})

describe('gridCode', () => {
  it('appends a 3-digit sequence', () => {
    expect(gridCode('120116001016', 3)).toBe('120116001016003')
  })

  it('rejects bad codes and sequences with the value', () => {
    expect(() => gridCode('12011600101', 1)).toThrow(/12011600101/)
    expect(() => gridCode('120116001016', 1000)).toThrow(/1000/)
    expect(() => gridCode('120116001016', 0)).toThrow(/0/)
  })
})
