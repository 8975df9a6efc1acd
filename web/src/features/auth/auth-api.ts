// The account endpoints (contract: core/api/auth.ts).
import type { Me, UserAccount } from '../../../../core/api'
import { api } from '../../api/client'

export interface KioskLinkRow {
  id: number
  label: string
  streetCode: string
  createdAt: string
  revokedAt: string | null
  url?: string
}

export const authApi = {
  me: () => api.getJson<Me>('/api/auth/me'),
  signIn: (username: string, password: string) => api.sendJson<Me>('POST', '/api/auth/sign-in', { username, password }),
  signOut: () => api.sendJson<null>('POST', '/api/auth/sign-out', {}),
  changePassword: (current: string, next: string) =>
    api.sendJson<null>('POST', '/api/auth/password', { current, next }),
  users: () => api.getJson<UserAccount[]>('/api/users'),
  createUser: (body: { username: string; displayName: string; role: string; streets: string[]; password: string }) =>
    api.sendJson<UserAccount>('POST', '/api/users', body),
  patchUser: (id: number, body: Partial<Pick<UserAccount, 'role' | 'streets' | 'locked' | 'displayName'>>) =>
    api.sendJson<UserAccount>('PATCH', `/api/users/${id}`, body),
  resetPassword: (id: number, password: string) =>
    api.sendJson<null>('POST', `/api/users/${id}/password`, { password }),
  kioskLinks: () => api.getJson<KioskLinkRow[]>('/api/kiosk-links'),
  createKiosk: (label: string, streetCode: string) =>
    api.sendJson<KioskLinkRow>('POST', '/api/kiosk-links', { label, streetCode }),
  revokeKiosk: (id: number) => api.sendJson<null>('POST', `/api/kiosk-links/${id}/revoke`, {}),
}
