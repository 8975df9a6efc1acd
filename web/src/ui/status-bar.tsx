import { useI18n } from '../i18n/i18n-provider'

/** What is still loading, as a live region ("正在加载网格…"). */
export function StatusBar({ loading }: { loading: string[] }) {
  const { t } = useI18n()
  if (loading.length === 0) return null
  return (
    <div className="status-bar panel" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {loading.join(' ')}
      <span className="visually-hidden">{t('app.title')}</span>
    </div>
  )
}
