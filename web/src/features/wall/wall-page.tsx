// The command-centre wall (/wall): full screen, dark, read-only, no login. The district map with
// grids by household deviation and coverage gaps, KPI tiles and alarms; it tours the streets on
// a timer and shows saved edits live (server-sent events).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { snapshotDay } from '../../../../core/domain/indicator-snapshots'
import { bandInHouseholds, bandNorms, DEFAULT_NORMS } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'
import { deviationBreaks, deviationClasses, householdsAtDeviation, rgbaToCss } from '../../map/deviation-colour'
import { DISTRICT_BOUNDS } from '../../map/district-view'
import { geometryBbox } from '../../map/geometry/bbox'
import { type MapHandle, MapView } from '../../map/map-view'
import { markWallReady, updateWallHooks } from '../../testing/probe'
import { AlarmList } from './alarm-list'
import { KpiTiles } from './kpi-tiles'
import { cyclePeriodMs, nextStop, tourStops } from './street-cycle'
import { useWallData } from './use-wall-data'
import {
  ALARM_COLOUR,
  ALARM_KIND_COLOUR,
  alarmGridIds,
  buildWallLayers,
  CHANGED_COLOUR,
  GAP_COLOUR,
} from './wall-layers'
import './wall.css'

/** target·(1 ± tol) → tol */
const bandTolerance = ([low, high]: [number, number]) => (high - low) / (high + low)
const css = ([r, g, b]: number[]) => `rgb(${r}, ${g}, ${b})`
/** How long a change stays highlighted on the map. */
const CHANGE_HIGHLIGHT_MS = 2 * 60_000

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
  // the communities a change touched, highlighted for a while after it was shown
  const recent =
    data.lastChange && now.getTime() - data.lastChange.shownAt < CHANGE_HIGHLIGHT_MS ? data.lastChange : null
  const changedKey = recent ? `${recent.count}:${recent.communities.join(',')}` : ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the change, not the clock
  const changedCommunities = useMemo(() => new Set(recent?.communities ?? []), [changedKey])
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
        alarms,
        changedCommunities,
      }),
    [
      data.streets,
      data.communities,
      data.grids,
      data.gaps,
      alarmIds,
      stop,
      data.kpis,
      lineScale,
      alarms,
      changedCommunities,
    ],
  )

  useEffect(() => {
    updateWallHooks({ data, stop, map: handle?.map ?? null, overlay: handle?.overlay ?? null, layers })
  }, [data, stop, handle, layers])
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
  const timeOptions = { hour12: false, timeZone: 'Asia/Shanghai' } as const
  const clock = now.toLocaleTimeString(language === 'zh' ? 'zh-CN' : 'en-GB', timeOptions)
  const band = bandNorms(data.kpis?.householdBand ?? [240, 360])
  const [bandLow, bandHigh] = bandInHouseholds(band)
  const breaks = deviationBreaks(band.tolerance)
  const changedWhat = recent
    ? recent.kind
        .split(',')
        .map((k) =>
          t(
            k === 'grids'
              ? 'wall.changedKind.grids'
              : k === 'facilities'
                ? 'wall.changedKind.facilities'
                : 'wall.changedKind.other',
          ),
        )
        .filter((w, i, all) => all.indexOf(w) === i)
        .join('、')
    : ''

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
            scaleMaxWidthPx={Math.round(160 * lineScale)}
          />
          {recent && recent.kind !== 'reconnect' ? (
            <div className="wall-change-banner" data-testid="wall-change-banner">
              {t('wall.changed', { what: changedWhat })}
              {recent.communities.length
                ? ` · ${recent.communities
                    .map((code) => data.communities.find((c) => c.properties.code === code)?.properties.name ?? code)
                    .join('、')}`
                : ''}
            </div>
          ) : null}
          <div className="wall-legend" data-testid="wall-legend">
            <div className="wall-legend-title">
              {t('wall.legendDeviation', { target: formatNumber(band.targetHouseholds) })}
            </div>
            <div className="wall-legend-ramp">
              {deviationClasses(band.tolerance).map((c) => (
                <span
                  key={c.index}
                  className={c.inBand ? 'in-band' : undefined}
                  style={{ background: rgbaToCss(c.colour) }}
                  title={String(c.index)}
                />
              ))}
            </div>
            <div className="wall-legend-scale">
              <span>&lt; {formatNumber(householdsAtDeviation(band.targetHouseholds, breaks[0]))}</span>
              <span className="in-band-label">
                {formatNumber(bandLow)}–{formatNumber(bandHigh)} {t('legend.inBand')}
              </span>
              <span>&gt; {formatNumber(householdsAtDeviation(band.targetHouseholds, breaks[breaks.length - 1]))}</span>
            </div>
            <span>
              <i style={{ background: css(GAP_COLOUR) }} /> {t('wall.legendGaps')}
              {data.gaps ? ` · ${t('wall.uncovered', { n: formatNumber(data.gaps.totalUncoveredHouseholds) })}` : ''}
            </span>
            <span>
              <i className="outline" style={{ borderColor: css(ALARM_COLOUR) }} /> {t('wall.legendAlarm')}
            </span>
            <span>
              <i className="ring" style={{ borderColor: css(ALARM_KIND_COLOUR.coverage_gap) }} />{' '}
              {t('wall.legendAlarmPoint')}
            </span>
            <span>
              <i className="outline" style={{ borderColor: css(CHANGED_COLOUR) }} /> {t('wall.legendChanged')}
            </span>
          </div>
        </div>
        <aside className="wall-side">
          {data.kpis ? (
            <KpiTiles kpis={data.kpis} today={snapshotDay(now)} />
          ) : (
            <p className="wall-muted">{t('wall.loading')}</p>
          )}
          <AlarmList alarms={alarms} />
          <footer className="wall-footer">
            {data.lastChange ? (
              <span data-testid="wall-last-change">
                {t('wall.updated', {
                  time: new Date(data.lastChange.shownAt).toLocaleTimeString(
                    language === 'zh' ? 'zh-CN' : 'en-GB',
                    timeOptions,
                  ),
                })}
              </span>
            ) : null}
            {data.kpis?.trend ? (
              <span data-testid="wall-trend-since">
                {t('wall.trendsRecorded', {
                  since:
                    language === 'zh'
                      ? `${Number(data.kpis.trend.since.slice(5, 7))}月${Number(data.kpis.trend.since.slice(8, 10))}日`
                      : data.kpis.trend.since,
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
