import { describe, expect, it } from 'vitest'
import { buildTopology, type NetworkLine } from './topology'

// a small grid near Tanggu: 0.001° ≈ 86 m east, 111 m north
const X = 117.7
const Y = 39.0
const p = (i: number, j: number): [number, number] => [X + i * 0.001, Y + j * 0.001]
const road = (coords: [number, number][], extra: Partial<NetworkLine> = {}): NetworkLine => ({
  coords,
  class: 'residential',
  walkable: true,
  ...extra,
})

describe('buildTopology', () => {
  it('puts a node where two streets cross at grade, and splits both there', () => {
    const { network, report } = buildTopology([road([p(0, 1), p(2, 1)]), road([p(1, 0), p(1, 2)])])
    expect(report.crossingsNoded).toBe(1)
    expect(network.edges).toHaveLength(4)
    expect(network.nodes).toHaveLength(5)
    const centre = network.nodes.find(
      (n) => Math.abs(n.lng - (X + 0.001)) < 1e-9 && Math.abs(n.lat - (Y + 0.001)) < 1e-9,
    )
    expect(centre).toBeDefined()
    expect(network.edges.filter((e) => e.source === centre!.id || e.target === centre!.id)).toHaveLength(4)
    expect(report.components).toEqual([5])
    expect(report.islands).toEqual([])
  })

  it('leaves a bridge over a street without a node: two pieces, reported as an island', () => {
    const { network, report } = buildTopology([
      road([p(0, 1), p(2, 1)]),
      road([p(1, 0), p(1, 2)], { bridge: true, class: 'bridge' }),
    ])
    expect(report.crossingsNoded).toBe(0)
    expect(report.crossingsPassing).toBe(1)
    expect(network.edges).toHaveLength(2)
    expect(report.components).toEqual([2, 2])
    expect(report.islands).toHaveLength(1)
    expect(report.islands[0].nodes).toBe(2)
  })

  it('does not join lines on different OSM layers, nor a tunnel', () => {
    expect(
      buildTopology([road([p(0, 1), p(2, 1)]), road([p(1, 0), p(1, 2)], { layer: -1 })]).report.crossingsNoded,
    ).toBe(0)
    expect(
      buildTopology([road([p(0, 1), p(2, 1)]), road([p(1, 0), p(1, 2)], { tunnel: true })]).report.crossingsNoded,
    ).toBe(0)
  })

  it('joins lines at a shared vertex and cuts a line at a vertex another line ends on', () => {
    // an L of two lines sharing p(1,1), and a third line ending on the middle vertex of the first
    const { network, report } = buildTopology([
      road([p(0, 0), p(1, 0), p(1, 1)]),
      road([p(1, 1), p(2, 1)]),
      road([p(1, 0), p(1, -1)]),
    ])
    expect(report.crossingsNoded).toBe(0)
    expect(network.edges).toHaveLength(4)
    expect(report.components).toEqual([5])
  })

  it('nodes a T-junction that ends on the middle of a segment', () => {
    const { network, report } = buildTopology([road([p(0, 0), p(2, 0)]), road([p(1, 0), p(1, 1)])])
    expect(report.crossingsNoded).toBe(1)
    expect(network.edges).toHaveLength(3)
    expect(report.components).toEqual([4])
  })

  it('keeps lengths: the pieces of a cut line add up to the line', () => {
    const { network } = buildTopology([road([p(0, 1), p(3, 1)]), road([p(1, 0), p(1, 2)]), road([p(2, 0), p(2, 2)])])
    const east = network.edges.filter((e) => e.coords.every((c) => Math.abs(c[1] - (Y + 0.001)) < 1e-9))
    expect(east).toHaveLength(3)
    const total = east.reduce((s, e) => s + e.lengthM, 0)
    expect(total).toBeCloseTo(3 * 0.001 * 111195 * Math.cos((39.001 * Math.PI) / 180), 0)
  })

  it('drops lines with fewer than two distinct points and reports them', () => {
    const { network, report } = buildTopology([road([p(0, 0), p(0, 0)]), road([p(0, 0), p(1, 0)])])
    expect(report.degenerate).toBe(1)
    expect(network.edges).toHaveLength(1)
  })

  it('reports islands largest first with a place to find each', () => {
    const { report } = buildTopology([
      road([p(0, 0), p(1, 0), p(2, 0)]),
      road([p(2, 0), p(3, 0)]),
      road([p(10, 10), p(11, 10)]),
    ])
    expect(report.components).toEqual([3, 2])
    expect(report.islands[0]).toMatchObject({ nodes: 2 })
    expect(report.islands[0].lng).toBeCloseTo(X + 0.01, 6)
  })
})
