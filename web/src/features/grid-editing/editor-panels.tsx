// The sections of the edit panel: live totals, the pending operation's preview, the integrity
// report, proposals, history and grids as of a date. Presentation only: figures come computed.
import type { GridPage, Proposal, Revision } from '../../../../core/api'
import type { GridDiff, IntegrityReport } from '../../../../core/domain/grids'
import { tolerancePercent } from '../../../../core/domain/settings'
import { useI18n } from '../../i18n/i18n-provider'
import type { GridBand } from '../settings/grid-band'
import type { GridRow } from './editor-model'

type Colours = Map<number, [number, number, number]>
const swatch = (c: [number, number, number] | undefined) => ({
  background: c ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : '#ccc',
})

export function GridTable(props: {
  rows: GridRow[]
  colours: Colours
  active: number | null
  label: (key: number) => string
  onActivate: (key: number) => void
}) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  return (
    <table className="edit-table" data-testid="edit-grid-table">
      <thead>
        <tr>
          <th>{t('edit.col.grid')}</th>
          <th>{t('edit.col.households')}</th>
          <th>{t('edit.col.residents')}</th>
          <th>{t('edit.col.deviation')}</th>
          <th>{t('edit.col.connected')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr
            key={r.key}
            className={r.key === props.active ? 'active' : undefined}
            onClick={() => props.onActivate(r.key)}
            data-testid={`edit-grid-${r.key}`}
          >
            <td>
              <span className="swatch" style={swatch(props.colours.get(r.key))} />
              {props.label(r.key)}
            </td>
            <td data-testid="households">{formatNumber(r.households)}</td>
            <td>{formatNumber(r.residents)}</td>
            <td className={r.inBand ? 'tone-good' : 'tone-bad'}>{formatSignedPercent(r.deviation)}</td>
            <td className={r.connected ? 'tone-good' : 'tone-bad'}>
              {r.connected ? t('edit.yes') : t('edit.pieces', { n: r.pieces })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PreviewBox(props: { diff: GridDiff[] | null; error: string | null; label: (key: number) => string }) {
  const { t, formatNumber, formatSignedPercent } = useI18n()
  return (
    <div className="edit-preview" data-testid="edit-preview">
      <div className="muted">{t('edit.preview')}</div>
      {props.error ? <div className="tone-bad">{t('edit.error', { message: props.error })}</div> : null}
      {!props.error && (!props.diff || props.diff.length === 0) ? (
        <div className="muted">{t('edit.previewNone')}</div>
      ) : null}
      {props.diff?.map((d) => (
        <div key={d.grid} className="edit-preview-row" data-testid={`preview-grid-${d.grid}`}>
          <strong>{props.label(d.grid)}</strong>{' '}
          {d.after ? (
            <>
              <span data-testid="preview-households" data-households={d.after.households}>
                {t('edit.previewRow', {
                  before: formatNumber(d.before?.households ?? 0),
                  after: formatNumber(d.after.households),
                })}
              </span>{' '}
              <span className="muted">{t('edit.previewResidents', { n: formatNumber(d.after.residents) })}</span>{' '}
              <span className={d.after.inBand ? 'tone-good' : 'tone-bad'}>
                {formatSignedPercent(d.after.deviation)}
              </span>{' '}
              <span className={d.after.connected ? 'tone-good' : 'tone-bad'}>
                {d.after.connected ? '' : t('edit.pieces', { n: d.after.pieces })}
              </span>
            </>
          ) : (
            <span className="muted">{t('edit.previewDeleted')}</span>
          )}
        </div>
      ))}
    </div>
  )
}

export function IntegrityList(props: {
  report: IntegrityReport | null
  band: GridBand
  label: (key: number) => string
  onJump: (unitIds: string[]) => void
}) {
  const { t, formatNumber } = useI18n()
  const r = props.report
  if (!r) return null
  return (
    <section className="edit-section" data-testid="edit-integrity">
      <h3>{t('edit.integrity')}</h3>
      <p className="muted" data-testid="edit-band">
        {t('legend.band', {
          low: props.band.lowHouseholds,
          high: props.band.highHouseholds,
          target: props.band.targetHouseholds,
          percent: tolerancePercent(props.band.tolerance),
        })}
      </p>
      {r.ok ? <div className="tone-good">{t('edit.integrityOk')}</div> : null}
      <ul>
        {r.unassignedUnits.length > 0 ? (
          <li className="tone-bad">{t('edit.unassigned', { n: r.unassignedUnits.length })}</li>
        ) : null}
        {r.outOfBand.map((g) => (
          <li key={`band-${g.grid}`} data-testid="integrity-out-of-band">
            {t('edit.outOfBand', {
              label: props.label(g.grid),
              households: formatNumber(g.households),
              low: props.band.lowHouseholds,
              high: props.band.highHouseholds,
            })}
          </li>
        ))}
        {r.multiPiece.map((g) => (
          <li key={`pieces-${g.grid}`} className="tone-bad" data-testid="integrity-multi-piece">
            {t('edit.multiPiece', { label: props.label(g.grid), n: g.pieces.length })}{' '}
            {g.pieces.map((piece, i) => (
              <button type="button" className="link-button" key={piece[0]} onClick={() => props.onJump(piece)}>
                {t('edit.jumpToPart', { n: i + 1 })}
              </button>
            ))}
          </li>
        ))}
        {r.emptyGrids.map((g) => (
          <li key={`empty-${g}`}>{t('edit.emptyGrid', { label: props.label(g) })}</li>
        ))}
        {r.reconciliation
          .filter((x) => !x.reconciles)
          .map((x) => (
            <li key={`rec-${x.communityId}`} className="tone-bad">
              {t('edit.notReconciled', {
                grids: formatNumber(x.gridHouseholds),
                declared: formatNumber(x.declaredHouseholds ?? x.unitHouseholds),
              })}
            </li>
          ))}
      </ul>
    </section>
  )
}

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

export function HistoryList(props: { revisions: Revision[]; busy: boolean; onRevert: (id: number) => void }) {
  const { t, formatNumber, language } = useI18n()
  if (props.revisions.length === 0) return <div className="muted">{t('edit.historyEmpty')}</div>
  const time = (iso: string) => new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB')
  return (
    <ol className="edit-history" data-testid="edit-history">
      {props.revisions.map((r) => (
        <li key={r.id}>
          <div>
            <strong>#{r.id}</strong> {t('edit.historyWho', { author: r.author, time: time(r.createdAt) })}
            {r.revertOf ? ` ${t('edit.revertOf', { id: r.revertOf })}` : ''}
          </div>
          {r.reason ? <div>{r.reason}</div> : null}
          <div className="muted">
            {t('edit.historyMoved', { n: r.unitsMoved })}
            {r.grids.map((g) => (
              <span key={g.gridId}>
                {' · '}
                {t('edit.historyGrid', {
                  code: g.code.slice(12),
                  gained: formatNumber(g.householdsGained),
                  lost: formatNumber(g.householdsLost),
                })}
              </span>
            ))}
          </div>
          <button type="button" className="link-button" disabled={props.busy} onClick={() => props.onRevert(r.id)}>
            {t('edit.revert')}
          </button>
        </li>
      ))}
    </ol>
  )
}

export function AsOfView(props: { date: string; page: GridPage | null }) {
  const { t, formatNumber } = useI18n()
  if (!props.page) return null
  return (
    <div data-testid="edit-as-of">
      <div>{t('edit.asOfCount', { date: props.date, n: props.page.total })}</div>
      <div className="muted">
        {props.page.features
          .map((f) => `${f.properties.code.slice(12)}: ${formatNumber(f.properties.households)}`)
          .join(' · ')}
      </div>
    </div>
  )
}
