// Every named error code the server can answer with is in the one registry (core/api/errors.ts):
// the codes thrown in server/ and by the core rules the server passes on (GridError, PlanError).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, errorCodeList, isErrorCode } from './errors'

const root = join(import.meta.dirname, '..', '..')

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(root, dir, f))
}

/** Codes given literally to whatever throws by code: badRequest, AppError, fail, GridError, PlanError. */
const THROW_BY_CODE =
  /\b(?:badRequest|asBadRequest|new AppError|fail|new GridError|new PlanError)\(\s*'([A-Z][A-Z0-9_]*)'/g

function thrownCodes(files: string[]): Map<string, string> {
  const codes = new Map<string, string>()
  for (const file of files)
    for (const m of readFileSync(file, 'utf8').matchAll(THROW_BY_CODE)) codes.set(m[1], file.slice(root.length + 1))
  return codes
}

describe('the error-code registry', () => {
  it('lists every code thrown in server/ and in the core rules the server passes on', () => {
    const thrown = thrownCodes([...sources('server'), ...sources('core/domain')])
    // the scan sees the throws (a scan that finds nothing would pass for the wrong reason)
    expect(thrown.has('BAD_BBOX')).toBe(true)
    expect(thrown.has('STALE_VERSION')).toBe(true)
    expect(thrown.has('GRIDS_NOT_ADJACENT')).toBe(true)
    const missing = [...thrown].filter(([code]) => !isErrorCode(code)).map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })

  it('gives every code a client-error or server-error status and a description', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/)
      expect(info.status >= 400 && info.status < 600, code).toBe(true)
      expect(info.description.length, code).toBeGreaterThan(5)
    }
    expect(ERROR_CODES.NOT_FOUND.status).toBe(404)
    expect(ERROR_CODES.EDIT_CONFLICT.status).toBe(409)
    expect(errorCodeList()).toContain('BAD_BBOX (400): ')
  })
})
