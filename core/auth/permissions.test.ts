import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_ROLES,
  can,
  lockoutSeconds,
  PERMISSIONS,
  passwordProblem,
  ROLE_PERMISSIONS,
  ROLES,
  streetsRefused,
} from './permissions'

const off = { analystsMayPlan: false }
const on = { analystsMayPlan: true }

describe('the role table', () => {
  it('grants the administrator everything and names only known permissions', () => {
    for (const p of PERMISSIONS) expect(can('administrator', p, off)).toBe(true)
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p)
  })

  it('keeps unit and building detail from viewers and the wall, and every write from them', () => {
    for (const role of ['viewer', 'kiosk'] as const) {
      expect(can(role, 'read', off)).toBe(true)
      expect(can(role, 'read.detail', off)).toBe(false)
      for (const p of [
        'grids.edit',
        'facilities.edit',
        'facilities.plan',
        'import.run',
        'export',
        'analysis.run',
      ] as const)
        expect(can(role, p, on)).toBe(false)
    }
  })

  it('lets analysts run analyses, and plan facilities only when the administrator allows it', () => {
    expect(can('analyst', 'analysis.run', off)).toBe(true)
    expect(can('analyst', 'grids.edit', on)).toBe(false)
    expect(can('analyst', 'facilities.plan', off)).toBe(false)
    expect(can('analyst', 'facilities.plan', on)).toBe(true)
    expect(can('analyst', 'facilities.edit', on)).toBe(false)
  })

  it('keeps users, settings and the audit log with the administrator', () => {
    for (const role of ROLES.filter((r) => r !== 'administrator'))
      for (const p of ['users.admin', 'settings.edit', 'audit.read'] as const) expect(can(role, p, on)).toBe(false)
  })

  it('refuses everything but public to nobody signed in', () => {
    expect(can(null, 'public', off)).toBe(true)
    expect(can(null, 'read', off)).toBe(false)
  })

  it('has no kiosk among account roles', () => {
    expect(ACCOUNT_ROLES).not.toContain('kiosk')
    expect(ACCOUNT_ROLES).toHaveLength(5)
  })
})

describe('street scope', () => {
  it('names the streets outside a street planner’s own, sorted, once each', () => {
    expect(streetsRefused('street_planner', ['120116001'], ['120116002', '120116001', '120116002'])).toEqual([
      '120116002',
    ])
    expect(streetsRefused('street_planner', ['120116001'], ['120116001'])).toEqual([])
  })
  it('does not bind district planners or administrators', () => {
    expect(streetsRefused('district_planner', [], ['120116002'])).toEqual([])
    expect(streetsRefused('administrator', [], ['120116002'])).toEqual([])
  })
})

describe('lock-out back-off', () => {
  it('lets four failures pass, then doubles from 30 s up to an hour', () => {
    expect([0, 4].map(lockoutSeconds)).toEqual([0, 0])
    expect([5, 6, 7].map(lockoutSeconds)).toEqual([30, 60, 120])
    expect(lockoutSeconds(40)).toBe(3600)
  })
})

describe('password rules', () => {
  it('refuses short and default-looking passwords', () => {
    expect(passwordProblem('short')).toMatch(/10 characters/)
    expect(passwordProblem('wangge-admin-2024')).toMatch(/must not start/)
    expect(passwordProblem('滨海新区网格化管理2026')).toBeNull()
  })
})
