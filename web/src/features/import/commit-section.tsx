// Step 6: commit the dry run as one revision (who and why), then where to see the result.
import { useState } from 'react'
import type { CommitResult, DryRunResult } from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { SignedInAs } from '../auth/signed-in-as'

export interface CommitSectionProps {
  result: DryRunResult
  author: string
  onCommit: (reason: string) => Promise<CommitResult>
  committed: CommitResult | null
}

export function CommitSection({ result, author, onCommit, committed }: CommitSectionProps) {
  const { t, formatNumber } = useI18n()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const community = result.figures.communities[0]?.code ?? null
  const commit = () => {
    setBusy(true)
    setError(null)
    onCommit(reason).then(
      () => setBusy(false),
      (e: Error) => {
        setBusy(false)
        setError(e)
      },
    )
  }
  if (committed) {
    return (
      <section className="import-section" data-testid="import-committed">
        <h3>{t('import.step.commit')}</h3>
        <div className="tone-good" data-testid="import-message">
          {t('import.committed', {
            added: formatNumber(committed.counts.added),
            changed: formatNumber(committed.counts.changed),
            removed: formatNumber(committed.counts.removed),
          })}
        </div>
        <div className="import-row">
          <a href="/" data-testid="import-open-map">
            {t('import.openMap')}
          </a>
          {community ? (
            <a href={`/?edit=${encodeURIComponent(community)}`} data-testid="import-open-editor">
              {t('import.openEditor')}
            </a>
          ) : null}
        </div>
      </section>
    )
  }
  return (
    <section className="import-section">
      <h3>{t('import.step.commit')}</h3>
      <SignedInAs label={t('import.author')} testId="import-author" className="import-field" />
      <label className="import-field">
        <span>{t('import.reason')}</span>
        <input data-testid="import-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      {result.canCommit ? null : <div className="tone-bad">{t('import.cannotCommit')}</div>}
      <button
        type="button"
        data-testid="import-commit"
        disabled={busy || !result.canCommit || author.trim() === ''}
        onClick={commit}
      >
        {busy ? t('import.committing') : t('import.commit')}
      </button>
      {error ? (
        <div className="form-error" role="alert" data-testid="import-message">
          {describeApiError(error, t)}
        </div>
      ) : null}
    </section>
  )
}
