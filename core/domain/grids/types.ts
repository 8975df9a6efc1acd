// Plain-data inputs shared by the server (PostGIS-computed) and the browser.
// A grid IS a set of whole units; `Assignment[unit] = grid key` (-1 = unassigned).
import { DEFAULT_NORMS } from '../settings/norms'

/** [lng, lat] in degrees, or [x, y] in metres for metric inputs. */
export type LngLat = [number, number]

/** One neighbour of a unit and the length of boundary they share, in metres. */
export interface Neighbor {
  unit: number
  sharedM: number
}

/** Units of one community (or of a street) as parallel arrays indexed by unit. */
export interface UnitGraph {
  ids: string[]
  households: number[]
  residents: number[]
  areaM2: number[]
  perimeterM: number[]
  /** [lng, lat] (or metric [x, y]) of each unit's centroid. */
  centroids: LngLat[]
  /** adjacency[u] = neighbours of unit u; symmetric. */
  adjacency: Neighbor[][]
  /** Community code of each unit; absent = all units in one community. */
  communityIds?: string[]
  /** How centroids are given: 'lngLat' degrees (default) or 'metric' x/y metres. */
  centroidCrs?: 'lngLat' | 'metric'
}

/** unit index → grid key (a non-negative integer), or -1 when unassigned. */
export type Assignment = ArrayLike<number>

export const UNASSIGNED = -1

/** Household band of a grid: target ± tolerance × target (default 300 ± 20% → 240–360). */
export interface GridSettings {
  targetHouseholds: number
  /** Fraction of the target, in [0, 1). */
  tolerance: number
}

export const DEFAULT_GRID_SETTINGS: GridSettings = {
  targetHouseholds: DEFAULT_NORMS.targetHouseholds,
  tolerance: DEFAULT_NORMS.tolerance,
}
