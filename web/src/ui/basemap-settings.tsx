import { useId, useState } from 'react'
import { useI18n } from '../i18n/i18n-provider'
import { checkBasemapUrl } from '../map/basemap-setting'

export interface BasemapSettingsProps {
  basemapUrl: string | null
  onChange: (url: string | null) => void
}

/** A disclosure with the basemap URL field (no basemap by default). */
export function BasemapSettings({ basemapUrl, onChange }: BasemapSettingsProps) {
  const { t } = useI18n()
  const [draft, setDraft] = useState(basemapUrl ?? '')
  const [invalid, setInvalid] = useState(false)
  const inputId = useId()
  const helpId = useId()

  const save = (event: React.FormEvent) => {
    event.preventDefault()
    if (draft.trim() === '') {
      setInvalid(false)
      onChange(null)
      return
    }
    const check = checkBasemapUrl(draft)
    setInvalid(!check.ok)
    if (check.ok) onChange(check.url)
  }

  return (
    <details className="settings">
      <summary data-testid="settings-toggle">
        {t('settings.title')} · {basemapUrl ? t('settings.basemapOn') : t('settings.basemapOff')}
      </summary>
      <form className="settings-form panel" onSubmit={save}>
        <label htmlFor={inputId}>{t('settings.basemap')}</label>
        <input
          id={inputId}
          type="url"
          value={draft}
          placeholder={t('settings.basemapPlaceholder')}
          aria-describedby={helpId}
          aria-invalid={invalid}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="settings-basemap"
          spellCheck={false}
        />
        <p id={helpId} className={invalid ? 'form-error' : 'muted'}>
          {invalid ? t('settings.invalidBasemap') : t('settings.basemapHelp')}
        </p>
        <div className="form-buttons">
          <button type="submit">{t('settings.save')}</button>
          <button
            type="button"
            onClick={() => {
              setDraft('')
              setInvalid(false)
              onChange(null)
            }}
          >
            {t('settings.clear')}
          </button>
        </div>
      </form>
    </details>
  )
}
