// Synthetic unit graphs with answers known by hand: a lattice of square units (exact adjacency,
// areas and perimeters) and an irregular lattice (jittered points → Voronoi cells).
import { Delaunay } from 'd3-delaunay'
import { seededRandom } from '../../seeded-random'
import { adjacencyFromPolygons, polygonMetrics } from './adjacency'
import { fail } from './errors'
import type { LngLat, Neighbor, UnitGraph } from './types'

export interface LatticeOptions {
  cols: number
  rows: number
  /** Side of each square unit in metres (default 100). */
  sizeM?: number
  /** Households of each unit: one number for all, or a function of (col, row). */
  households: number | ((col: number, row: number) => number)
  /** Residents per household (default 2.5, rounded per unit). */
  residentsPerHousehold?: number
  /** Community of each unit (default: all in one community, no communityIds). */
  community?: (col: number, row: number) => string
}

/**
 * cols × rows square units; unit index = row × cols + col, id `r{row}c{col}`, metric centroid
 * [(col + ½)·size, (row + ½)·size]; rook adjacency, every shared edge = size metres.
 */
export function latticeGraph(options: LatticeOptions): UnitGraph {
  const { cols, rows, sizeM = 100, residentsPerHousehold = 2.5 } = options
  if (!Number.isInteger(cols) || cols < 1 || !Number.isInteger(rows) || rows < 1)
    fail('INVALID_GRAPH', `lattice needs integer cols, rows ≥ 1, got ${cols} × ${rows}`)
  const graph: UnitGraph = {
    ids: [],
    households: [],
    residents: [],
    areaM2: [],
    perimeterM: [],
    centroids: [],
    adjacency: [],
    centroidCrs: 'metric',
  }
  if (options.community) graph.communityIds = []
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) {
      const h = typeof options.households === 'number' ? options.households : options.households(col, row)
      graph.ids.push(`r${row}c${col}`)
      graph.households.push(h)
      graph.residents.push(Math.round(h * residentsPerHousehold))
      graph.areaM2.push(sizeM * sizeM)
      graph.perimeterM.push(4 * sizeM)
      graph.centroids.push([(col + 0.5) * sizeM, (row + 0.5) * sizeM])
      const nbrs: Neighbor[] = []
      // neighbours in ascending index order: below, left, right, above
      if (row > 0) nbrs.push({ unit: (row - 1) * cols + col, sharedM: sizeM })
      if (col > 0) nbrs.push({ unit: row * cols + col - 1, sharedM: sizeM })
      if (col < cols - 1) nbrs.push({ unit: row * cols + col + 1, sharedM: sizeM })
      if (row < rows - 1) nbrs.push({ unit: (row + 1) * cols + col, sharedM: sizeM })
      graph.adjacency.push(nbrs)
      graph.communityIds?.push(options.community!(col, row))
    }
  return graph
}

export interface IrregularOptions {
  cols: number
  rows: number
  /** Lattice spacing in metres (default 150). */
  spacingM?: number
  /** Jitter of each point as a fraction of the spacing (default 0.35). */
  jitter?: number
  /** Households of each unit drawn uniformly from [min, max] (integers). */
  households: [number, number]
  seed?: number
  /** Split the area into this many communities, as vertical strips by centroid (default 1). */
  communities?: number
}

/** An irregular lattice: jittered lattice points, Voronoi cells clipped to the rectangle. */
export function irregularGraph(options: IrregularOptions): UnitGraph & { polygons: LngLat[][][] } {
  const { cols, rows, spacingM = 150, jitter = 0.35, seed = 1, communities = 1 } = options
  const [hMin, hMax] = options.households
  const random = seededRandom(seed)
  // 1. one jittered point per lattice cell
  const points: LngLat[] = []
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++)
      points.push([
        (col + 0.5 + (random() * 2 - 1) * jitter) * spacingM,
        (row + 0.5 + (random() * 2 - 1) * jitter) * spacingM,
      ])
  // 2. Voronoi cells clipped to the lattice rectangle; neighbours share exact vertices
  const widthM = cols * spacingM
  const voronoi = Delaunay.from(points).voronoi([0, 0, widthM, rows * spacingM])
  const polygons = points.map((_, i) => [voronoi.cellPolygon(i) as LngLat[]])
  const adjacency = adjacencyFromPolygons(polygons, { precision: 1e-6 })
  // 3. households, metrics and communities (vertical strips)
  const graph: UnitGraph & { polygons: LngLat[][][] } = {
    ids: points.map((_, i) => `u${i}`),
    households: points.map(() => hMin + Math.floor(random() * (hMax - hMin + 1))),
    residents: [],
    areaM2: [],
    perimeterM: [],
    centroids: [],
    adjacency,
    polygons,
    centroidCrs: 'metric',
  }
  for (const rings of polygons) {
    const m = polygonMetrics(rings)
    graph.areaM2.push(m.areaM2)
    graph.perimeterM.push(m.perimeterM)
    graph.centroids.push(m.centroid)
  }
  graph.residents = graph.households.map((h) => Math.round(h * 2.6))
  if (communities > 1)
    graph.communityIds = graph.centroids.map(
      ([x]) => `c${Math.min(communities - 1, Math.floor((x / widthM) * communities))}`,
    )
  return graph
}
