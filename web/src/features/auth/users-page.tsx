// User administration (administrators): accounts with role and streets, lock / unlock, password
// reset, new accounts, wall kiosk links, and the audit log as CSV.
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import type { UserAccount } from '../../../../core/api'
import { ACCOUNT_ROLES } from '../../../../core/auth/permissions'
import { describeApiError } from '../../api/describe-api-error'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { authApi, type KioskLinkRow } from './auth-api'
import { UserMenu } from './user-menu'

const splitStreets = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)

export function UsersPage() {
  const { t } = useI18n()
  const [users, setUsers] = useState<UserAccount[]>([])
  const [links, setLinks] = useState<KioskLinkRow[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const reload = useCallback(async () => {
    setUsers(await authApi.users())
    setLinks(await authApi.kioskLinks())
  }, [])
  const run = useCallback(
    async (action: () => Promise<unknown>, done = t('users.done')) => {
      try {
        await action()
        setMessage(done)
        await reload()
      } catch (err) {
        setMessage(describeApiError(err as Error, t))
      }
    },
    [reload, t],
  )
  useEffect(() => {
    reload().catch((err: Error) => setMessage(describeApiError(err, t)))
  }, [reload, t])

  return (
    <main className="users-page">
      <header className="panel">
        <h1>{t('users.title')}</h1>
        <a href="/">{t('users.back')}</a> <UserMenu />
      </header>
      {message ? (
        <p role="status" className="panel" data-testid="users-message">
          {message}
        </p>
      ) : null}
      <table className="panel" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.streets')}</th>
            <th>{t('users.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} run={run} />
          ))}
        </tbody>
      </table>
      <NewUser run={run} />
      <section className="panel">
        <h2>{t('users.kiosk')}</h2>
        <NewKiosk
          run={run}
          onUrl={(url) => setMessage(t('users.kioskUrl', { url: `${window.location.origin}${url}` }))}
        />
        <ul>
          {links.map((k) => (
            <li key={k.id}>
              #{k.id} {k.label} {k.streetCode}{' '}
              {k.revokedAt ? (
                <span className="muted">{t('users.kioskRevoked')}</span>
              ) : (
                <button type="button" onClick={() => run(() => authApi.revokeKiosk(k.id))}>
                  {t('users.kioskRevoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>{t('users.audit')}</h2>
        <a href="/api/audit.csv" download>
          {t('users.auditCsv')}
        </a>
      </section>
    </main>
  )
}

type Run = (action: () => Promise<unknown>, done?: string) => Promise<void>

function UserRow({ user, run }: { user: UserAccount; run: Run }) {
  const { t } = useI18n()
  const [role, setRole] = useState(user.role)
  const [streets, setStreets] = useState(user.streets.join(', '))
  return (
    <tr data-testid={`user-${user.username}`}>
      <td>{user.username}</td>
      <td>{user.displayName}</td>
      <td>
        <select value={role} onChange={(e) => setRole(e.target.value as UserAccount['role'])}>
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input value={streets} disabled={role !== 'street_planner'} onChange={(e) => setStreets(e.target.value)} />
      </td>
      <td>{user.locked ? t('users.locked') : t('users.active')}</td>
      <td>
        <button
          type="button"
          onClick={() =>
            run(() =>
              authApi.patchUser(user.id, { role, streets: role === 'street_planner' ? splitStreets(streets) : [] }),
            )
          }
        >
          {t('users.saveRole')}
        </button>{' '}
        <button type="button" onClick={() => run(() => authApi.patchUser(user.id, { locked: !user.locked }))}>
          {user.locked ? t('users.unlock') : t('users.lock')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            const password = window.prompt(t('users.newPasswordPrompt', { name: user.displayName }))
            if (password) void run(() => authApi.resetPassword(user.id, password))
          }}
        >
          {t('users.resetPassword')}
        </button>
      </td>
    </tr>
  )
}

function NewUser({ run }: { run: Run }) {
  const { t } = useI18n()
  const [form, setForm] = useState({ username: '', displayName: '', role: 'viewer', streets: '', password: '' })
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(() => authApi.createUser({ ...form, streets: splitStreets(form.streets) }))
  }
  return (
    <form className="panel new-user" onSubmit={submit}>
      <h2>{t('users.create')}</h2>
      <input placeholder={t('users.username')} value={form.username} onChange={set('username')} required />
      <input placeholder={t('users.displayName')} value={form.displayName} onChange={set('displayName')} required />
      <select value={form.role} onChange={set('role')}>
        {ACCOUNT_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}` as MessageKey)}
          </option>
        ))}
      </select>
      <input placeholder={t('users.streets')} value={form.streets} onChange={set('streets')} />
      <input
        type="password"
        autoComplete="new-password"
        placeholder={t('users.password')}
        value={form.password}
        onChange={set('password')}
        required
      />
      <button type="submit">{t('users.create')}</button>
    </form>
  )
}

function NewKiosk({ run, onUrl }: { run: Run; onUrl: (url: string) => void }) {
  const { t } = useI18n()
  const [label, setLabel] = useState('')
  const [street, setStreet] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      const link = await authApi.createKiosk(label, street.trim())
      if (link.url) onUrl(link.url)
    })
  }
  return (
    <form onSubmit={submit}>
      <input placeholder={t('users.kioskLabel')} value={label} onChange={(e) => setLabel(e.target.value)} required />
      <input placeholder={t('users.kioskStreet')} value={street} onChange={(e) => setStreet(e.target.value)} />
      <button type="submit">{t('users.kioskCreate')}</button>
    </form>
  )
}
