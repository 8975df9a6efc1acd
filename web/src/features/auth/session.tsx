// Who is signed in, for the whole page: loaded once from /api/auth/me. Nobody signed in gets the
// sign-in page (the wall signs in through its kiosk link).
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import type { Me } from '../../../../core/api'
import type { Permission } from '../../../../core/auth/permissions'
import { authApi } from './auth-api'
import { SignInPage } from './sign-in-page'

const SessionContext = createContext<Me | null>(null)

export function useSession(): Me | null {
  return useContext(SessionContext)
}

export function useCan(permission: Permission): boolean {
  const me = useSession()
  return me?.permissions.includes(permission) ?? false
}

export function SessionGate({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => {
    authApi
      .me()
      .then(setMe)
      .catch((e: Error) => setFailed(e.message))
  }, [])
  if (failed) return <p className="panel">{failed}</p>
  if (!me) return null
  if (!me.signedIn) return <SignInPage />
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>
}
