// The CSRF token of the session: the server sets it as the readable `wangge_csrf` cookie and
// wants it back as the X-CSRF-Token header on every write signed in by cookie (ADR 16).
export function csrfHeaders(cookie: string = globalThis.document?.cookie ?? ''): Record<string, string> {
  const match = /(?:^|;\s*)wangge_csrf=([^;]*)/.exec(cookie)
  return match ? { 'x-csrf-token': decodeURIComponent(match[1]) } : {}
}
