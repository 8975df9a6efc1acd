// Properties of every edit: households are conserved, each unit is in exactly one grid,
// the incremental totals equal a full re-sum, and undoing everything restores the start.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gridTotals } from '../grids/balance'
import type { EditOp } from '../grids/edit-op'
import { GridError } from '../grids/errors'
import { latticeGraph } from '../grids/fixtures'
import { EditLog } from './edit-log'

const settings = { targetHouseholds: 300, tolerance: 0.2 }

const opArb = (n: number) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('moveUnits' as const),
      units: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 4 }),
      toGrid: fc.integer({ min: -1, max: 6 }),
    }),
    fc.constant({ kind: 'createGrid' as const }),
    fc.record({
      kind: fc.constant('mergeGrids' as const),
      into: fc.integer({ min: 0, max: 6 }),
      from: fc.integer({ min: 0, max: 6 }),
    }),
    fc.record({ kind: fc.constant('deleteGrid' as const), grid: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant('splitHalf' as const), grid: fc.integer({ min: 0, max: 6 }) }),
  )

describe('edit properties', () => {
  it('conserves households, keeps each unit in one grid, matches a full re-sum, undoes to the start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 }),
        fc.array(opArb(12), { maxLength: 25 }),
        (hh, start, rawOps) => {
          const graph = latticeGraph({ cols: 4, rows: 3, households: (c, r) => hh[r * 4 + c] })
          const ops = rawOps.map((o) =>
            o.kind === 'moveUnits' ? { kind: o.kind, toGrid: o.toGrid, unitIds: o.units.map((u) => graph.ids[u]) } : o,
          )
          const total = hh.reduce((a, b) => a + b, 0)
          const log = new EditLog({ graph, assignment: start, settings })
          for (const raw of ops) {
            const s = log.session
            // split-by-half: first half of the grid's units stay, the rest go to a new grid
            let op: EditOp = raw as EditOp
            if (raw.kind === 'splitHalf') {
              if (!s.gridKeys().includes(raw.grid)) continue
              const units = s.unitsOf(raw.grid)
              const half = Math.ceil(units.length / 2)
              op = { kind: 'splitByAssignment', grid: raw.grid, sideA: units.slice(0, half), sideB: units.slice(half) }
            }
            try {
              log.apply(op)
            } catch (e) {
              if (!(e instanceof GridError)) throw e
            }
            // each unit in exactly one grid: the member lists are disjoint and agree with the assignment
            const a = s.assignment()
            const seen = new Set<string>()
            let sum = 0
            for (const g of s.gridKeys()) {
              for (const id of s.unitsOf(g)) {
                expect(seen.has(id)).toBe(false)
                seen.add(id)
                expect(a[graph.ids.indexOf(id)]).toBe(g)
              }
              sum += s.state(g).households
            }
            const unassigned = graph.ids.filter((_, u) => a[u] === -1)
            expect(seen.size + unassigned.length).toBe(12)
            // households conserved
            expect(sum + unassigned.reduce((t, id) => t + hh[graph.ids.indexOf(id)], 0)).toBe(total)
            // incremental totals = full re-sum
            for (const t of gridTotals(graph, a, settings)) expect(s.state(t.grid).households).toBe(t.households)
          }
          while (log.canUndo) log.undo()
          expect([...log.session.assignment()]).toEqual(start)
        },
      ),
      { numRuns: 200, seed: 42 },
    )
  })
})
