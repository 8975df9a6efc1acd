// Everything the wall shows, kept live: streets, communities and grids for the map, the KPI tiles
// of the current tour stop, and the coverage-gap points. A change event refetches what it can
// have touched (a grid edit: that community's grids; a facility edit: the gaps; always the
// KPIs); a reconnect refetches everything, since changes may have been missed meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommunityProps, Feature, StreetProps, WallGaps, WallKpis } from '../../../../core/api'
import { type ChangeMessage, type LiveStatus, subscribeToChanges } from '../../api/live-changes'
import type { GridFeature } from '../../map/layers/grid-layer'
import { wallApi } from './wall-api'

/** Events arriving closer together than this are handled as one refresh. */
const COALESCE_MS = 100
/** Unattended safety net: everything is refetched this often even when no event arrives. */
const FULL_REFRESH_MS = 5 * 60_000

export interface WallData {
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  communities: Feature<CommunityProps, GeoJSON.MultiPolygon>[]
  grids: GridFeature[]
  kpis: WallKpis | null
  gaps: WallGaps | null
  status: LiveStatus
  /** the last change applied: what and when it was shown */
  lastChange: { kind: string; shownAt: number; count: number; communities: string[] } | null
  error: string | null
}

interface Pending {
  all: boolean
  gaps: boolean
  communities: Set<string>
  kinds: Set<string>
  /** every community a change named (highlighted on the map for a while) */
  touched: Set<string>
}

const emptyPending = (): Pending => ({
  all: false,
  gaps: false,
  communities: new Set(),
  kinds: new Set(),
  touched: new Set(),
})

export function useWallData(stop: string | null): WallData {
  const [data, setData] = useState<WallData>({
    streets: [],
    communities: [],
    grids: [],
    kpis: null,
    gaps: null,
    status: 'connecting',
    lastChange: null,
    error: null,
  })
  const stopRef = useRef(stop)
  stopRef.current = stop
  const pending = useRef<Pending>(emptyPending())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  /** the first full load: a kiosk that booted while the server was down retries once the stream opens */
  const firstLoad = useRef<'loading' | 'loaded' | 'failed'>('loading')
  const lastJson = useRef(new Map<string, string>())
  const fail = useCallback((error: unknown) => setData((d) => ({ ...d, error: (error as Error).message })), [])

  const loadKpis = useCallback(async () => {
    const kpis = await wallApi.kpis(stopRef.current)
    if (kpis.street === stopRef.current) setData((d) => ({ ...d, kpis, error: null }))
  }, [])

  const loadAll = useCallback(async () => {
    const [streets, communities, grids, gaps] = await Promise.all([
      wallApi.streets(),
      wallApi.communities(),
      wallApi.grids(null),
      wallApi.gaps(),
    ])
    // keep the arrays the map already has when nothing changed (a reconnect, the periodic refresh):
    // new arrays would make deck.gl tessellate every polygon again. Decided here, outside the state
    // updater, which React may call twice.
    const changed = (key: string, value: unknown) => {
      const text = JSON.stringify(value)
      if (lastJson.current.get(key) === text) return false
      lastJson.current.set(key, text)
      return true
    }
    const next: Partial<WallData> = { error: null }
    if (changed('streets', streets.features)) next.streets = streets.features
    if (changed('communities', communities.features)) next.communities = communities.features
    if (changed('grids', grids.features)) next.grids = grids.features
    if (changed('gaps', gaps)) next.gaps = gaps
    setData((d) => ({ ...d, ...next }))
    await loadKpis()
    firstLoad.current = 'loaded'
  }, [loadKpis])

  const forgetJson = useCallback(<T>(key: string, value: T): T => {
    lastJson.current.delete(key)
    return value
  }, [])

  // apply the changes gathered since the last refresh
  const flush = useCallback(async () => {
    timer.current = null
    const p = pending.current
    pending.current = emptyPending()
    try {
      if (p.all) await loadAll()
      else {
        const jobs: Promise<unknown>[] = [loadKpis()]
        if (p.gaps) jobs.push(wallApi.gaps().then((gaps) => setData((d) => ({ ...d, gaps: forgetJson('gaps', gaps) }))))
        for (const code of p.communities) {
          jobs.push(
            wallApi.grids(code).then((page) =>
              setData((d) => ({
                ...d,
                grids: forgetJson('grids', [
                  ...d.grids.filter((g) => g.properties.communityCode !== code),
                  ...page.features,
                ]),
              })),
            ),
          )
        }
        await Promise.all(jobs)
      }
      const kind = [...p.kinds].join(',') || 'reconnect'
      setData((d) => ({
        ...d,
        lastChange: { kind, shownAt: Date.now(), count: (d.lastChange?.count ?? 0) + 1, communities: [...p.touched] },
      }))
    } catch (error) {
      if (firstLoad.current === 'loading') firstLoad.current = 'failed'
      fail(error)
    }
  }, [loadAll, loadKpis, fail, forgetJson])

  const schedule = useCallback(
    (change: ChangeMessage | null) => {
      const p = pending.current
      if (change === null) p.all = true
      else {
        p.kinds.add(change.kind)
        if (change.communityCode) p.touched.add(change.communityCode)
        if (change.kind === 'facilities') p.gaps = true
        else if (change.kind === 'grids' && change.communityCode) p.communities.add(change.communityCode)
        else p.all = true
      }
      timer.current ??= setTimeout(flush, COALESCE_MS)
    },
    [flush],
  )

  // first load, then live
  useEffect(() => {
    loadAll().catch((error) => {
      firstLoad.current = 'failed'
      fail(error)
    })
    const stopLive = subscribeToChanges({
      onChange: (change) => schedule(change),
      onReconnect: () => schedule(null),
      onStatus: (status) => {
        setData((d) => ({ ...d, status }))
        // a kiosk that started while the server was down loads once the stream opens
        if (status === 'live' && firstLoad.current === 'failed') {
          firstLoad.current = 'loading'
          schedule(null)
        }
      },
    })
    const refresh = setInterval(() => schedule(null), FULL_REFRESH_MS)
    return () => {
      stopLive()
      clearInterval(refresh)
      if (timer.current) clearTimeout(timer.current)
    }
  }, [loadAll, schedule, fail])

  // a new tour stop: its KPIs
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the stop changes
  useEffect(() => {
    loadKpis().catch(fail)
  }, [stop, loadKpis, fail])

  return data
}
