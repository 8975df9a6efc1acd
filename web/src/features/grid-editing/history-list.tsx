// The community's saved edits (with revert) and its grids as of a date. Presentation only.
import type { GridPage, Revision } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'

export function HistoryList(props: { revisions: Revision[]; busy: boolean; onRevert: (id: number) => void }) {
  const { t, formatNumber, formatDateTime } = useI18n()
  if (props.revisions.length === 0) return <div className="muted">{t('edit.historyEmpty')}</div>
  const time = (iso: string) => formatDateTime(iso)
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
