// The urban vs rural comparison of one indicator: medians, spread, means and counts side by side,
// box plots, the Lorenz curve with Gini, the Theil T split into between and within, and how the
// planned facilities change the urban–rural gap.
import type { Comparison } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { BoxPlots, LorenzChart, TheilBar } from './charts'

export interface ComparisonSectionProps {
  cmp: Comparison
  /** the urban–rural gap (Theil between) as is and with the planned facilities, when both are loaded */
  gapBefore: number | null
  gapAfter: number | null
  fmt: (value: number | null | undefined) => string
}

export function ComparisonSection({ cmp, gapBefore, gapAfter, fmt }: ComparisonSectionProps) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  return (
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
  )
}
