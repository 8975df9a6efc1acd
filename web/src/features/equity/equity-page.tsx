// 均等化 / Equalization (/equity), for officials: any indicator as a choropleth over the
// communities, urban vs rural side by side (box plots, medians, spread), Gini and the Lorenz
// curve, the Theil T split into between (the urban–rural gap) and within; a street filter, the
// planned-facilities scenario beside the present, a community scorecard, CSV and a printable report.
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useMemo, useState } from 'react'
import { type CommunityProps, type EquityScenario, exportPath } from '../../../../core/api'
import { quantileBreaks } from '../../../../core/domain/equity'
import { useI18n } from '../../i18n/i18n-provider'
import { createStreetLayers } from '../../map/layers/boundary-layers'
import { MAP_THEMES } from '../../map/map-theme'
import { type MapHandle, MapView } from '../../map/map-view'
import { DownloadChoices } from '../../ui/download-choices'
import { LanguageSwitch } from '../../ui/language-switch'
import { CHOROPLETH_LAYER_ID, createChoroplethLayer } from './choropleth-layer'
import { ComparisonSection } from './comparison-section'
import { equityApi } from './equity-api'
import { EquityControls } from './equity-controls'
import { formatIndicator, indicatorLabel } from './indicator-label'
import { ScorecardCard } from './scorecard-card'
import { useEquityData } from './use-equity-data'
import './equity.css'

export const DEFAULT_INDICATOR = 'coverage_share:tier:5min'

export function EquityPage() {
  const { t, language, formatNumber } = useI18n()
  const [indicator, setIndicator] = useState(() => {
    const q = new URLSearchParams(globalThis.location?.search ?? '').get('indicator')
    return q ?? DEFAULT_INDICATOR
  })
  const [street, setStreet] = useState<string | null>(null)
  const [scenario, setScenario] = useState<EquityScenario>('as-is')
  const [selected, setSelected] = useState<string | null>(null)
  const [, setHandle] = useState<MapHandle | null>(null)

  const { communities, streets, table, asIs, planned, card, typeNames, catalogue, groups } = useEquityData({
    indicator,
    street,
    scenario,
    selected,
  })
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

        <EquityControls
          indicator={indicator}
          setIndicator={setIndicator}
          groups={groups}
          typeNames={typeNames}
          streets={streets.data?.features ?? []}
          street={street}
          setStreet={(code) => {
            setStreet(code)
            setSelected(null)
          }}
          scenario={scenario}
          setScenario={setScenario}
        />

        {cmp ? (
          <ComparisonSection cmp={cmp} gapBefore={gapBefore} gapAfter={gapAfter} fmt={fmt} />
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
          <DownloadChoices
            title={t('download.equity')}
            testId="equity-downloads"
            initialFormat="xlsx"
            links={[
              {
                id: 'indicators',
                label: t('download.equity'),
                href: (choice) =>
                  exportPath('equity-indicators', { ...choice, scenario, ...(street ? { street } : {}) }),
              },
            ]}
          />
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
