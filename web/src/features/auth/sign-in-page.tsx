// The sign-in page (Chinese first, English by the language switch). A successful sign-in reloads
// the page so every view starts with the new session.
import { type FormEvent, useState } from 'react'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { LanguageSwitch } from '../../ui/language-switch'
import { authApi } from './auth-api'

export function SignInPage() {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await authApi.signIn(username, password)
      window.location.reload()
    } catch (err) {
      setError(t('auth.failed', { message: describeApiError(err as Error, t) }))
      setBusy(false)
    }
  }
  return (
    <main className="sign-in">
      <form className="panel sign-in-form" onSubmit={submit} data-testid="sign-in-form">
        <h1>{t('auth.title')}</h1>
        <LanguageSwitch />
        <label>
          <span>{t('auth.username')}</span>
          <input
            data-testid="sign-in-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          <span>{t('auth.password')}</span>
          <input
            data-testid="sign-in-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" data-testid="sign-in-submit" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        {error ? (
          <p role="alert" className="error" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <p className="muted">{t('auth.demoHint')}</p>
      </form>
    </main>
  )
}
