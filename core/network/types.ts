// The walk network (步行网络): the contract between the network layer (generation, import,
// storage, snapping) and the analysis on it (walking distances, coverage, isochrones, siting).
// Coordinates are lng/lat (EPSG:4326, CGCS2000 treated as WGS84); lengths in metres.

/** What an edge is, as far as walking goes. */
export type WalkEdgeClass =
  | 'footway' // paths, pedestrian streets, paths through compounds
  | 'residential' // streets between units
  | 'arterial' // main roads between communities
  | 'bridge' // crossing of a river or canal
  | 'level_crossing' // crossing of a railway
  | 'underpass' // under an expressway or railway
  | 'expressway' // no pedestrian access (walkable: false)

export interface WalkNode {
  id: number
  lng: number
  lat: number
}

/** One edge between two nodes; pedestrians walk it both ways. */
export interface WalkEdge {
  id: number
  source: number
  target: number
  lengthM: number
  class: WalkEdgeClass
  /** false where pedestrians may not walk (expressways); analysis skips such edges */
  walkable: boolean
  /** the line from source to target, lng/lat */
  coords: [number, number][]
  /** passes over what it crosses (no node where it meets a line below); absent: false */
  bridge?: boolean
  /** passes under what it crosses; absent: false */
  tunnel?: boolean
  name?: string
}

export interface WalkNetwork {
  nodes: WalkNode[]
  edges: WalkEdge[]
}

/** Where a point (building, facility, planned site) joins the network: on edge `edgeId` at
 *  fraction `t` (0 at source, 1 at target) of its length, reached by `accessM` metres off it. */
export interface NetworkAccess {
  edgeId: number
  t: number
  accessM: number
}

/** What a barrier is: walking crosses it only where an edge does (a bridge, level crossing, underpass). */
export type WalkBarrierKind = 'river' | 'canal' | 'railway' | 'expressway' | 'port'

/** A barrier (障碍) as a line, lng/lat. */
export interface WalkBarrier {
  kind: WalkBarrierKind
  name: string
  coords: [number, number][]
}
