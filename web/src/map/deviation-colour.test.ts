import { describe, expect, it } from 'vitest'
import {
  DEVIATION_COLOURS,
  deviationBreaks,
  deviationClasses,
  deviationClassIndex,
  deviationColour,
  householdsAtDeviation,
  NO_DATA_COLOUR,
} from './deviation-colour'

const TOLERANCE = 0.2
const TARGET = 300
const dev = (households: number) => (households - TARGET) / TARGET

describe('deviation colour scale', () => {
  it('puts exactly the band 240–360 households in the three pale in-band classes', () => {
    for (const households of [240, 241, 280, 300, 320, 359, 360]) {
      const index = deviationClassIndex(dev(households), TOLERANCE)
      expect(index, `${households} households`).toBeGreaterThanOrEqual(2)
      expect(index, `${households} households`).toBeLessThanOrEqual(4)
    }
    expect(deviationClassIndex(dev(239), TOLERANCE)).toBe(1)
    expect(deviationClassIndex(dev(361), TOLERANCE)).toBe(5)
  })

  it('is diverging: monotone in deviation, blue under, neutral at target, red over', () => {
    let previous = -1
    for (let d = -1; d <= 2; d += 0.01) {
      const index = deviationClassIndex(d, TOLERANCE)
      expect(index).toBeGreaterThanOrEqual(previous)
      previous = index
    }
    expect(deviationClassIndex(0, TOLERANCE)).toBe(3)
    expect(deviationClassIndex(-0.9, TOLERANCE)).toBe(0)
    expect(deviationClassIndex(1.5, TOLERANCE)).toBe(6)
    const [r0, , b0] = deviationColour(-0.9, TOLERANCE)
    const [r6, , b6] = deviationColour(1.5, TOLERANCE)
    expect(b0).toBeGreaterThan(r0)
    expect(r6).toBeGreaterThan(b6)
  })

  it('applies the alpha and falls back to grey without data', () => {
    expect(deviationColour(0, TOLERANCE, 128)).toEqual([...DEVIATION_COLOURS[3].slice(0, 3), 128])
    expect(deviationColour(null, TOLERANCE)).toEqual(NO_DATA_COLOUR)
    expect(deviationColour(Number.NaN, TOLERANCE, 10)).toEqual([...NO_DATA_COLOUR.slice(0, 3), 10])
  })

  it('derives breaks and legend classes from the tolerance', () => {
    const breaks = deviationBreaks(TOLERANCE)
    expect(breaks.map((b) => householdsAtDeviation(TARGET, b))).toEqual([150, 240, 280, 320, 360, 450])
    const classes = deviationClasses(TOLERANCE)
    expect(classes).toHaveLength(7)
    expect(classes.filter((c) => c.inBand).map((c) => c.index)).toEqual([2, 3, 4])
    expect(classes[0].min).toBeNull()
    expect(classes[6].max).toBeNull()
  })

  it('rejects a bad tolerance with the value in the message', () => {
    expect(() => deviationBreaks(0)).toThrow(/got 0/)
    expect(() => deviationBreaks(Number.NaN)).toThrow(/NaN/)
  })
})
