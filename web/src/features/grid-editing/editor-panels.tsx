// The figures of the edit panel: live totals, the pending operation's preview and the integrity
// report. Presentation only: figures come computed. Proposals: proposal-view.tsx; history and
// past grids: history-list.tsx.
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
