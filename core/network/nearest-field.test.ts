import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildWalkGraph, NearestField, WalkSearch } from '.'
import { metres, networkOf } from './test-networks'

// a random connected-ish graph, and a sequence of seeds added (at edge, t, access) and removed by label
const scenario = fc.integer({ min: 2, max: 16 }).chain((n) =>
  fc.record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: n,
      maxLength: n,
    }),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
      minLength: 1,
      maxLength: 3 * n,
    }),
    steps: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 4 }), // label
        fc.boolean(), // add (true) or remove
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 50 }),
      ),
      { minLength: 1, maxLength: 12 },
    ),
  }),
)

describe('NearestField', () => {
  it('after any sequence of seeds added and removed equals one search from the seeds left', () => {
    fc.assert(
      fc.property(scenario, ({ points, edges, steps }) => {
        const graph = buildWalkGraph(networkOf(points, edges), metres)
        if (graph.edgeCount === 0) return
        const field = new NearestField(graph)
        field.reset([], [])
        const live = new Map<number, { edge: number; t: number; accessM: number }>()
        for (const [label, add, e, t, accessM] of steps) {
          const changed: number[] = []
          if (live.has(label)) {
            field.remove(label, changed)
            live.delete(label)
          }
          if (add) {
            const a = { edge: e % graph.edgeCount, t, accessM }
            field.add(label, a, changed)
            live.set(label, a)
          }
        }
        const search = new WalkSearch(graph)
        search.run([...live.values()], Number.POSITIVE_INFINITY, [...live.keys()])
        expect([...field.dist]).toEqual([...search.dist])
        const a = { meters: 0, label: 0 }
        const b = { meters: 0, label: 0 }
        for (let e = 0; e < graph.edgeCount; e++)
          for (const t of [0, 0.25, 0.5, 1]) {
            field.distanceTo(e, t, 3, a)
            search.distanceTo(e, t, 3, b)
            expect(a.meters).toBe(b.meters)
          }
      }),
      { numRuns: 300 },
    )
  })

  it('a removed seed leaves the nodes it was nearest to to the next seed, and lists them as changed', () => {
    // a line 0 — 1 — 2 — 3, 100 m apart; seeds at node 0 (label 1) and node 3 (label 2)
    const graph = buildWalkGraph(
      networkOf(
        [
          [0, 0],
          [100, 0],
          [200, 0],
          [300, 0],
        ],
        [
          [0, 1],
          [1, 2],
          [2, 3],
        ],
      ),
      metres,
    )
    const field = new NearestField(graph)
    field.reset(
      [
        { edge: 0, t: 0, accessM: 0 },
        { edge: 2, t: 1, accessM: 0 },
      ],
      [1, 2],
    )
    expect([...field.dist]).toEqual([0, 100, 100, 0])
    const changed: number[] = []
    field.remove(2, changed)
    expect([...field.dist]).toEqual([0, 100, 200, 300])
    expect([...field.label]).toEqual([1, 1, 1, 1])
    expect(new Set(changed)).toEqual(new Set([2, 3]))
  })
})
