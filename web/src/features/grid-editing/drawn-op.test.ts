import { describe, expect, it } from 'vitest'
import type { LngLat } from '../../../../core/domain/grids'
import { drawnOp } from './drawn-op'

const grids: Record<string, number> = { a: 1, b: 1, c: 2 }
const ctx = (active: number | null, brushed: string[] = [], under: number | null = null) => ({
  active,
  gridOf: (id: string) => grids[id],
  gridAt: () => under,
  brushed,
})
const line: LngLat[] = [
  [117.7, 39.0],
  [117.7, 39.1],
]

describe('drawnOp', () => {
  it('a line splits the chosen grid, else the grid under its middle, and needs two distinct points', () => {
    expect(drawnOp('line', line, ctx(2))).toEqual({ kind: 'splitByLine', grid: 2, line })
    expect(drawnOp('line', line, ctx(null, [], 1))).toEqual({ kind: 'splitByLine', grid: 1, line })
    expect(drawnOp('line', line, ctx(null))).toBeNull()
    expect(drawnOp('line', [line[0], line[0]], ctx(2))).toBeNull()
  })
  it('a lasso moves what it rings to the chosen grid, once it has three points, sent closed', () => {
    const ring: LngLat[] = [...line, [117.8, 39.05]]
    const closed = [...ring, ring[0]]
    expect(drawnOp('lasso', ring, ctx(2))).toEqual({ kind: 'moveUnitsInPolygon', ring: closed, toGrid: 2 })
    expect(drawnOp('lasso', closed, ctx(2))).toEqual({ kind: 'moveUnitsInPolygon', ring: closed, toGrid: 2 })
    expect(drawnOp('lasso', line, ctx(2))).toBeNull()
    expect(drawnOp('lasso', ring, ctx(null))).toBeNull()
  })
  it('the brush moves the brushed units not yet in the chosen grid', () => {
    expect(drawnOp('brush', [], ctx(2, ['a', 'c', 'b']))).toEqual({ kind: 'moveUnits', unitIds: ['a', 'b'], toGrid: 2 })
    expect(drawnOp('brush', [], ctx(2, ['c']))).toBeNull()
  })
})
