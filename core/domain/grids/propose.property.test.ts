// Properties of every proposal: each unit in exactly one grid, households conserved, grids of one
// community each; proposeGrids' grids are connected; rebalance never splits a connected grid.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gridTotals } from './balance'
import { allGridPieces } from './connectivity'
import { latticeGraph } from './fixtures'
import { greedySweep } from './greedy-sweep'
import { integrityReport } from './integrity'
import { proposeGrids } from './propose'
import { rebalance } from './rebalance'
import type { UnitGraph } from './types'

const settings = { targetHouseholds: 300, tolerance: 0.2 }

const latticeArb = fc
  .record({
    cols: fc.integer({ min: 1, max: 7 }),
    rows: fc.integer({ min: 1, max: 6 }),
    seed: fc.array(fc.integer({ min: 0, max: 160 }), { minLength: 42, maxLength: 42 }),
    split: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ cols, rows, seed, split }) =>
    latticeGraph({
      cols,
      rows,
      households: (c, r) => seed[r * cols + c],
      community: (c) => (c < split ? 'A' : 'B'),
    }),
  )

function checkPlan(graph: UnitGraph, plan: Int32Array) {
  // every unit in exactly one grid (the assignment is total and has no -1)
  expect(plan.length).toBe(graph.ids.length)
  expect(plan.every((g) => g >= 0)).toBe(true)
  // households conserved
  const sum = gridTotals(graph, plan, settings).reduce((s, t) => s + t.households, 0)
  expect(sum).toBe(graph.households.reduce((s, h) => s + h, 0))
  // one community per grid
  expect(integrityReport(graph, plan, settings).mixedCommunity).toEqual([])
}

describe('proposal properties', () => {
  it('proposeGrids: total, conserving, one community per grid, connected', () => {
    fc.assert(
      fc.property(latticeArb, (graph) => {
        const plan = proposeGrids(graph, settings, { kicks: 5 })
        checkPlan(graph, plan)
        for (const pieces of allGridPieces(graph, plan).values()) expect(pieces.length).toBe(1)
      }),
      { numRuns: 150, seed: 7 },
    )
  })
  it('greedySweep: total, conserving, one community per grid', () => {
    fc.assert(
      fc.property(latticeArb, (graph) => checkPlan(graph, greedySweep(graph, settings))),
      { numRuns: 150, seed: 8 },
    )
  })
  it('rebalance: total, conserving, keeps connected grids connected and the grid count', () => {
    fc.assert(
      fc.property(latticeArb, fc.integer({ min: 1, max: 1000 }), (graph, seed) => {
        // start from a proposal, then change households by up to ±40% per unit
        const start = proposeGrids(graph, settings, { kicks: 0 })
        const changed = {
          ...graph,
          households: graph.households.map((h, u) => Math.round(h * (0.6 + ((seed * (u + 1)) % 81) / 100))),
        }
        const out = rebalance(changed, start, settings)
        checkPlan(changed, out)
        expect(new Set(out).size).toBe(new Set(start).size)
        for (const pieces of allGridPieces(changed, out).values()) expect(pieces.length).toBe(1)
        // never more grids out of band than before
        const outOfBand = (p: Int32Array) => gridTotals(changed, p, settings).filter((t) => !t.inBand).length
        expect(outOfBand(out)).toBeLessThanOrEqual(outOfBand(start))
      }),
      { numRuns: 150, seed: 9 },
    )
  })
})
