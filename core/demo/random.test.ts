import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed } from './random'

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next())
  })

  it('differs between seeds and stays in [0, 1)', () => {
    const a = createRandom(1)
    const b = createRandom(2)
    let same = 0
    for (let i = 0; i < 1000; i++) {
      const x = a.next()
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      if (x === b.next()) same++
    }
    expect(same).toBe(0)
  })

  it('has a plausible mean and inclusive int range', () => {
    const r = createRandom(7)
    let sum = 0
    const seen = new Set<number>()
    for (let i = 0; i < 20000; i++) {
      sum += r.next()
      seen.add(r.int(1, 4))
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1)
    expect([...seen].sort()).toEqual([1, 2, 3, 4])
  })

  it('rejects a non-integer seed with the value in the message', () => {
    expect(() => createRandom(1.5)).toThrow(/1\.5/)
  })

  it('derives distinct sub-seeds per key', () => {
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'))
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'))
    expect(Number.isInteger(deriveSeed(1, 'streets'))).toBe(true)
  })
})
