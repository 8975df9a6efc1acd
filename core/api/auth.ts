// Accounts, sessions, kiosk links and the audit log (issue 13): the HTTP contract.
import { type Static, Type } from 'typebox'
import { ACCOUNT_ROLES, PERMISSIONS, type Permission, ROLES, type Role } from '../auth/permissions'

const RoleName = Type.Unsafe<Role>(Type.String({ enum: [...ROLES], description: ROLES.join(' | ') }))
const AccountRole = Type.Unsafe<Exclude<Role, 'kiosk'>>(
  Type.String({ enum: [...ACCOUNT_ROLES], description: ACCOUNT_ROLES.join(' | ') }),
)
const Username = Type.String({ pattern: '^[a-z0-9_.-]{2,40}$', description: 'lower-case letters, digits, _ . -' })
const Password = Type.String({ minLength: 1, maxLength: 200 })
const StreetCodes = Type.Array(Type.String({ pattern: '^[0-9]{9}$' }), { maxItems: 100, uniqueItems: true })
const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })

export const SignInRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Password },
  { additionalProperties: false },
)
export type SignInRequest = Static<typeof SignInRequest>

export const Me = Type.Object({
  signedIn: Type.Boolean(),
  kind: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('kiosk')])),
  username: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  role: Type.Optional(RoleName),
  streets: Type.Optional(Type.Array(Type.String())),
  permissions: Type.Array(Type.Unsafe<Permission>(Type.String({ enum: [...PERMISSIONS] }))),
  csrfToken: Type.Optional(Type.String({ description: 'send back as X-CSRF-Token on writes' })),
})
export type Me = Static<typeof Me>

export const PasswordChange = Type.Object({ current: Password, next: Password }, { additionalProperties: false })
export const PasswordReset = Type.Object({ password: Password }, { additionalProperties: false })

export const UserAccount = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: AccountRole,
  streets: Type.Array(Type.String()),
  locked: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  failedSignIns: Type.Integer(),
  hasApiToken: Type.Boolean(),
})
export type UserAccount = Static<typeof UserAccount>

export const UserCreate = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: AccountRole,
    streets: Type.Optional(StreetCodes),
    password: Password,
  },
  { additionalProperties: false },
)
export type UserCreate = Static<typeof UserCreate>

export const UserPatch = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(AccountRole),
    streets: Type.Optional(StreetCodes),
    locked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UserPatch = Static<typeof UserPatch>

export const ApiToken = Type.Object({
  token: Type.String({ description: 'shown once: send as `Authorization: Bearer <token>` (QGIS, ogr2ogr)' }),
})

export const KioskCreate = Type.Object(
  {
    label: DisplayName,
    streetCode: Type.Optional(
      Type.String({ pattern: '^([0-9]{9})?$', description: "the wall's street; '' for the district" }),
    ),
  },
  { additionalProperties: false },
)
export const KioskLink = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  streetCode: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.Optional(Type.String({ description: 'shown once, at creation: open it on the wall display' })),
})

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  role: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Integer(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Unknown(),
})
export type AuditRow = Static<typeof AuditRow>
