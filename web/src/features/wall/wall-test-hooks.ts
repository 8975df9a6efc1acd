// Hooks for browser tests and kiosk checks, on `window.__wanggeWall`:
//   ready                 Promise<void>: grids and KPIs loaded and deck.gl has drawn them
//   getKpis()             the KPIs the tiles show
//   getStop()             the tour stop: a street code, or null for the district
//   getLastChange()       the last change shown: {kind, shownAt (ms epoch), count}
//   getStatus()           'connecting' | 'live' | 'reconnecting'
//   getRenderedGridCount() distinct grids drawn in the viewport (deck.gl picking)
//   getCommunityGrids(code) the wall's grids of one community: [{id, households}] by id
import type { MapboxOverlay } from '@deck.gl/mapbox'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { WallKpis } from '../../../../core/api'
import { countRenderedGrids } from '../../map/test-hooks'
import type { WallData } from './use-wall-data'

export interface WallTestHooks {
  ready: Promise<void>
  getKpis: () => WallKpis | null
  getStop: () => string | null
  getLastChange: () => WallData['lastChange']
  getStatus: () => WallData['status']
  getRenderedGridCount: () => number
  getCommunityGrids: (code: string) => { id: number; households: number }[]
}

declare global {
  interface Window {
    __wanggeWall?: WallTestHooks
  }
}

let current: { data: WallData | null; stop: string | null; map: MapLibreMap | null; overlay: MapboxOverlay | null } = {
  data: null,
  stop: null,
  map: null,
  overlay: null,
}
let resolveReady: () => void = () => {}
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve
})

export function exposeWallHooks(): void {
  window.__wanggeWall = {
    ready,
    getKpis: () => current.data?.kpis ?? null,
    getStop: () => current.stop,
    getLastChange: () => current.data?.lastChange ?? null,
    getStatus: () => current.data?.status ?? 'connecting',
    getCommunityGrids: (code) =>
      (current.data?.grids ?? [])
        .filter((g) => g.properties.communityCode === code)
        .map((g) => ({ id: g.properties.id, households: g.properties.households }))
        .sort((a, b) => a.id - b.id),
    getRenderedGridCount: () => countRenderedGrids(current.map, current.overlay),
  }
}

export function updateWallHooks(next: Partial<typeof current>): void {
  current = { ...current, ...next }
}

export function markWallReady(): void {
  resolveReady()
}
