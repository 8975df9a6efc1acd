// The import history, newest first: what each import did, and a rollback for a committed one.
import { useState } from 'react'
import type { ImportSummary } from '../../../../core/api'
import { importLayer } from '../../../../core/import/layers'
import { describeApiError } from '../../api/describe-api-error'
import type { ApiResource } from '../../api/use-api-resource'
import { useI18n } from '../../i18n/i18n-provider'

export interface HistorySectionProps {
  history: ApiResource<ImportSummary[]>
  author: string
  onRollback: (id: number) => Promise<unknown>
}

export function HistorySection({ history, author, onRollback }: HistorySectionProps) {
  const { t, formatNumber, language } = useI18n()
  const layerName = (id: string) => (language === 'zh' ? importLayer(id).nameZh : importLayer(id).nameEn)
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const rollback = (id: number) => {
    setBusy(id)
    setError(null)
    onRollback(id).then(
      () => setBusy(null),
      (e: Error) => {
        setBusy(null)
        setError(e)
      },
    )
  }
  const rows = history.data ?? []
  // only the latest committed import rolls back (the history is newest first)
  const latest = rows.find((r) => r.status === 'committed')?.id ?? null
  return (
    <section className="import-section" data-testid="import-history">
      <h3>{t('import.history')}</h3>
      {rows.length === 0 ? <div className="muted">{t('import.historyEmpty')}</div> : null}
      <table className="import-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`import-history-${r.id}`} data-status={r.status}>
              <td>{r.filename}</td>
              <td>{r.target ? layerName(r.target) : ''}</td>
              <td>{t(`import.state.${r.status}`)}</td>
              <td className="num">
                {r.counts
                  ? `+${formatNumber(r.counts.added)} ~${formatNumber(r.counts.changed)} −${formatNumber(r.counts.removed)}`
                  : ''}
              </td>
              <td>
                {r.id === latest ? (
                  <button
                    type="button"
                    data-testid={`import-rollback-${r.id}`}
                    disabled={busy !== null || author.trim() === ''}
                    title={author.trim() === '' ? t('import.authorFirst') : undefined}
                    onClick={() => rollback(r.id)}
                  >
                    {busy === r.id ? t('import.rollingBack') : t('import.rollback')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <div className="form-error" role="alert">
          {describeApiError(error, t)}
        </div>
      ) : null}
      {history.error ? <div className="form-error">{describeApiError(history.error, t)}</div> : null}
    </section>
  )
}
