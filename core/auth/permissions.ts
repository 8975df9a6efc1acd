// Who may do what: the six roles (管理员, 区级规划员, 街道规划员, 分析员, 查看者, 大屏) mapped onto the
// permission names every route declares in `config: { permission }`. ONE table, pure: the server's
// hook (server/plugins/auth.ts), the web client (what to show) and the tests read it from here.

export const PERMISSIONS = [
  'public',
  'read',
  'read.detail',
  'analysis.run',
  'grids.edit',
  'facilities.edit',
  'facilities.plan',
  'import.run',
  'export',
  'settings.edit',
  'users.admin',
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLES = ['administrator', 'district_planner', 'street_planner', 'analyst', 'viewer', 'kiosk'] as const
export type Role = (typeof ROLES)[number]

/** Roles a user account can have; `kiosk` is a wall link, never a person's account. */
export const ACCOUNT_ROLES = ROLES.filter((r) => r !== 'kiosk') as Exclude<Role, 'kiosk'>[]

/**
 * The table. `facilities.plan` for an analyst is granted only while the administrator's toggle
 * (setting `auth.analysts_may_plan`) is on: see `permissionsOf`.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: PERMISSIONS,
  district_planner: [
    'public',
    'read',
    'read.detail',
    'analysis.run',
    'grids.edit',
    'facilities.edit',
    'facilities.plan',
    'import.run',
    'export',
  ],
  street_planner: [
    'public',
    'read',
    'read.detail',
    'analysis.run',
    'grids.edit',
    'facilities.edit',
    'facilities.plan',
    'export',
  ],
  analyst: ['public', 'read', 'read.detail', 'analysis.run', 'export'],
  viewer: ['public', 'read'],
  kiosk: ['public', 'read'],
}

/** Writes a street planner may make only inside the streets assigned to them. */
export const STREET_SCOPED: ReadonlySet<Permission> = new Set(['grids.edit', 'facilities.edit', 'facilities.plan'])

/** Permissions whose every use (a write or a download) leaves one audit row. */
export const AUDITED: ReadonlySet<Permission> = new Set([
  'grids.edit',
  'facilities.edit',
  'facilities.plan',
  'import.run',
  'export',
  'settings.edit',
  'users.admin',
])

export const isPermission = (value: unknown): value is Permission =>
  typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value)
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value)

export interface PolicyToggles {
  /** the administrator lets analysts add planned facilities */
  analystsMayPlan: boolean
}

export function permissionsOf(role: Role, toggles: PolicyToggles): ReadonlySet<Permission> {
  const granted = new Set(ROLE_PERMISSIONS[role])
  if (role === 'analyst' && toggles.analystsMayPlan) granted.add('facilities.plan')
  return granted
}

export function can(role: Role | null, permission: Permission, toggles: PolicyToggles): boolean {
  if (permission === 'public') return true
  if (role === null) return false
  return permissionsOf(role, toggles).has(permission)
}

/** Whom a street scope binds: only street planners are limited to their streets. */
export const isStreetScoped = (role: Role | null): boolean => role === 'street_planner'

/**
 * The streets of `touched` a principal may not write in: empty when all are allowed. A street
 * planner may write only in `streets`; every other role that holds the permission writes anywhere.
 */
export function streetsRefused(role: Role | null, streets: readonly string[], touched: Iterable<string>): string[] {
  if (!isStreetScoped(role)) return []
  const mine = new Set(streets)
  return [...new Set(touched)].filter((s) => !mine.has(s)).sort()
}

/** The lock-out back-off after `failures` failed sign-ins in a row: 0 for the first five, then doubling from 30 s to 1 h. */
export function lockoutSeconds(failures: number): number {
  const FREE = 5
  if (failures < FREE) return 0
  return Math.min(30 * 2 ** (failures - FREE), 3600)
}

/** A password a deployment may use: at least 10 characters and not one of the demo passwords. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'a password needs at least 10 characters'
  if (password.length > 200) return 'a password may have at most 200 characters'
  if (/^(wangge|password|demo)/i.test(password)) return 'a password must not start with wangge, password or demo'
  return null
}
