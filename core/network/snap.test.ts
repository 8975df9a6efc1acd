import { describe, expect, it } from 'vitest'
import { haversineDistanceMeters } from '../geo/distance'
import { accessPoint, createSnapIndex, snapPoint } from './snap'
import { buildTopology, type NetworkLine } from './topology'

const X = 117.7
const Y = 39.0
const p = (i: number, j: number): [number, number] => [X + i * 0.001, Y + j * 0.001]
const road = (coords: [number, number][], extra: Partial<NetworkLine> = {}): NetworkLine => ({
  coords,
  class: 'residential',
  walkable: true,
  ...extra,
})

// two parallel east–west streets 222 m apart (j = 0 and j = 2), an expressway between them at j = 1.2
const { network } = buildTopology([
  road([p(0, 0), p(4, 0)], { name: 'south' }),
  road([p(0, 2), p(2, 2), p(4, 2)], { name: 'north' }),
  road([p(0, 1.2), p(4, 1.2)], { class: 'expressway', walkable: false, name: 'expressway' }),
])
const edgeNamed = (name: string) => network.edges.filter((e) => e.name === name).map((e) => e.id)

describe('snapPoint', () => {
  it('joins a building to the nearest walkable edge, at the foot of the perpendicular', () => {
    const index = createSnapIndex(network)
    // 0.6 of the way north: nearer the expressway (closed) and the north street than the south one
    const a = snapPoint(index, X + 0.003, Y + 0.0014)!
    expect(edgeNamed('north')).toContain(a.edgeId)
    expect(a.accessM).toBeCloseTo(haversineDistanceMeters([X + 0.003, Y + 0.0014], [X + 0.003, Y + 0.002]), 0)
    // the north street is one edge from x = 0 to 4 (its middle vertex joins nothing): x = 3 is ¾ along
    expect(a.t).toBeCloseTo(0.75, 2)
    const q = accessPoint(network, a)
    expect(q[0]).toBeCloseTo(X + 0.003, 7)
    expect(q[1]).toBeCloseTo(Y + 0.002, 7)
  })

  it('never joins a closed edge (the expressway), however near', () => {
    const index = createSnapIndex(network)
    const a = snapPoint(index, X + 0.001, Y + 0.00121)!
    expect(edgeNamed('expressway')).not.toContain(a.edgeId)
  })

  it('does not walk across a barrier to reach the street: the nearer one beyond a river is skipped', () => {
    const river: [number, number][] = [p(-1, 1.5), p(5, 1.5)]
    const index = createSnapIndex(network, { barriers: [river] })
    // just north of the river: the north street is 56 m away, the south one 167 m but across the river
    const a = snapPoint(index, X + 0.001, Y + 0.0016)!
    expect(edgeNamed('north')).toContain(a.edgeId)
    // just south of it: the north street is nearer (44 m) but across the river, so the south street
    const b = snapPoint(index, X + 0.001, Y + 0.0014)!
    expect(edgeNamed('south')).toContain(b.edgeId)
    expect(b.accessM).toBeCloseTo(haversineDistanceMeters([X + 0.001, Y + 0.0014], [X + 0.001, Y]), 0)
  })

  it('finds the exact nearest among many segments (against brute force)', () => {
    const lines: NetworkLine[] = []
    for (let i = 0; i < 12; i++) lines.push(road([p(i, 0), p(i, 12)]), road([p(0, i), p(12, i)]))
    const grid = buildTopology(lines).network
    const index = createSnapIndex(grid)
    let seed = 7
    const rand = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    for (let k = 0; k < 100; k++) {
      const lng = X + rand() * 0.012
      const lat = Y + rand() * 0.012
      const got = snapPoint(index, lng, lat)!
      const at = accessPoint(grid, got)
      let best = Infinity
      for (const e of grid.edges) {
        for (let s = 1; s < e.coords.length; s++) {
          for (let f = 0; f <= 1; f += 1 / 100) {
            const q: [number, number] = [
              e.coords[s - 1][0] + f * (e.coords[s][0] - e.coords[s - 1][0]),
              e.coords[s - 1][1] + f * (e.coords[s][1] - e.coords[s - 1][1]),
            ]
            best = Math.min(best, haversineDistanceMeters([lng, lat], q))
          }
        }
      }
      expect(got.accessM).toBeLessThanOrEqual(best + 1e-6)
      expect(got.accessM).toBeCloseTo(haversineDistanceMeters([lng, lat], at), 1)
    }
  })

  it('returns null on a network with no walkable edge', () => {
    const closed = buildTopology([road([p(0, 0), p(1, 0)], { walkable: false, class: 'expressway' })]).network
    expect(snapPoint(createSnapIndex(closed), X, Y)).toBeNull()
  })
})
