import { useI18n } from '../i18n/i18n-provider'

export interface ErrorItem {
  key: string
  message: string
  retry?: () => void
}

/** Readable errors with a retry button each. */
export function ErrorBanner({ errors, onDismiss }: { errors: ErrorItem[]; onDismiss?: (key: string) => void }) {
  const { t } = useI18n()
  if (errors.length === 0) return null
  return (
    <div className="error-banner panel" role="alert" data-testid="error">
      <strong>{t('error.title')}</strong>
      <ul>
        {errors.map((e) => (
          <li key={e.key}>
            <span>{e.message}</span>
            {e.retry ? (
              <button type="button" onClick={e.retry}>
                {t('error.retry')}
              </button>
            ) : null}
            {onDismiss ? (
              <button type="button" onClick={() => onDismiss(e.key)}>
                {t('error.dismiss')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
