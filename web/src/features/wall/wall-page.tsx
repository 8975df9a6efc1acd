// The command-centre wall (/wall): full screen, dark, read-only, no login. The district map with
// grids by household deviation and coverage gaps, KPI tiles and alarms; it tours the streets on
// a timer and shows saved edits live (server-sent events).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { DEFAULT_NORMS } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'
import { DISTRICT_BOUNDS } from '../../map/district-view'
import { geometryBbox } from '../../map/geometry/bbox'
import { type MapHandle, MapView } from '../../map/map-view'
import { markWallReady, updateWallHooks } from '../../testing/probe'
import { AlarmList } from './alarm-list'
import { KpiTiles } from './kpi-tiles'
import { cyclePeriodMs, nextStop, tourStops } from './street-cycle'
import { useWallData } from './use-wall-data'
import { ALARM_COLOUR, alarmGridIds, buildWallLayers, GAP_COLOUR } from './wall-layers'
import './wall.css'

/** target·(1 ± tol) → tol */
const bandTolerance = ([low, high]: [number, number]) => (high - low) / (high + low)
const css = ([r, g, b]: number[]) => `rgb(${r}, ${g}, ${b})`

/** Keeps a kiosk screen awake where the browser allows it (Screen Wake Lock API); a no-op elsewhere. */
function useWakeLock() {
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null
    const nav = navigator as Navigator & {
      wakeLock?: { request: (type: 'screen') => Promise<{ release: () => Promise<void> }> }
    }
    const request = () => {
      nav.wakeLock?.request('screen').then(
        (l) => {
          lock = l
        },
        () => {},
      )
    }
    request()
    const onVisible = () => {
      if (document.visibilityState === 'visible') request()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      document.removeEventListener('visibilitychange', onVisible)
      lock?.release().catch(() => {})
    }
  }, [])
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(id)
  }, [])
  return now
}

export function WallPage() {
  const { t, language, formatNumber } = useI18n()
  const [stop, setStop] = useState<string | null>(null)
  const data = useWallData(stop)
  const [handle, setHandle] = useState<MapHandle | null>(null)
  const now = useClock()
  useWakeLock()
  const period = useMemo(() => cyclePeriodMs(globalThis.location?.search ?? ''), [])
  const lineScale = Math.max(1, (globalThis.innerWidth ?? 1920) / 1920)

  // the tour: next street every period
  const stops = useMemo(() => tourStops(data.streets.map((s) => s.properties.code)), [data.streets])
  useEffect(() => {
    if (period === 0 || stops.length < 2) return
    const id = setInterval(() => setStop((s) => nextStop(stops, s)), period)
    return () => clearInterval(id)
  }, [period, stops])

  // fly to the stop
  useEffect(() => {
    const map = handle?.map
    if (!map) return
    const street = stop ? data.streets.find((s) => s.properties.code === stop) : null
    const box = street ? geometryBbox(street.geometry) : DISTRICT_BOUNDS
    if (!box) return
    const padding = Math.round(40 * lineScale)
    map.fitBounds(box, { padding, duration: street ? 1500 : 1000, maxZoom: 13 })
  }, [handle, stop, data.streets, lineScale])

  const alarms = data.kpis?.alarms ?? []
  const alarmIds = useMemo(() => alarmGridIds(alarms), [alarms])
  const layers = useMemo(
    () =>
      buildWallLayers({
        streets: data.streets,
        communities: data.communities,
        grids: data.grids,
        gaps: data.gaps,
        alarmGridIds: alarmIds,
        focusStreet: stop,
        tolerance: data.kpis ? bandTolerance(data.kpis.householdBand) : DEFAULT_NORMS.tolerance,
        lineScale,
      }),
    [data.streets, data.communities, data.grids, data.gaps, alarmIds, stop, data.kpis, lineScale],
  )

  useEffect(() => {
    updateWallHooks({ data, stop, map: handle?.map ?? null, overlay: handle?.overlay ?? null })
  }, [data, stop, handle])
  const loaded = data.grids.length > 0 && data.kpis !== null
  // ready once a frame was drawn after the loaded grids reached the overlay (MapView, a child, hands
  // the layers over in its effect, which runs before this one), not a camera frame before them
  const gridsInOverlay = useRef(false)
  useEffect(() => {
    gridsInOverlay.current = layers.length > 0 && data.grids.length > 0
  }, [layers, data.grids])
  const onAfterRender = useCallback(() => {
    if (loaded && gridsInOverlay.current) markWallReady()
  }, [loaded])

  const stopName = stop
    ? (data.streets.find((s) => s.properties.code === stop)?.properties.name ?? stop)
    : t('wall.district')
  const statusText = t(
    data.status === 'live' ? 'wall.live' : data.status === 'reconnecting' ? 'wall.reconnecting' : 'wall.connecting',
  )
  const clock = now.toLocaleTimeString(language === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })

  return (
    <div className="wall" data-testid="wall">
      <header className="wall-header">
        <h1>{t('wall.title')}</h1>
        <div className="wall-stop" data-testid="wall-stop">
          {stopName}
        </div>
        <div className={`wall-status status-${data.status}`} data-testid="wall-status">
          <span className="wall-dot" />
          {statusText}
        </div>
        <div className="wall-clock">{clock}</div>
      </header>
      <main className="wall-main">
        <div className="wall-map" data-testid="wall-map">
          <MapView
            layers={layers}
            theme="dark"
            basemapUrl={null}
            ariaLabel={t('map.label')}
            onReady={setHandle}
            onAfterRender={onAfterRender}
          />
          <div className="wall-legend">
            <span>
              <i style={{ background: css(GAP_COLOUR) }} /> {t('wall.legendGaps')}
              {data.gaps ? ` · ${t('wall.uncovered', { n: formatNumber(data.gaps.totalUncoveredHouseholds) })}` : ''}
            </span>
            <span>
              <i className="outline" style={{ borderColor: css(ALARM_COLOUR) }} /> {t('wall.legendAlarm')}
            </span>
          </div>
        </div>
        <aside className="wall-side">
          {data.kpis ? <KpiTiles kpis={data.kpis} /> : <p className="wall-muted">{t('wall.loading')}</p>}
          <AlarmList alarms={alarms} />
          <footer className="wall-footer">
            {data.lastChange ? (
              <span data-testid="wall-last-change">
                {t('wall.updated', {
                  time: new Date(data.lastChange.shownAt).toLocaleTimeString(language === 'zh' ? 'zh-CN' : 'en-GB', {
                    hour12: false,
                  }),
                })}
              </span>
            ) : null}
            {data.error ? <span className="wall-error">{data.error}</span> : null}
          </footer>
        </aside>
      </main>
    </div>
  )
}
