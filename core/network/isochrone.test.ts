import { booleanPointInPolygon } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { bandArea, buildWalkGraph, createEdgeSnapper, isochrones, WalkSearch } from '.'
import { metres, riverWithOneBridge } from './test-networks'

const inside = (polygons: [number, number][][][], x: number, y: number) =>
  polygons.length > 0 && booleanPointInPolygon([x, y], { type: 'MultiPolygon', coordinates: polygons })

describe('isochrones', () => {
  const graph = buildWalkGraph(riverWithOneBridge(), metres)
  const from = createEdgeSnapper(graph).snap(300, -50)!
  const [b300, b500, b1000] = isochrones(new WalkSearch(graph), from, [300, 500, 1000])

  it('cover what is within walking distance and stop at the river where there is no bridge', () => {
    expect(inside(b300.polygons, 300, -300)).toBe(true) // 250 m down the street
    expect(inside(b300.polygons, 300, -450)).toBe(false) // 400 m
    expect(inside(b500.polygons, 300, -450)).toBe(true)
    // straight across the river, 200 m away as the crow flies, but 1,350 m on foot via the bridge
    expect(inside(b1000.polygons, 300, 150)).toBe(false)
    // …while the bridge (650 m on foot) is inside the 1,000 m band and its north end too
    expect(inside(b1000.polygons, 900, 50)).toBe(true)
    expect(inside(b1000.polygons, 900, 200)).toBe(true)
  })

  it('nest: each band inside the next, with more network walked', () => {
    expect(bandArea(b300)).toBeGreaterThan(0)
    expect(bandArea(b500)).toBeGreaterThan(bandArea(b300))
    expect(bandArea(b1000)).toBeGreaterThan(bandArea(b500))
    expect(b500.networkMeters).toBeGreaterThan(b300.networkMeters)
    // exterior rings counter-clockwise (RFC 7946)
    for (const band of [b300, b500, b1000])
      for (const polygon of band.polygons) expect(bandArea({ ...band, polygons: [[polygon[0]]] })).toBeGreaterThan(0)
  })
})
