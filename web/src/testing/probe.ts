// What the running app records for browser tests. Production code only writes here: no window
// globals, and nothing reads it. A test build (`vite build --mode test-hooks`, see main.tsx) also
// loads testing/install.ts, which puts hooks on window that read these records.
import type { MapboxOverlay } from '@deck.gl/mapbox'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { BarrierEffect, GridSummary, Isochrones } from '../../../core/api'
import type { CoverageModeState } from '../features/coverage/use-coverage'
import type { EditorTestHooks } from '../features/grid-editing/editor-test-hooks'
import type { Selection } from '../features/selection/selection'
import type { WallData } from '../features/wall/use-wall-data'
import type { Language } from '../i18n/dictionaries'
import type { OutlinedFeature } from '../map/layers/selection-layer'

/** The district map page's current objects. */
export interface TestHookSources {
  map: MapLibreMap | null
  overlay: MapboxOverlay | null
  /** every grid's figures, label point and box (the shapes are in the tiles) */
  grids: { properties: GridSummary }[]
  selection: Selection
  select: (selection: Selection) => void
  language: Language
  editor?: EditorTestHooks | null
  /** the outline the selection layer draws (a selected or found feature) */
  outlined?: OutlinedFeature | null
}

/** The coverage mode's current state, and how to turn a position into page pixels. */
export interface CoverageSources {
  state: CoverageModeState
  /** isochrones and the barrier effect (walking distances), when the mode has them */
  walk?: { isochrones: Isochrones | null; barrier: BarrierEffect | null }
  project: (lngLat: [number, number]) => { x: number; y: number } | null
}

/** The wall's current objects. */
export interface WallSources {
  data: WallData | null
  stop: string | null
  map: MapLibreMap | null
  overlay: MapboxOverlay | null
  /** the deck.gl layers the wall handed the overlay */
  layers?: readonly { id: string; props: { data?: unknown } }[]
}

/** A promise settled once, from outside. */
export interface Milestone {
  promise: Promise<void>
  settle: (error?: Error) => void
}

function milestone(): Milestone {
  let settled = false
  let resolve: () => void = () => {}
  let reject: (error: Error) => void = () => {}
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => {}) // a test that never awaits it must not see an unhandled rejection
  return {
    promise,
    settle(error) {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve()
    },
  }
}

export const probe = {
  map: {
    map: null,
    overlay: null,
    grids: [],
    selection: null,
    select: () => {},
    language: 'zh',
  } as TestHookSources,
  /** the grid figures are loaded and deck.gl has drawn a frame (or they failed) */
  mapReady: milestone(),
  coverage: null as CoverageSources | null,
  wall: { data: null, stop: null, map: null, overlay: null } as WallSources,
  /** the wall's grids and KPIs are loaded and drawn */
  wallReady: milestone(),
}

/** Keeps the map page's records pointing at the app's current objects. */
export function updateTestHookSources(next: Partial<TestHookSources>): void {
  probe.map = { ...probe.map, ...next }
}

export function markMapReady(): void {
  probe.mapReady.settle()
}

export function markMapFailed(message: string): void {
  probe.mapReady.settle(new Error(message))
}

/** Points the records at the current coverage state (call on every render of the mode). */
export function updateCoverageTestHooks(
  state: CoverageModeState,
  project: CoverageSources['project'],
  walk?: CoverageSources['walk'],
): void {
  probe.coverage = { state, project, walk }
}

export function updateWallHooks(next: Partial<WallSources>): void {
  probe.wall = { ...probe.wall, ...next }
}

export function markWallReady(): void {
  probe.wallReady.settle()
}
