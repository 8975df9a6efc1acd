import { describe, expect, it } from 'vitest'
import { bboxesTouch, tileBbox, tileError, tileOf, tileRange } from './tile-math'

describe('tile arithmetic', () => {
  it('gives the whole world at zoom 0 and the Mercator latitude limit', () => {
    const [w, s, e, n] = tileBbox({ z: 0, x: 0, y: 0 })
    expect([w, e]).toEqual([-180, 180])
    expect(n).toBeCloseTo(85.0511287798, 8)
    expect(s).toBeCloseTo(-85.0511287798, 8)
  })

  it('finds the tile of a Binhai point and that tile contains it', () => {
    const t = tileOf(117.7, 39.02, 14)
    expect(t).toEqual({ z: 14, x: 13548, y: 6260 })
    const [w, s, e, n] = tileBbox(t)
    expect(117.7).toBeGreaterThanOrEqual(w)
    expect(117.7).toBeLessThan(e)
    expect(39.02).toBeGreaterThan(s)
    expect(39.02).toBeLessThanOrEqual(n)
  })

  it('lists exactly the tiles a box touches', () => {
    const box: [number, number, number, number] = [117.69, 39.01, 117.73, 39.05]
    const r = tileRange(box, 14)
    for (let x = r.minX - 1; x <= r.maxX + 1; x++)
      for (let y = r.minY - 1; y <= r.maxY + 1; y++) {
        const inside = x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY
        expect(bboxesTouch(tileBbox({ z: 14, x, y }), box)).toBe(inside)
      }
    expect((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1)).toBeGreaterThan(1)
  })

  it('names a coordinate that is not a tile', () => {
    expect(tileError({ z: 3, x: 8, y: 0 })).toContain('x must be an integer 0–7')
    expect(tileError({ z: 19, x: 0, y: 0 })).toContain('zoom')
    expect(tileError({ z: 2, x: 1, y: -1 })).toContain('y must be')
    expect(tileError({ z: 2, x: 3, y: 3 })).toBeUndefined()
  })
})
