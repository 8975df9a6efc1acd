// The district's grids as they were on a past date, drawn over today's on an overlay of their own
// (the same fill by deviation and outlines as the live grid layer), with a date picker.
import { MapboxOverlay } from '@deck.gl/mapbox'
import { useEffect, useRef, useState } from 'react'
import type { GridPage } from '../../../../core/api'
import { api } from '../../api/client'
import { useI18n } from '../../i18n/i18n-provider'
import { createGridFeatureLayer } from '../../map/layers/grid-layer'
import { MAP_THEMES, type ThemeName } from '../../map/map-theme'
import type { MapHandle } from '../../map/map-view'

export function AsOfMap(props: { handle: MapHandle | null; tolerance: number; theme: ThemeName }) {
  const { t, formatNumber } = useI18n()
  const [date, setDate] = useState('')
  const [page, setPage] = useState<GridPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const overlay = useRef<MapboxOverlay | null>(null)

  useEffect(() => {
    const map = props.handle?.map
    if (!map) return
    const o = new MapboxOverlay({ interleaved: false, layers: [] })
    map.addControl(o)
    overlay.current = o
    return () => {
      overlay.current = null
      map.removeControl(o)
    }
  }, [props.handle])

  useEffect(() => {
    setError(null)
    if (!date) return setPage(null)
    const controller = new AbortController()
    api.grids({ asOf: date }, controller.signal).then(
      (p) => !controller.signal.aborted && setPage(p),
      (e: Error) => !controller.signal.aborted && setError(e.message),
    )
    return () => controller.abort()
  }, [date])

  useEffect(() => {
    overlay.current?.setProps({
      layers: page
        ? [
            createGridFeatureLayer(page.features, {
              theme: MAP_THEMES[props.theme],
              tolerance: props.tolerance,
              visible: true,
              outlines: true,
            }),
          ]
        : [],
    })
  }, [page, props.tolerance, props.theme])

  return (
    <section className="panel" data-testid="as-of-map">
      <h3>{t('edit.asOf')}</h3>
      <div className="edit-tools">
        <input type="date" data-testid="as-of-map-date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="button" disabled={!date} onClick={() => setDate('')}>
          {t('edit.asOfClear')}
        </button>
      </div>
      {page ? (
        <div className="muted" data-testid="as-of-map-count">
          {t('edit.asOfCount', { date, n: formatNumber(page.total) })}
        </div>
      ) : null}
      {error ? <div className="tone-bad">{error}</div> : null}
    </section>
  )
}
