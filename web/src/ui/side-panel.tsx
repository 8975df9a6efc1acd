import type { ReactNode } from 'react'
import { useI18n } from '../i18n/i18n-provider'

export interface SidePanelProps {
  /** small caption above the title, e.g. 网格 */
  kind: string
  title: string
  subtitle?: string
  onClose: () => void
  children: ReactNode
}

/** The right-hand panel frame for the selected feature. */
export function SidePanel({ kind, title, subtitle, onClose, children }: SidePanelProps) {
  const { t } = useI18n()
  return (
    <aside className="side-panel panel" aria-label={`${kind} ${title}`} data-testid="side-panel">
      <header className="side-panel-header">
        <div>
          <div className="side-panel-kind">{kind}</div>
          <h2 data-testid="panel-title">{title}</h2>
          {subtitle ? <div className="side-panel-subtitle">{subtitle}</div> : null}
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('panel.close')}
          title={t('panel.close')}
        >
          ×
        </button>
      </header>
      {children}
    </aside>
  )
}
