// Small walk networks for tests, built in plain metres (use with the `metres` projection).
import type { Projection } from './graph'
import type { WalkEdge, WalkEdgeClass, WalkNetwork } from './types'

/** The identity projection: the network's "lng/lat" are already metres. */
export const metres: Projection = (lng, lat) => ({ xMeters: Float64Array.from(lng), yMeters: Float64Array.from(lat) })

/** A network from node points and [source, target, class?] edges drawn as straight lines. */
export function networkOf(points: [number, number][], edges: [number, number, WalkEdgeClass?][]): WalkNetwork {
  return {
    nodes: points.map(([x, y], id) => ({ id, lng: x, lat: y })),
    edges: edges.map(([s, t, cls = 'residential'], id): WalkEdge => {
      const a = points[s]
      const b = points[t]
      return {
        id: 1000 + id,
        source: s,
        target: t,
        lengthM: Math.hypot(a[0] - b[0], a[1] - b[1]),
        class: cls,
        walkable: cls !== 'expressway',
        coords: [a, b],
      }
    }),
  }
}

/**
 * Two banks of a river (y < 0 and y > 100), each a street grid of `size` × `size` blocks of
 * `block` metres, joined by ONE bridge at x = bridgeX; an expressway along the north bank is not walkable.
 */
export function riverWithOneBridge(size = 10, block = 100, bridgeX = 900): WalkNetwork {
  const points: [number, number][] = []
  const edges: [number, number, WalkEdgeClass?][] = []
  const id = new Map<string, number>()
  const node = (x: number, y: number) => {
    const key = `${x},${y}`
    let i = id.get(key)
    if (i === undefined) {
      i = points.length
      points.push([x, y])
      id.set(key, i)
    }
    return i
  }
  for (const [y0, dir] of [
    [0, -1],
    [100, 1],
  ] as const)
    for (let i = 0; i <= size; i++)
      for (let j = 0; j <= size; j++) {
        const x = i * block
        const y = y0 + dir * j * block
        if (i < size) edges.push([node(x, y), node(x + block, y)])
        if (j < size) edges.push([node(x, y), node(x, y + dir * block)])
      }
  edges.push([node(bridgeX, 0), node(bridgeX, 100), 'bridge'])
  // an expressway straight across at x = 0 that pedestrians may not use
  edges.push([node(0, 0), node(0, 100), 'expressway'])
  return networkOf(points, edges)
}
