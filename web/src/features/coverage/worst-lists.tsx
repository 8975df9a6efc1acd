// The coverage panel's lists: the worst grids, compounds or communities (level and order to choose,
// a click flies there) and the facilities of the type that fall short of a standard.
import type { CommunityProps, CoverageRow } from '../../../../core/api'
import { communityShortName, gridName } from '../../../../core/domain/place-names'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import type { ShowOnMap } from './coverage-panel'
import type { CoverageModeState } from './use-coverage'

export interface WorstListsProps {
  state: CoverageModeState
  communities: ReadonlyMap<string, { properties: CommunityProps }>
  onSelectFacility: (id: number) => void
  show: ShowOnMap
}

export function WorstLists({ state, communities, onSelectFacility, show }: WorstListsProps) {
  const { t, formatNumber } = useI18n()
  const pct = (share: number) => t('unit.percent', { n: formatNumber(share * 100, 1) })
  // facilities of the type that fall short of a standard, by name
  const problems = [...state.figures.compliance.values()]
    .filter((c) => !c.compliant && state.figures.facilityById.has(c.id))
    .map((c) => ({
      feature: state.figures.facilityById.get(c.id)!,
      problems: c.problems,
      activityRequired: c.activityRequired,
    }))
  const rowName = (row: CoverageRow) => {
    const c = row.communityCode ? communities.get(row.communityCode)?.properties.name : undefined
    if (state.worstList.level === 'community') return row.name
    // the one naming rule: 紫云园社区第7网格; a unit under its community's short name
    if (state.worstList.level === 'grid') return c && /^\d{15}$/.test(row.key) ? gridName(c, row.key) : row.name
    return c ? `${communityShortName(c)} ${row.name}` : row.name
  }
  return (
    <>
      <h4>{t('cov.worstTitle')}</h4>
      <div className="cov-row">
        <select
          value={state.worstList.level}
          onChange={(e) => state.worstList.setLevel(e.target.value as 'grid' | 'unit' | 'community')}
          aria-label={t('cov.worstLevel')}
        >
          <option value="grid">{t('cov.levelGrid')}</option>
          <option value="unit">{t('cov.levelUnit')}</option>
          <option value="community">{t('panel.community')}</option>
        </select>
        <select
          value={state.worstList.sort}
          onChange={(e) => state.worstList.setSort(e.target.value as 'unserved' | 'share')}
          aria-label={t('cov.sortBy')}
        >
          <option value="unserved">{t('cov.sortUnserved')}</option>
          <option value="share">{t('cov.sortShare')}</option>
        </select>
      </div>
      <ol className="cov-worst" data-testid="worst-list">
        {state.figures.worst.map((row) => (
          <li key={row.key}>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                const level = state.worstList.level
                // a unit row's key is its id: look it up by name; grids and communities by code
                show.row(level, row.key, level === 'unit' ? row.name : row.key, row.bbox)
              }}
              data-testid="worst-row"
            >
              <span>{rowName(row)}</span>
              <span className="tone-bad">{formatNumber(row.unserved)}</span>
              <span className="muted">{pct(row.share)}</span>
            </button>
          </li>
        ))}
      </ol>

      {problems.length > 0 ? (
        <details className="cov-problems" data-testid="compliance-list">
          <summary>{t('cov.problemsTitle', { n: problems.length })}</summary>
          <ol>
            {problems.slice(0, 50).map(({ feature, problems: list, activityRequired }) => (
              <li key={feature.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const [lng, lat] = feature.geometry.coordinates
                    state.flyTo([lng - 0.006, lat - 0.005, lng + 0.006, lat + 0.005])
                    onSelectFacility(feature.id as number)
                  }}
                >
                  {feature.properties.name}
                </button>{' '}
                <span className="tone-bad">
                  {list
                    .map((p) =>
                      t(`cov.problem.${p}` as MessageKey, { min: formatNumber((activityRequired ?? 0) * 100, 0) }),
                    )
                    .join('、')}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  )
}
