// "Where to build": k new sites by MCLP, the fewest to reach a share by LSCP, or p-median in a
// street; the answer lists each site with the households it newly covers, before/after, the gap
// to the bound, "adopt as planned", and a download of the result (every format, with provenance).
import { useState } from 'react'
import type { CommunityProps, Feature, StreetProps } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { DownloadChoices } from '../../ui/download-choices'
import type { SitingModel } from './coverage-api'
import type { ShowOnMap } from './coverage-panel'
import { siteName } from './site-name'
import type { CoverageModeState } from './use-coverage'

export interface SitingPanelProps {
  state: CoverageModeState
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  communities: ReadonlyMap<string, { properties: CommunityProps }>
  typeName: string
  show: ShowOnMap
}

export function SitingPanel({ state, streets, communities, typeName, show }: SitingPanelProps) {
  const { t, formatNumber } = useI18n()
  const [model, setModel] = useState<SitingModel>('mclp')
  const [k, setK] = useState(5)
  const [target, setTarget] = useState(50)
  const [candidates, setCandidates] = useState<'grid-centroids' | 'unit-centroids' | 'drawn'>('grid-centroids')
  const [street, setStreet] = useState('')
  const pct = (share: number) => t('unit.percent', { n: formatNumber(share * 100, 1) })
  const p = state.siting.proposal
  const run = () => {
    const body: Record<string, unknown> = {
      candidates: candidates === 'drawn' ? { points: state.siting.drawnCandidates } : candidates,
    }
    if (street) body.street = street
    if (model === 'lscp') body.targetShare = target / 100
    else body.k = k
    void state.siting.runSiting(model, body)
  }
  return (
    <div className="cov-siting" data-testid="siting-panel">
      <h4>{t('cov.sitingTitle')}</h4>
      <div className="cov-row">
        <select value={model} onChange={(e) => setModel(e.target.value as SitingModel)} data-testid="siting-model">
          <option value="mclp">{t('cov.mclp')}</option>
          <option value="lscp">{t('cov.lscp')}</option>
          <option value="p-median">{t('cov.pMedian')}</option>
        </select>
        {model === 'lscp' ? (
          <label>
            {t('cov.target')}{' '}
            <input
              type="number"
              min={1}
              max={100}
              value={target}
              onChange={(e) => setTarget(Number(e.target.value))}
              className="cov-number"
            />
            %
          </label>
        ) : (
          <label>
            k{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={k}
              onChange={(e) => setK(Number(e.target.value))}
              className="cov-number"
              data-testid="siting-k"
            />
          </label>
        )}
      </div>
      <div className="cov-row">
        <select
          value={candidates}
          onChange={(e) => setCandidates(e.target.value as typeof candidates)}
          aria-label={t('cov.candidates')}
        >
          <option value="grid-centroids">{t('cov.gridCentroids')}</option>
          <option value="unit-centroids">{t('cov.unitCentroids')}</option>
          <option value="drawn">{t('cov.drawnPoints', { n: state.siting.drawnCandidates.length })}</option>
        </select>
        <select value={street} onChange={(e) => setStreet(e.target.value)} aria-label={t('cov.street')}>
          <option value="">{t('cov.wholeDistrict')}</option>
          {streets.map((s) => (
            <option key={s.properties.code} value={s.properties.code}>
              {s.properties.name}
            </option>
          ))}
        </select>
      </div>
      {candidates === 'drawn' ? (
        <div className="cov-row">
          <button
            type="button"
            aria-pressed={state.siting.drawing}
            onClick={() => state.siting.setDrawing(!state.siting.drawing)}
            data-testid="siting-draw"
          >
            {state.siting.drawing ? t('cov.drawStop') : t('cov.drawStart')}
          </button>
          <button type="button" onClick={() => state.siting.setDrawnCandidates([])}>
            {t('cov.drawClear')}
          </button>
        </div>
      ) : null}
      {model === 'p-median' && !street ? <p className="muted">{t('cov.pMedianHint')}</p> : null}
      <button type="button" onClick={run} disabled={state.feedback.busy} data-testid="siting-run">
        {state.feedback.busy ? t('cov.solving') : t('cov.run')}
      </button>
      {p ? (
        <div className="cov-result" data-testid="siting-result">
          <p>
            {p.model === 'p-median'
              ? t('cov.resultDistance', {
                  before: formatNumber((p.before.totalDistance ?? 0) / Math.max(1, p.totalHouseholds), 0),
                  after: formatNumber((p.after.totalDistance ?? 0) / Math.max(1, p.totalHouseholds), 0),
                })
              : t('cov.resultShare', { before: pct(p.before.share), after: pct(p.after.share) })}
          </p>
          {p.note ? <p className="muted">{p.note}</p> : null}
          <p className="muted">
            {p.method === 'exact'
              ? t('cov.exact', { ms: formatNumber(p.solveMillis, 0) })
              : t('cov.gap', { gap: formatNumber(p.gapPercent ?? Number.NaN, 2), ms: formatNumber(p.solveMillis, 0) })}
          </p>
          <ol className="cov-sites">
            {p.sites.map((site) => (
              <li key={`${site.rank}-${site.candidate}`} data-testid="siting-site">
                {(() => {
                  const name =
                    siteName(
                      site,
                      site.communityCode ? communities.get(site.communityCode)?.properties.name : undefined,
                      (n) => t('cov.siteGrid', { n }),
                    ) ?? t('cov.siteUnnamed', { n: site.rank })
                  return (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => show.point(site.lngLat as [number, number], name)}
                      data-testid="siting-site-name"
                    >
                      {name}
                    </button>
                  )
                })()}
                <span>
                  {p.model === 'p-median'
                    ? t('cov.siteSaves', { n: formatNumber(site.newlyCoveredHouseholds / 1000, 0) })
                    : t('cov.siteCovers', { n: formatNumber(site.newlyCoveredHouseholds) })}
                </span>
                <button
                  type="button"
                  onClick={() =>
                    void state.siting.adoptSite(site, t('cov.adoptedName', { type: typeName, n: site.rank }))
                  }
                  disabled={state.feedback.busy}
                  data-testid="siting-adopt"
                >
                  {t('cov.adopt')}
                </button>
              </li>
            ))}
          </ol>
          <DownloadChoices
            title={t('download.siting')}
            testId="siting-downloads"
            initialFormat="xlsx"
            links={[
              {
                id: 'sites',
                label: t('download.sitingSites', { n: p.sites.length }),
                href: ({ format, crs }) =>
                  `/api/exports/siting?${new URLSearchParams({ format, ...(crs === 'wgs84' ? {} : { crs }) })}`,
                body: p,
              },
            ]}
          />
        </div>
      ) : null}
    </div>
  )
}
