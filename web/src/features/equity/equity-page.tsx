// 均等化 / Equalization (/equity), for officials: any indicator as a choropleth over the
// communities, urban vs rural side by side (box plots, medians, spread), Gini and the Lorenz
// curve, the Theil T split into between (the urban–rural gap) and within; a street filter, the
// planned-facilities scenario beside the present, a community scorecard, CSV and a printable report.
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useMemo, useState } from 'react'
import type { CommunityProps, EquityScenario, IndicatorInfo } from '../../../../core/api'
import { quantileBreaks } from '../../../../core/domain/equity'
import { api } from '../../api/client'
import { useI18n } from '../../i18n/i18n-provider'
import { createStreetLayers } from '../../map/layers/boundary-layers'
import { MAP_THEMES } from '../../map/map-theme'
import { type MapHandle, MapView } from '../../map/map-view'
import { LanguageSwitch } from '../../ui/language-switch'
import { BoxPlots, LorenzChart, TheilBar } from './charts'
import { CHOROPLETH_LAYER_ID, createChoroplethLayer } from './choropleth-layer'
import { equityApi } from './equity-api'
import { formatIndicator, indicatorLabel } from './indicator-label'
import { ScorecardCard } from './scorecard-card'
import { useAsync } from './use-async'
import './equity.css'

export const DEFAULT_INDICATOR = 'coverage_share:tier:5min'

export function EquityPage() {
  const { t, language, formatNumber, formatSignedPercent } = useI18n()
  const [indicator, setIndicator] = useState(() => {
    const q = new URLSearchParams(globalThis.location?.search ?? '').get('indicator')
    return q ?? DEFAULT_INDICATOR
  })
  const [street, setStreet] = useState<string | null>(null)
  const [scenario, setScenario] = useState<EquityScenario>('as-is')
  const [selected, setSelected] = useState<string | null>(null)
  const [, setHandle] = useState<MapHandle | null>(null)

  const communities = useAsync((s) => api.communities({}, s), [])
  const streets = useAsync((s) => api.streets({}, s), [])
  const types = useAsync((s) => api.facilityTypes(s), [])
  const table = useAsync((s) => equityApi.table({ street: null, scenario }, s), [scenario])
  const asIs = useAsync((s) => equityApi.compare(indicator, { street, scenario: 'as-is' }, s), [indicator, street])
  const planned = useAsync(
    (s) => equityApi.compare(indicator, { street, scenario: 'with-planned' }, s),
    [indicator, street],
  )
  const card = useAsync(selected ? (s) => equityApi.scorecard(selected, scenario, s) : null, [selected, scenario])

  const typeNames = useMemo(() => new Map((types.data ?? []).map((ft) => [ft.code, ft])), [types.data])
  const catalogue = useMemo(
    () => new Map<string, IndicatorInfo>((table.data?.indicators ?? []).map((i) => [i.code, i])),
    [table.data],
  )
  const info = catalogue.get(indicator) ?? null
  const cmp = scenario === 'as-is' ? asIs.data : planned.data
  const fmt = useCallback(
    (v: number | null | undefined) => formatIndicator(v, info?.unit ?? 'share', formatNumber),
    [info, formatNumber],
  )

  // the choropleth: this indicator's value per community, classes over the shown communities
  const only = useMemo(
    () =>
      street && table.data ? new Set(table.data.rows.filter((r) => r.streetCode === street).map((r) => r.code)) : null,
    [street, table.data],
  )
  const values = useMemo(
    () => new Map((table.data?.rows ?? []).map((r) => [r.code, r.values[indicator] ?? null])),
    [table.data, indicator],
  )
  const breaks = useMemo(
    () => quantileBreaks([...values].filter(([code]) => !only || only.has(code)).map(([, v]) => v)),
    [values, only],
  )
  const layers = useMemo(() => {
    const streetLines = createStreetLayers(streets.data?.features ?? [], {
      theme: MAP_THEMES.light,
      visible: true,
      pickable: false,
      lineWidthPx: 1.5,
    })
    return [
      createChoroplethLayer({
        communities: communities.data?.features ?? [],
        values,
        breaks,
        higherIsBetter: info?.higherIsBetter ?? true,
        selected,
        only,
      }),
      streetLines.line,
    ]
  }, [communities.data, streets.data, values, breaks, info, selected, only])
  const onClick = useCallback((pick: PickingInfo) => {
    if (pick.layer?.id !== CHOROPLETH_LAYER_ID) return
    const props = (pick.object as { properties: CommunityProps } | null)?.properties
    setSelected(props?.code ?? null)
  }, [])

  // the picker, grouped by measure
  const groups = useMemo(() => {
    const byMeasure = new Map<string, IndicatorInfo[]>()
    for (const i of catalogue.values()) byMeasure.set(i.measure, [...(byMeasure.get(i.measure) ?? []), i])
    return [...byMeasure]
  }, [catalogue])

  const gapBefore = asIs.data?.theil.between ?? null
  const gapAfter = planned.data?.theil.between ?? null
  const filter = { street, scenario }

  return (
    <div className="equity-page" data-testid="equity-page">
      <div className="equity-map" data-testid="equity-map">
        <MapView
          layers={layers}
          theme="light"
          basemapUrl={null}
          ariaLabel={t('map.label')}
          onReady={setHandle}
          onClick={onClick}
        />
        {info ? (
          <div className="equity-legend panel">
            <strong>{indicatorLabel(info, typeNames, language, t)}</strong>
            <span className="muted">{t(info.higherIsBetter ? 'equity.darkBetter' : 'equity.darkBetterLow')}</span>
            <span className="muted">
              {breaks.length
                ? `${fmt(breaks[0])} · ${fmt(breaks[Math.floor(breaks.length / 2)])} · ${fmt(breaks.at(-1))}`
                : ''}
            </span>
          </div>
        ) : null}
      </div>
      <aside className="equity-panel">
        <header className="equity-header">
          <div>
            <h1>{t('equity.title')}</h1>
            <span className="muted">{t('equity.subtitle')}</span>
          </div>
          <a href="/" className="muted">
            {t('equity.backToMap')}
          </a>
          <LanguageSwitch />
        </header>

        <section className="equity-section equity-controls">
          <label>
            {t('equity.indicator')}
            <select data-testid="equity-indicator" value={indicator} onChange={(e) => setIndicator(e.target.value)}>
              {groups.map(([measure, list]) => (
                <optgroup key={measure} label={indicatorLabel({ ...list[0], subject: null }, typeNames, language, t)}>
                  {list.map((i) => (
                    <option key={i.code} value={i.code}>
                      {indicatorLabel(i, typeNames, language, t)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            {t('equity.street')}
            <select
              data-testid="equity-street"
              value={street ?? ''}
              onChange={(e) => {
                setStreet(e.target.value || null)
                setSelected(null)
              }}
            >
              <option value="">{t('equity.allStreets')}</option>
              {(streets.data?.features ?? []).map((s) => (
                <option key={s.properties.code} value={s.properties.code}>
                  {s.properties.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="scenario-switch" aria-label={t('equity.scenario')}>
            {(['as-is', 'with-planned'] as const).map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={scenario === s}
                className={scenario === s ? 'active' : ''}
                data-testid={`equity-scenario-${s}`}
                onClick={() => setScenario(s)}
              >
                {t(s === 'as-is' ? 'equity.asIs' : 'equity.withPlanned')}
              </button>
            ))}
          </fieldset>
        </section>

        {cmp ? (
          <section
            className="equity-section"
            data-testid="equity-compare"
            data-indicator={cmp.indicator}
            data-scenario={cmp.scenario}
          >
            <h2>{t('equity.urbanVsRural')}</h2>
            <table className="equity-figures">
              <thead>
                <tr>
                  <th />
                  <th>{t('equity.urban')}</th>
                  <th>{t('equity.rural')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th>{t('equity.median')}</th>
                  <td data-testid="equity-urban-median" data-value={cmp.groups.urban?.median ?? ''}>
                    {fmt(cmp.groups.urban?.median)}
                  </td>
                  <td data-testid="equity-rural-median" data-value={cmp.groups.rural?.median ?? ''}>
                    {fmt(cmp.groups.rural?.median)}
                  </td>
                </tr>
                <tr>
                  <th>{t('equity.spread')}</th>
                  <td>
                    {fmt(cmp.groups.urban?.q1)} – {fmt(cmp.groups.urban?.q3)}
                  </td>
                  <td>
                    {fmt(cmp.groups.rural?.q1)} – {fmt(cmp.groups.rural?.q3)}
                  </td>
                </tr>
                <tr>
                  <th>{t('equity.mean')}</th>
                  <td>{fmt(cmp.groups.urban?.mean)}</td>
                  <td>{fmt(cmp.groups.rural?.mean)}</td>
                </tr>
                <tr>
                  <th>{t('equity.count')}</th>
                  <td data-testid="equity-urban-count" data-value={cmp.groups.urban?.count ?? 0}>
                    {formatNumber(cmp.groups.urban?.count ?? 0)}
                  </td>
                  <td data-testid="equity-rural-count" data-value={cmp.groups.rural?.count ?? 0}>
                    {formatNumber(cmp.groups.rural?.count ?? 0)}
                  </td>
                </tr>
              </tbody>
            </table>
            <BoxPlots
              urban={cmp.groups.urban}
              rural={cmp.groups.rural}
              labels={{ urban: t('equity.urban'), rural: t('equity.rural') }}
              format={(v) => fmt(v)}
            />
            <div className="equity-inequality">
              <LorenzChart points={cmp.lorenz} label={t('equity.lorenz')} />
              <dl>
                <dt>{t('equity.gini')}</dt>
                <dd data-testid="equity-gini" data-value={cmp.gini}>
                  {formatNumber(cmp.gini, 3)}
                </dd>
                <dt>{t('equity.weightedGini')}</dt>
                <dd data-testid="equity-weighted-gini" data-value={cmp.weightedGini}>
                  {formatNumber(cmp.weightedGini, 3)}
                </dd>
                <dt>{t('equity.theilTotal')}</dt>
                <dd data-testid="equity-theil-total" data-value={cmp.theil.total}>
                  {formatNumber(cmp.theil.total, 4)}
                </dd>
              </dl>
            </div>
            <div className="equity-theil">
              <div className="theil-legend">
                <span className="swatch between" /> {t('equity.theilBetween')}{' '}
                <strong data-testid="equity-theil-between" data-value={cmp.theil.between}>
                  {formatNumber(cmp.theil.between, 4)}
                </strong>
                <span className="swatch within" /> {t('equity.theilWithin')}{' '}
                <strong data-testid="equity-theil-within" data-value={cmp.theil.within}>
                  {formatNumber(cmp.theil.within, 4)}
                </strong>
              </div>
              <TheilBar between={cmp.theil.between} within={cmp.theil.within} />
            </div>
            {gapBefore !== null && gapAfter !== null ? (
              <p className="equity-plan" data-testid="equity-plan-gap" data-before={gapBefore} data-after={gapAfter}>
                {t('equity.planGap', {
                  before: formatNumber(gapBefore, 4),
                  after: formatNumber(gapAfter, 4),
                  change: gapBefore >= 1e-3 ? formatSignedPercent((gapAfter - gapBefore) / gapBefore) : '–',
                })}
              </p>
            ) : null}
          </section>
        ) : (
          <section className="equity-section muted">
            {asIs.error || planned.error ? (asIs.error ?? planned.error)!.message : t('equity.loading')}
          </section>
        )}

        {card.data ? (
          <ScorecardCard card={card.data} catalogue={catalogue} types={typeNames} onClose={() => setSelected(null)} />
        ) : (
          <p className="equity-section muted">{t('equity.clickForScorecard')}</p>
        )}

        <section className="equity-section equity-export">
          <a href={equityApi.csvUrl(filter)} download data-testid="equity-csv">
            {t('equity.csv')}
          </a>
          <a href={equityApi.reportUrl(indicator, filter)} target="_blank" rel="noreferrer" data-testid="equity-report">
            {t('equity.report')}
          </a>
        </section>
      </aside>
    </div>
  )
}
