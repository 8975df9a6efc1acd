import { describe, expect, it } from 'vitest'
import { gridPolsbyPopper, meanPolsbyPopper, polsbyPopper } from './compactness'
import { latticeGraph } from './fixtures'

// 100 m squares:  2 3
//                 0 1
const graph = latticeGraph({ cols: 2, rows: 2, households: 100 })

describe('Polsby–Popper', () => {
  it('is 1 for a circle and π/4 for a square', () => {
    expect(polsbyPopper(Math.PI, 2 * Math.PI)).toBeCloseTo(1, 12)
    expect(polsbyPopper(1, 4)).toBeCloseTo(Math.PI / 4, 12)
  })
  it('treats a 2 × 2 block of squares as one square (internal edges removed)', () => {
    // area 40 000 m², perimeter 800 m
    expect(gridPolsbyPopper(graph, [0, 0, 0, 0], 0)).toBeCloseTo(Math.PI / 4, 12)
  })
  it('gives 2π/9 for a 1 × 2 rectangle', () => {
    // area 20 000 m², perimeter 600 m → 4π·20 000 / 360 000
    expect(gridPolsbyPopper(graph, [0, 0, 1, 1], 0)).toBeCloseTo((2 * Math.PI) / 9, 12)
  })
  it('averages over grids', () => {
    // two squares (π/4 each) and one rectangle (2π/9)
    expect(meanPolsbyPopper(graph, [0, 1, 2, 2])).toBeCloseTo((Math.PI / 4 + Math.PI / 4 + (2 * Math.PI) / 9) / 3, 12)
  })
})
