// The coverage mode's left panel: facility type (grouped by tier), scenario, district figures,
// the selected community's share, the worst grids / compounds with fly-to, the editor's name and
// "add a facility", and the "where to build" panel.
import {
  type CommunityProps,
  exportPath,
  type FacilityType,
  type Feature,
  type StreetProps,
  tierLabel,
} from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { DownloadChoices } from '../../ui/download-choices'
import { SignedInAs } from '../auth/signed-in-as'
import { SitingPanel } from './siting-panel'
import type { CoverageModeState } from './use-coverage'
import type { useWalk } from './use-walk'
import { WalkSection } from './walk-section'
import { WorstLists } from './worst-lists'
import './coverage.css'

const TIERS = ['5min', '10min', '15min', 'village'] as const

export interface CoveragePanelProps {
  state: CoverageModeState
  facilityTypes: FacilityType[]
  communities: ReadonlyMap<string, { properties: CommunityProps }>
  streets: Feature<StreetProps, GeoJSON.MultiPolygon>[]
  /** the community to show the share of (selected, or the selected facility's) */
  communityCode: string | null
  onSelectFacility: (id: number) => void
  /** isochrones of the selected facility and the barrier effect (walking distances) */
  walk: ReturnType<typeof useWalk>
  show: ShowOnMap
}

/** Fly to a list's row or a proposed site and outline it until the next selection (features/search). */
export interface ShowOnMap {
  row: (
    kind: 'grid' | 'unit' | 'community',
    key: string,
    query: string,
    bbox?: readonly [number, number, number, number],
  ) => void
  point: (lngLat: readonly [number, number], name: string) => void
}

export function CoveragePanel(props: CoveragePanelProps) {
  const { state, facilityTypes, communities, streets, communityCode, onSelectFacility, walk } = props
  const { t, language, formatNumber } = useI18n()
  const pct = (share: number) => t('unit.percent', { n: formatNumber(share * 100, 1) })
  const typeName = (ft: FacilityType) => (language === 'zh' ? ft.nameZh : ft.nameEn)
  const type = facilityTypes.find((ft) => ft.code === state.typeCode)
  const s = state.figures.summary
  const community = communityCode ? state.figures.communityShares.get(communityCode) : undefined
  const communityName = communityCode ? (communities.get(communityCode)?.properties.name ?? communityCode) : ''
  return (
    <section className="coverage-panel panel" aria-labelledby="coverage-title" data-testid="coverage-panel">
      <h3 id="coverage-title">{t('cov.title')}</h3>
      <label className="cov-field">
        <span>{t('cov.type')}</span>
        <select value={state.typeCode} onChange={(e) => state.chooseType(e.target.value)} data-testid="coverage-type">
          {TIERS.map((tier) => (
            <optgroup key={tier} label={tierLabel(tier, t)}>
              {facilityTypes
                .filter((ft) => ft.tier === tier)
                .map((ft) => (
                  <option key={ft.code} value={ft.code}>
                    {typeName(ft)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <fieldset className="cov-switch" aria-label={t('cov.scenario')}>
        {(['as-is', 'with-planned'] as const).map((sc) => (
          <button
            key={sc}
            type="button"
            aria-pressed={state.scenario === sc}
            onClick={() => state.setScenario(sc)}
            data-testid={`scenario-${sc}`}
          >
            {t(sc === 'as-is' ? 'cov.asIs' : 'cov.withPlanned')}
          </button>
        ))}
      </fieldset>
      <WalkSection
        method={s?.method ?? state.method ?? 'radius'}
        setMethod={state.setMethod}
        type={type}
        barrier={walk.barrier}
        isochrones={walk.isochrones}
        flyTo={state.flyTo}
      />
      {s ? (
        <dl className="figure-list cov-figures">
          <div className="figure">
            <dt>{t('cov.share')}</dt>
            <dd data-testid="coverage-district-share">{pct(s.totals.share)}</dd>
          </div>
          <div className="figure">
            <dt>{t('cov.covered')}</dt>
            <dd>{t('unit.households', { n: formatNumber(s.totals.covered) })}</dd>
          </div>
          <div className="figure">
            <dt>{t('cov.unserved')}</dt>
            <dd data-testid="coverage-unserved" className="tone-bad">
              {t('unit.households', { n: formatNumber(s.totals.unserved) })}
            </dd>
          </div>
          <div className="figure">
            <dt>{t('cov.urbanRural')}</dt>
            <dd>
              {pct(s.urban.share)} · {pct(s.rural.share)}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('cov.loading')}</p>
      )}
      {state.figures.scenarioShares ? (
        <p className="cov-compare" data-testid="coverage-compare">
          {t('cov.compare', {
            asIs: pct(state.figures.scenarioShares['as-is']),
            planned: pct(state.figures.scenarioShares['with-planned']),
          })}
        </p>
      ) : null}
      {state.figures.tierShare ? (
        <p className="cov-compare" data-testid="coverage-tier-share">
          {t('cov.tierShare', {
            tier: tierLabel(state.figures.tierShare.tier, t),
            share: pct(state.figures.tierShare.share),
          })}
        </p>
      ) : null}
      {community ? (
        <div className="cov-community" data-testid="coverage-community">
          <span className="muted">{t('cov.communityShare', { name: communityName })}</span>
          <strong data-testid="coverage-community-share">{pct(community.share)}</strong>
          <span className="muted" data-testid="coverage-community-unserved">
            {t('cov.unservedOf', {
              n: formatNumber(community.unserved),
              total: formatNumber(community.households),
            })}
          </span>
        </div>
      ) : null}
      <div className="cov-legend">
        <span className="swatch round" style={{ background: '#6a1b9a' }} /> {t('cov.legendGap')}
        <br />
        <span className="swatch" style={{ background: 'linear-gradient(90deg, #b2182b, #f4c542, #1b7f3b)' }} />{' '}
        {t('cov.legendShare')}
      </div>

      <DownloadChoices
        title={t('download.analysis')}
        testId="coverage-downloads"
        links={[
          {
            id: 'type',
            label: t('download.coverageGaps'),
            href: (choice) =>
              exportPath('coverage-gaps', { ...choice, type: state.typeCode, scenario: state.scenario }),
          },
          ...(type
            ? [
                {
                  id: 'tier',
                  label: t('download.coverageTier', { tier: tierLabel(type.tier, t) }),
                  href: (choice: Parameters<typeof exportPath>[1]) =>
                    exportPath('coverage-gaps', { ...choice, tier: type.tier, scenario: state.scenario }),
                },
              ]
            : []),
        ]}
      />

      <WorstLists state={state} communities={communities} onSelectFacility={onSelectFacility} show={props.show} />

      <h4>{t('cov.editTitle')}</h4>
      <SignedInAs label={t('cov.author')} testId="editor-name" className="cov-field" />
      <div className="cov-row">
        <button
          type="button"
          aria-pressed={state.addStatus === 'existing'}
          onClick={() => state.setAddStatus(state.addStatus === 'existing' ? null : 'existing')}
          data-testid="add-existing"
        >
          {t('cov.addExisting')}
        </button>
        <button
          type="button"
          aria-pressed={state.addStatus === 'planned'}
          onClick={() => state.setAddStatus(state.addStatus === 'planned' ? null : 'planned')}
          data-testid="add-planned"
        >
          {t('cov.addPlanned')}
        </button>
      </div>
      {state.addStatus ? <p className="muted">{t('cov.addHint')}</p> : <p className="muted">{t('cov.dragHint')}</p>}
      {state.feedback.message ? (
        <p className={`tone-${state.feedback.message.tone} cov-message`} role="status" data-testid="coverage-message">
          {state.feedback.message.text}
        </p>
      ) : null}

      <SitingPanel
        state={state}
        streets={streets}
        communities={communities}
        typeName={type ? typeName(type) : state.typeCode}
        show={props.show}
      />
    </section>
  )
}
