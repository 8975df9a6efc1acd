import { describe, expect, it } from 'vitest'
import { latticeGraph } from './fixtures'
import { planReport } from './plan-report'
import { rebalance } from './rebalance'

const settings = { targetHouseholds: 300, tolerance: 0.2 }

describe('rebalance', () => {
  it('moves the one unit that brings a 400 / 200 pair to 300 / 300', () => {
    // a row of six 100-household units: 0 1 2 3 | 4 5
    const g = latticeGraph({ cols: 6, rows: 1, households: 100 })
    expect([...rebalance(g, [0, 0, 0, 0, 1, 1], settings)]).toEqual([0, 0, 0, 1, 1, 1])
  })
  it('finds a two-move chain through an in-band grid', () => {
    // 0 0 0 0 | 1 1 1 | 2 2 → 400 / 300 / 200; no single move helps, two moves give 300 each
    const g = latticeGraph({ cols: 9, rows: 1, households: 100 })
    expect([...rebalance(g, [0, 0, 0, 0, 1, 1, 1, 2, 2], settings)]).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2])
  })
  it('keeps grid keys and leaves a plan already in band alone', () => {
    const g = latticeGraph({ cols: 6, rows: 1, households: 100 })
    expect([...rebalance(g, [7, 7, 7, 3, 3, 3], settings)]).toEqual([7, 7, 7, 3, 3, 3])
  })
  it('puts an unassigned unit into the neighbouring grid where it fits', () => {
    // 0 0 ? 1 1 1 with 100 each: the free unit joins grid 0 (300) rather than grid 1 (400)
    const g = latticeGraph({ cols: 6, rows: 1, households: 100 })
    expect([...rebalance(g, [0, 0, -1, 1, 1, 1], settings)]).toEqual([0, 0, 0, 1, 1, 1])
  })
  it('never moves a unit into a grid of another community', () => {
    // communities A = columns 0–3, B = columns 4–5; grid 0 (A) has 400, grid 1 (B) 200: nothing to do
    const g = latticeGraph({ cols: 6, rows: 1, households: 100, community: (c) => (c < 4 ? 'A' : 'B') })
    expect([...rebalance(g, [0, 0, 0, 0, 1, 1], settings)]).toEqual([0, 0, 0, 0, 1, 1])
  })
  it('keeps the donor grid in one piece', () => {
    // 3 4 5    grid 0 = U of units 0 1 2 3 5 (500 hh), grid 1 = unit 4 (100 hh), 100 hh per unit.
    // 0 1 2    Two moves fix it (300 / 300): {3, 5} or {3, 0} or {5, 2}; giving unit 1 would cut
    //          grid 0 in two, so unit 1 must stay.
    const g = latticeGraph({ cols: 3, rows: 2, households: 100 })
    const start = [0, 0, 0, 0, 1, 0]
    const out = rebalance(g, start, settings)
    expect(planReport(g, out, settings, start)).toMatchObject({ shareInBand: 1, disconnectedGrids: 0, unitsMoved: 2 })
    expect(out[1]).toBe(0)
  })
})
