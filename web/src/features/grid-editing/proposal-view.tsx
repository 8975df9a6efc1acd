// A proposal against the current grids and the west → east baseline, with accept and reject.
// Presentation only.
import type { Proposal } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

export function ProposalView(props: { proposal: Proposal; busy: boolean; onAccept: () => void; onReject: () => void }) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  const p = props.proposal
  const pct = (x: number) => `${formatNumber(x * 100, 1)}%`
  const columns = [
    { key: 'current', title: t('edit.current'), f: p.current },
    { key: 'proposed', title: t('edit.proposed'), f: p.proposed },
    { key: 'baseline', title: t('edit.baseline'), f: p.baseline },
  ]
  return (
    <div className="edit-proposal" data-testid="edit-proposal">
      <table className="edit-table">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('edit.fig.grids')}</td>
            {columns.map((c) => (
              <td key={c.key}>{c.f.grids}</td>
            ))}
          </tr>
          <tr>
            <td>{t('edit.fig.inBand')}</td>
            {columns.map((c) => (
              <td key={c.key} data-testid={`proposal-in-band-${c.key}`}>
                {pct(c.f.shareInBand)}
              </td>
            ))}
          </tr>
          <tr>
            <td>{t('edit.fig.meanDev')}</td>
            {columns.map((c) => (
              <td key={c.key}>{pct(c.f.meanAbsDeviation)}</td>
            ))}
          </tr>
          <tr>
            <td>{t('edit.fig.compactness')}</td>
            {columns.map((c) => (
              <td key={c.key}>{formatNumber(c.f.meanPolsbyPopper, 3)}</td>
            ))}
          </tr>
          <tr>
            <td>{t('edit.fig.moved')}</td>
            {columns.map((c) => (
              <td key={c.key}>{c.f.unitsMoved ?? '—'}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <details data-testid="proposal-grids">
        <summary>
          {t('edit.proposalGridsTitle', { n: p.proposedGrids.length })} ·{' '}
          {t('edit.fig.time', { ms: formatNumber(p.elapsedMs, 1) })}
        </summary>
        <table className="edit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('edit.col.households')}</th>
              <th>{t('edit.col.deviation')}</th>
              <th>{t('edit.fig.compactness')}</th>
            </tr>
          </thead>
          <tbody>
            {p.proposedGrids.map((g, i) => (
              <tr key={g.key}>
                <td>{i + 1}</td>
                <td>{formatNumber(g.households)}</td>
                <td className={g.inBand ? 'tone-good' : 'tone-bad'}>{formatSignedPercent(g.deviation)}</td>
                <td>{formatNumber(g.polsbyPopper, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="header-row">
        <button type="button" onClick={props.onAccept} disabled={props.busy || p.edits.length === 0}>
          {t('edit.accept')}
        </button>
        <button type="button" onClick={props.onReject} disabled={props.busy}>
          {t('edit.reject')}
        </button>
      </div>
    </div>
  )
}
