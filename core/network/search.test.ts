import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildWalkGraph,
  cappedDistanceMatrix,
  createEdgeSnapper,
  joinPoints,
  nearestSeedInto,
  pointsWithin,
  WalkSearch,
} from '.'
import { metres, networkOf, riverWithOneBridge } from './test-networks'

// Floyd–Warshall over the walkable edges: the brute-force reference for node-to-node distances
function floydWarshall(n: number, edges: { s: number; t: number; w: number }[]): Float64Array {
  const d = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY)
  for (let i = 0; i < n; i++) d[i * n + i] = 0
  for (const { s, t, w } of edges) {
    d[s * n + t] = Math.min(d[s * n + t], w)
    d[t * n + s] = Math.min(d[t * n + s], w)
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (d[i * n + k] + d[k * n + j] < d[i * n + j]) d[i * n + j] = d[i * n + k] + d[k * n + j]
  return d
}

const randomGraph = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: n,
      maxLength: n,
    }),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.boolean()), {
      minLength: 1,
      maxLength: 3 * n,
    }),
    seeds: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 50 })), {
      minLength: 1,
      maxLength: 3,
    }),
    targets: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 50 })), {
      minLength: 1,
      maxLength: 5,
    }),
    cutoff: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 2000 })),
  }),
)

describe('walking distances on random graphs agree with Floyd–Warshall', () => {
  it('multi-source distances to nodes and to points on edges, with and without a cut-off', () => {
    fc.assert(
      fc.property(randomGraph, ({ points, edges, seeds, targets, cutoff }) => {
        const network = networkOf(
          points,
          edges.map(([s, t, walkable]) => [s, t, walkable ? 'residential' : 'expressway']),
        )
        const graph = buildWalkGraph(network, metres)
        if (graph.edgeCount === 0) return
        const fw = floydWarshall(
          points.length,
          network.edges.filter((e) => e.walkable).map((e) => ({ s: e.source, t: e.target, w: e.lengthM })),
        )
        const n = points.length
        const at = ([e, t, a]: [number, number, number]) => ({ edge: e % graph.edgeCount, t, accessM: a })
        const from = seeds.map(at)
        const search = new WalkSearch(graph)
        search.run(from, cutoff)
        // a point on edge e at t reached from a seed: through the ends of both edges, or along a shared edge
        const brute = (edge: number, t: number) => {
          let best = Number.POSITIVE_INFINITY
          for (const s of from) {
            const sl = graph.edgeLength[s.edge]
            const l = graph.edgeLength[edge]
            const seedEnds = [
              [graph.edgeSource[s.edge], s.t * sl],
              [graph.edgeTarget[s.edge], (1 - s.t) * sl],
            ]
            const ends = [
              [graph.edgeSource[edge], t * l],
              [graph.edgeTarget[edge], (1 - t) * l],
            ]
            for (const [u, du] of seedEnds)
              for (const [v, dv] of ends) best = Math.min(best, s.accessM + du + fw[u * n + v] + dv)
            if (s.edge === edge) best = Math.min(best, s.accessM + Math.abs(s.t - t) * l)
          }
          return best
        }
        for (let u = 0; u < n; u++) {
          let want = Number.POSITIVE_INFINITY
          for (const s of from) {
            const sl = graph.edgeLength[s.edge]
            want = Math.min(
              want,
              s.accessM + s.t * sl + fw[graph.edgeSource[s.edge] * n + u],
              s.accessM + (1 - s.t) * sl + fw[graph.edgeTarget[s.edge] * n + u],
            )
          }
          if (want > cutoff) want = Number.POSITIVE_INFINITY
          if (want === Number.POSITIVE_INFINITY) expect(search.dist[u]).toBe(want)
          else expect(search.dist[u]).toBeCloseTo(want, 6)
        }
        const hit = { meters: 0, label: 0 }
        for (const target of targets) {
          const p = at(target)
          search.distanceTo(p.edge, p.t, p.accessM, hit)
          let want = brute(p.edge, p.t) + p.accessM
          if (want > cutoff) want = Number.POSITIVE_INFINITY
          if (want === Number.POSITIVE_INFINITY) expect(hit.meters).toBe(want)
          else expect(hit.meters).toBeCloseTo(want, 6)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('a river with one bridge', () => {
  const graph = buildWalkGraph(riverWithOneBridge(), metres)
  const snapper = createEdgeSnapper(graph)

  it('walks the detour over the bridge, not the straight line (nor the expressway)', () => {
    // (50, -10) and (50, 110) are 120 m apart in a straight line; each is 10 m off its bank's street
    const points = joinPoints(graph, snapper, [50, 50], [-10, 110])
    const from = { edge: points.edge[0], t: points.t[0], accessM: points.accessM[0] }
    const near = new Float32Array(2)
    const label = new Int32Array(2)
    nearestSeedInto(new WalkSearch(graph), points, [from], [7], near, label)
    expect(near[0]).toBeCloseTo(20, 4) // its own point: 10 m to the street and 10 m back
    // 10 m to the street, 850 m east to the bridge, 100 m over it, 850 m back west, 10 m off
    expect(near[1]).toBeCloseTo(10 + 850 + 100 + 850 + 10, 3)
    expect(label[1]).toBe(7)
  })

  it('a point beyond the cut-off on the far bank is not reached; one on the near bank is', () => {
    const points = joinPoints(graph, snapper, [300, 300], [-50, 150])
    const from = snapper.snap(300, -5)!
    const stamp = new Int32Array(graph.edgeCount)
    const within = pointsWithin(new WalkSearch(graph), points, from, 1000, stamp, 1)
    expect([...within.points]).toEqual([0])
    expect(within.meters[0]).toBeCloseTo(45, 3) // both on the x = 300 street, 45 m apart; the far bank is 1,355 m away
  })
})

describe('snapping', () => {
  it('joins a building to the nearest walkable edge, never to the expressway', () => {
    const graph = buildWalkGraph(
      networkOf(
        [
          [0, 0],
          [100, 0],
          [0, 40],
          [100, 40],
        ],
        [
          [0, 1],
          [2, 3, 'expressway'],
        ],
      ),
      metres,
    )
    const a = createEdgeSnapper(graph).snap(25, 35)!
    expect(graph.edgeIds[a.edge]).toBe(1000)
    expect(a.t).toBeCloseTo(0.25, 9)
    expect(a.accessM).toBeCloseTo(35, 9)
  })

  it('finds the right edge among many (against measuring every edge)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })), {
          minLength: 4,
          maxLength: 40,
        }),
        fc.tuple(fc.integer({ min: -100, max: 600 }), fc.integer({ min: -100, max: 600 })),
        (points, [x, y]) => {
          const edges: [number, number][] = []
          for (let i = 0; i + 1 < points.length; i += 2) edges.push([i, i + 1])
          const graph = buildWalkGraph(networkOf(points, edges), metres)
          const a = createEdgeSnapper(graph).snap(x, y)!
          let best = Number.POSITIVE_INFINITY
          for (const [s, t] of edges) {
            const [ax, ay] = points[s]
            const [bx, by] = points[t]
            const l2 = (bx - ax) ** 2 + (by - ay) ** 2
            const f = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / l2)) : 0
            best = Math.min(best, Math.hypot(ax + f * (bx - ax) - x, ay + f * (by - ay) - y))
          }
          expect(a.accessM).toBeCloseTo(best, 9)
        },
      ),
    )
  })
})

describe('cappedDistanceMatrix', () => {
  it('is the walking distance between the points where it is below the cap, and the cap elsewhere', () => {
    fc.assert(
      fc.property(randomGraph, fc.integer({ min: 1, max: 1500 }), ({ points, edges, seeds, targets }, cap) => {
        const network = networkOf(
          points,
          edges.map(([s, t, walkable]) => [s, t, walkable ? 'residential' : 'expressway']),
        )
        const graph = buildWalkGraph(network, metres)
        if (graph.edgeCount === 0) return
        const at = ([e, t, a]: [number, number, number]) => ({ edge: e % graph.edgeCount, t, accessM: a })
        const sources = [...seeds.map(at), null]
        const to = [...targets.map(at), null]
        const matrix = cappedDistanceMatrix(new WalkSearch(graph), to, sources, cap)
        const search = new WalkSearch(graph)
        const hit = { meters: 0, label: 0 }
        to.forEach((target, i) => {
          sources.forEach((source, j) => {
            let want = cap
            if (target && source) {
              search.run([source])
              search.distanceTo(target.edge, target.t, target.accessM, hit)
              want = Math.min(cap, hit.meters)
            }
            expect(matrix[i * sources.length + j]).toBeCloseTo(want, 9)
          })
        })
      }),
      { numRuns: 200 },
    )
  })
})
