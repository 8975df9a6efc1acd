// Test builds only: hooks for browser tests and kiosk checks on `window.__wanggeWall`, on the
// wall page, from what the wall records in probe.ts:
//   ready                 Promise<void>: grids and KPIs loaded and deck.gl has drawn them
//   getKpis()             the KPIs the tiles show
//   getStop()             the tour stop: a street code, or null for the district
//   getLastChange()       the last change shown: {kind, shownAt (ms epoch), count}
//   getStatus()           'connecting' | 'live' | 'reconnecting'
//   getRenderedGridCount() distinct grids drawn in the viewport (deck.gl picking)
//   getCommunityGrids(code) the wall's grids of one community: [{id, households}] by id
//   getLayerSize(id)      how many items a deck.gl layer of the wall draws (-1: no such layer)
import type { WallKpis } from '../../../core/api'
import type { WallData } from '../features/wall/use-wall-data'
import { countRenderedGrids } from './map-hooks'
import { probe } from './probe'

export interface WallTestHooks {
  ready: Promise<void>
  getKpis: () => WallKpis | null
  getStop: () => string | null
  getLastChange: () => WallData['lastChange']
  getStatus: () => WallData['status']
  getRenderedGridCount: () => number
  getCommunityGrids: (code: string) => { id: number; households: number }[]
  getLayerSize: (id: string) => number
}

declare global {
  interface Window {
    __wanggeWall?: WallTestHooks
  }
}

export function wallHooks(): WallTestHooks {
  return {
    ready: probe.wallReady.promise,
    getKpis: () => probe.wall.data?.kpis ?? null,
    getStop: () => probe.wall.stop,
    getLastChange: () => probe.wall.data?.lastChange ?? null,
    getStatus: () => probe.wall.data?.status ?? 'connecting',
    getCommunityGrids: (code) =>
      (probe.wall.data?.grids ?? [])
        .filter((g) => g.properties.communityCode === code)
        .map((g) => ({ id: g.properties.id, households: g.properties.households }))
        .sort((a, b) => a.id - b.id),
    getRenderedGridCount: () => countRenderedGrids(probe.wall.map, probe.wall.overlay),
    getLayerSize: (id) => {
      const layer = (probe.wall.layers ?? []).find((l) => l.id === id)
      return layer ? ((layer.props.data as unknown[] | undefined)?.length ?? 0) : -1
    },
  }
}
