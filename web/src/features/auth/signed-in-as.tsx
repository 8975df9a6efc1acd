// Who an edit is recorded under: the signed-in person (the server takes the author from the
// session, never from a form), shown where the forms once asked for a name.
import type { Me } from '../../../../core/api'
import { useSession } from './session'

/** "显示名（用户名）", or the user name alone, or '' when nobody is signed in. */
export function signedInName(me: Me | null): string {
  if (!me?.signedIn) return ''
  if (me.displayName && me.username && me.displayName !== me.username) return `${me.displayName}（${me.username}）`
  return me.displayName ?? me.username ?? ''
}

export function useSignedInName(): string {
  return signedInName(useSession())
}

export function SignedInAs({ label, testId, className }: { label: string; testId: string; className?: string }) {
  const name = useSignedInName()
  return (
    <div className={className} data-testid={testId}>
      <span>{label}</span> <strong>{name}</strong>
    </div>
  )
}
