// The walk network (步行网络) and the analysis on it: the compact graph, snapping, searches,
// walking distances of demand points, isochrones.
export { joinPoints, nearestSeedInto, type PointsOnGraph, pointsWithin } from './buildings-on-edges'
export { cappedDistanceMatrix } from './distance-matrix'
export { buildWalkGraph, type Projection, pointAlong, type WalkGraph } from './graph'
export { MinHeap } from './heap'
export { bandArea, type IsochroneBand, type IsochroneOptions, isochrones } from './isochrone'
export { NearestField } from './nearest-field'
export { WalkSearch } from './search'
export {
  accessPoint,
  createEdgeSnapper,
  createSegmentSnapper,
  createSnapIndex,
  type EdgeSnapper,
  type GraphAccess,
  type SnapIndex,
  snapPoint,
} from './snap'
export type { NetworkAccess, WalkEdge, WalkEdgeClass, WalkNetwork, WalkNode } from './types'
