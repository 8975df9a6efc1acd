// Signed-in test apps (issue 13): `startTestApp()` signs in as the administrator by default, so
// tests written before accounts existed keep calling `app.inject(...)` with no auth. A request that
// brings its own cookie or Authorization header is sent as it is.
import type { FastifyInstance } from 'fastify'
import type { Role } from '../../core/auth/permissions'
import type { DatabaseHandle } from '../../server/db/engine'
import { injectAs, type OpenedSession } from '../../server/modules/auth/sessions'

export type TestRole = Role | null

/** Opens a session for `role` and makes `app.inject` send it by default (null: nobody). */
export async function signInTestApp(
  app: FastifyInstance,
  database: DatabaseHandle,
  role: TestRole,
): Promise<OpenedSession | null> {
  return role === null ? null : injectAs(app, database.db, role)
}

/**
 * GDAL's HTTP requests (ogrinfo/ogr2ogr on the OGC API) carry this API token: child processes
 * inherit GDAL_HTTP_HEADERS from the environment. `null` sends none.
 */
export function setGdalToken(token: string | null): void {
  if (token) process.env.GDAL_HTTP_HEADERS = `Authorization: Bearer ${token}`
  else delete process.env.GDAL_HTTP_HEADERS
}

/** Sessions of the listening test apps in this process, by origin: fetch and Chromium send them. */
const listening = new Map<string, OpenedSession>()

/**
 * A listening test app's requests from this process are signed in too: `fetch(app.url + …)`
 * without a cookie or Authorization header sends the session (the browser helper adds the same
 * cookies to every context it opens). Call with `null` to forget the app.
 */
export function registerListeningSession(url: string, session: OpenedSession | null): void {
  const origin = new URL(url).origin
  if (session) listening.set(origin, session)
  else listening.delete(origin)
  installFetch()
}

export function listeningSessions(): Array<{ origin: string; session: OpenedSession }> {
  return [...listening].map(([origin, session]) => ({ origin, session }))
}

let fetchInstalled = false
function installFetch() {
  if (fetchInstalled) return
  fetchInstalled = true
  const original = globalThis.fetch
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    let origin = ''
    try {
      origin = new URL(url).origin
    } catch {
      return original(input, init)
    }
    const session = listening.get(origin)
    if (!session || input instanceof Request) return original(input, init)
    const headers = new Headers(init?.headers)
    if (!headers.has('cookie') && !headers.has('authorization')) {
      headers.set('cookie', session.headers.cookie)
      if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', session.csrf)
    }
    return original(input, { ...init, headers })
  }
}
