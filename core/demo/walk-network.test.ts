import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { networkComponents } from '../network/components'
import { segmentCrossing } from '../network/geometry'
import type { WalkBarrier } from '../network/types'
import { generateWalkNetwork } from './walk-network'

// 12 × 12 square units of 0.003° (≈ 260 m × 333 m) near Tanggu; two communities, west and east
const X = 117.6
const Y = 39.0
const S = 0.003
const N = 12
const at = (i: number, j: number): [number, number] => [X + i * S, Y + j * S]
const square = (i0: number, j0: number, i1: number, j1: number): MultiPolygon => {
  const ring: [number, number][] = []
  for (let i = i0; i < i1; i++) ring.push(at(i, j0))
  for (let j = j0; j < j1; j++) ring.push(at(i1, j))
  for (let i = i1; i > i0; i--) ring.push(at(i, j1))
  for (let j = j1; j > j0; j--) ring.push(at(i0, j))
  ring.push(at(i0, j0))
  return { type: 'MultiPolygon', coordinates: [[ring]] }
}
const units: { geom: MultiPolygon }[] = []
for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) units.push({ geom: square(i, j, i + 1, j + 1) })
const communities = [{ geom: square(0, 0, N / 2, N) }, { geom: square(N / 2, 0, N, N) }]
// a river across the whole block from west to east, between rows 5 and 6 (≈ 3.1 km long)
const river: WalkBarrier = { kind: 'river', name: '试验河', coords: [at(-0.5, 5.5), at(N + 0.5, 5.5)] }
const railway: WalkBarrier = { kind: 'railway', name: '试验铁路', coords: [at(2.5, -0.5), at(2.5, N + 0.5)] }

describe('generateWalkNetwork', () => {
  const { network } = generateWalkNetwork({ units, arterialBoundaries: communities, barriers: [river] })

  it('puts a street on every unit boundary once, nodes at the shared corners', () => {
    // (N+1) vertical lines of N segments and as many horizontal, less the N+1 the river cuts but its bridges
    const bridges = network.edges.filter((e) => e.class === 'bridge')
    expect(network.edges.length).toBe(2 * (N + 1) * N - (N + 1) + bridges.length)
    expect(network.nodes.length).toBe((N + 1) * (N + 1))
  })

  it('makes the boundary between communities an arterial, the rest residential', () => {
    const arterial = network.edges.filter((e) => e.class === 'arterial')
    expect(arterial.length).toBeGreaterThan(0)
    // the dividing line x = 6 and the outer boundary are arterials; inner streets are residential
    expect(
      arterial.every(
        (e) =>
          e.coords.every((c) => [0, N / 2, N].some((i) => Math.abs(c[0] - at(i, 0)[0]) < 1e-9)) ||
          e.coords.every((c) => [0, N].some((j) => Math.abs(c[1] - at(0, j)[1]) < 1e-9)),
      ),
    ).toBe(true)
    expect(network.edges.some((e) => e.class === 'residential')).toBe(true)
  })

  it('crosses the river only on bridges, about every 2 km, and stays one piece', () => {
    const crossing = network.edges.filter(
      (e) => segmentCrossing(river.coords[0], river.coords[1], e.coords[0], e.coords[e.coords.length - 1]) !== null,
    )
    expect(crossing.length).toBeGreaterThan(0)
    expect(crossing.length).toBeLessThanOrEqual(2)
    expect(crossing.every((e) => e.class === 'bridge' && e.bridge === true)).toBe(true)
    expect(networkComponents(network).sizes).toEqual([network.nodes.length])
  })

  it('prefers an arterial for a crossing', () => {
    const bridges = network.edges.filter((e) => e.class === 'bridge')
    // the arterial at x = 6 lies ≈ 1.55 km along the river, within half a spacing of the first pick
    expect(bridges.some((e) => Math.abs(e.coords[0][0] - at(N / 2, 0)[0]) < 1e-9)).toBe(true)
  })

  it('adds back a crossing where barriers would cut a piece off', () => {
    // the railway and the river cut the block into four; each piece keeps a way out
    const cut = generateWalkNetwork({ units, arterialBoundaries: communities, barriers: [river, railway] }).network
    expect(networkComponents(cut).sizes).toEqual([cut.nodes.length])
    expect(cut.edges.some((e) => e.class === 'level_crossing')).toBe(true)
  })

  it('stores an expressway as an edge closed to pedestrians, joined to no street', () => {
    const expressway: WalkBarrier = { kind: 'expressway', name: '试验高速', coords: [at(-1, 8.5), at(N + 1, 8.5)] }
    const net = generateWalkNetwork({ units, arterialBoundaries: communities, barriers: [expressway] }).network
    const closed = net.edges.filter((e) => !e.walkable)
    expect(closed).toHaveLength(1)
    expect(closed[0].class).toBe('expressway')
    const streetNodes = new Set(net.edges.filter((e) => e.walkable).flatMap((e) => [e.source, e.target]))
    expect(streetNodes.has(closed[0].source) || streetNodes.has(closed[0].target)).toBe(false)
    expect(net.edges.filter((e) => e.class === 'underpass').every((e) => e.tunnel === true)).toBe(true)
    expect(net.edges.some((e) => e.class === 'underpass')).toBe(true)
  })

  it('is deterministic', () => {
    const again = generateWalkNetwork({ units, arterialBoundaries: communities, barriers: [river] })
    expect(again.network).toEqual(network)
  })
})
