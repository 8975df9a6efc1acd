// The walk network (步行网络) and the analysis on it: the compact graph, snapping, searches,
// walking distances of demand points, isochrones.
export { joinPoints, nearestSeedInto, type PointsOnGraph, pointsWithin } from './buildings-on-edges'
export { buildWalkGraph, type Projection, pointAlong, type WalkGraph } from './graph'
export { MinHeap } from './heap'
export { WalkSearch } from './search'
export { createEdgeSnapper, type EdgeSnapper, type GraphAccess } from './snap'
export type { NetworkAccess, WalkEdge, WalkEdgeClass, WalkNetwork, WalkNode } from './types'
