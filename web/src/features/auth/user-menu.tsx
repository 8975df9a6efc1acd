// The signed-in user and role in the header, sign-out, password change, and (administrators)
// the way to the user administration page.
import { type FormEvent, useState } from 'react'
import { describeApiError } from '../../api/describe-api-error'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { authApi } from './auth-api'
import { useCan, useSession } from './session'

export function UserMenu() {
  const { t } = useI18n()
  const me = useSession()
  const isAdmin = useCan('users.admin')
  const [changing, setChanging] = useState(false)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  if (!me?.signedIn) return null
  const signOut = async () => {
    await authApi.signOut().catch(() => {})
    window.location.assign('/')
  }
  const change = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await authApi.changePassword(current, next)
      setMessage(t('auth.passwordChanged'))
      setChanging(false)
      setCurrent('')
      setNext('')
    } catch (err) {
      setMessage(describeApiError(err as Error, t))
    }
  }
  return (
    <div className="user-menu" data-testid="user-menu">
      <span data-testid="user-name">{me.displayName}</span>{' '}
      <span className="muted" data-testid="user-role">
        {t(`role.${me.role}` as MessageKey)}
        {me.streets?.length ? `（${me.streets.join('、')}）` : ''}
      </span>{' '}
      {isAdmin ? <a href="/users">{t('auth.users')}</a> : null}{' '}
      {me.kind === 'user' ? (
        <button type="button" onClick={() => setChanging((c) => !c)}>
          {t('auth.changePassword')}
        </button>
      ) : null}{' '}
      <button type="button" data-testid="sign-out" onClick={signOut}>
        {t('auth.signOut')}
      </button>
      {changing ? (
        <form onSubmit={change} className="password-form">
          <input
            type="password"
            autoComplete="current-password"
            placeholder={t('auth.currentPassword')}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <input
            type="password"
            autoComplete="new-password"
            placeholder={t('auth.newPassword')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <button type="submit">{t('auth.save')}</button>
        </form>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
