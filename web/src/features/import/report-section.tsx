// Step 5: the dry run's report: what the commit would do (counts), one row per problem (the
// first ones here, all of them in the CSV), and the figures that would change.
import type { DryRunResult } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { PREVIEW_STATUSES } from '../../map/layers/import-preview-layers'
import { importApi } from './import-api'
import { problemLabel } from './problem-label'

const SHOWN_PROBLEMS = 50
const SHOWN_CHANGES = 12

function Counts({ result }: { result: DryRunResult }) {
  const { t, formatNumber } = useI18n()
  return (
    <dl className="figure-list import-counts">
      {PREVIEW_STATUSES.map((s) => (
        <div key={s} className="figure">
          <dt>
            <span className={`import-swatch status-${s}`} /> {t(`import.status.${s}`)}
          </dt>
          <dd
            data-testid={`import-count-${s}`}
            className={s === 'rejected' && result.counts.rejected > 0 ? 'tone-bad' : undefined}
          >
            {formatNumber(result.counts[s])}
          </dd>
        </div>
      ))}
    </dl>
  )
}

function Problems({ result }: { result: DryRunResult }) {
  const { t, formatNumber, language } = useI18n()
  return (
    <div data-testid="import-problems" data-count={result.problemCount}>
      <div className="import-row">
        <strong>{t('import.problems', { n: formatNumber(result.problemCount) })}</strong>
        <a href={importApi.problemsCsvUrl(result.id, language)} download data-testid="import-problems-csv">
          {t('import.problemsCsv')}
        </a>
      </div>
      {result.problems.length > 0 ? (
        <table className="import-table">
          <thead>
            <tr>
              <th>{t('import.problem.row')}</th>
              <th>{t('import.problem.key')}</th>
              <th>{t('import.problem.what')}</th>
              <th>{t('import.problem.action')}</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
              <tr
                key={`${p.row}|${p.code}|${p.key}|${p.message}`}
                className={p.severity === 'error' ? 'tone-bad' : undefined}
              >
                <td>{p.row || '—'}</td>
                <td>{p.key ?? ''}</td>
                <td title={p.code}>
                  {problemLabel(p.code, t)}
                  <div className="muted">{p.message}</div>
                </td>
                <td>{p.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.problemCount > SHOWN_PROBLEMS ? (
        <div className="muted">{t('import.moreInCsv', { n: formatNumber(result.problemCount - SHOWN_PROBLEMS) })}</div>
      ) : null}
    </div>
  )
}

type Change = DryRunResult['figures']['communities'][number]

function Changes({ title, rows, testId }: { title: string; rows: Change[]; testId: string }) {
  const { t, formatNumber } = useI18n()
  if (rows.length === 0) return null
  return (
    <div data-testid={testId}>
      <div>{title}</div>
      <table className="import-table">
        <tbody>
          {rows.slice(0, SHOWN_CHANGES).map((r) => (
            <tr key={r.code} data-code={r.code}>
              <td>{r.name}</td>
              <td className="num">{formatNumber(r.before)}</td>
              <td>→</td>
              <td className="num" data-testid="after">
                {formatNumber(r.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN_CHANGES ? (
        <div className="muted">{t('import.moreChanges', { n: formatNumber(rows.length - SHOWN_CHANGES) })}</div>
      ) : null}
    </div>
  )
}

function Figures({ result }: { result: DryRunResult }) {
  const { t, formatNumber } = useI18n()
  const f = result.figures
  const arrow = (a: { before: number; after: number }) => `${formatNumber(a.before)} → ${formatNumber(a.after)}`
  return (
    <div className="import-figures">
      <dl className="figure-list">
        <div className="figure">
          <dt>{t('panel.households')}</dt>
          <dd data-testid="import-households">{arrow(f.households)}</dd>
        </div>
        <div className="figure">
          <dt>{t('panel.residents')}</dt>
          <dd>{arrow(f.residents)}</dd>
        </div>
        <div className="figure">
          <dt>{t('import.outOfBand')}</dt>
          <dd data-testid="import-out-of-band">{arrow(f.gridsOutOfBand)}</dd>
        </div>
        <div className="figure">
          <dt>{t('import.outsideGrids')}</dt>
          <dd data-testid="import-outside-grids">{arrow(f.householdsOutsideGrids)}</dd>
        </div>
      </dl>
      <Changes title={t('import.communityChanges')} rows={f.communities} testId="import-figure-communities" />
      <Changes title={t('import.gridChanges')} rows={f.grids} testId="import-figure-grids" />
      {f.unitsSplitBetweenGrids.length > 0 ? (
        <div data-testid="import-split" className="muted">
          {t('import.split', { n: formatNumber(f.unitsSplitBetweenGrids.length) })}:{' '}
          {f.unitsSplitBetweenGrids.slice(0, SHOWN_CHANGES).join('、')}
        </div>
      ) : null}
      {f.gridsNotWholeUnits.length > 0 ? (
        <div data-testid="import-not-whole" className="muted">
          {t('import.notWhole', { n: formatNumber(f.gridsNotWholeUnits.length) })}:{' '}
          {f.gridsNotWholeUnits.slice(0, SHOWN_CHANGES).join('、')}
        </div>
      ) : null}
    </div>
  )
}

export function ReportSection({ result }: { result: DryRunResult }) {
  const { t } = useI18n()
  return (
    <section className="import-section" data-testid="import-report">
      <h3>{t('import.step.report')}</h3>
      <Counts result={result} />
      {result.notices.length > 0 ? (
        <ul className="import-notices">
          {result.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <Problems result={result} />
      <Figures result={result} />
    </section>
  )
}
