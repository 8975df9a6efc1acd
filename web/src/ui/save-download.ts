// A download that needs a request body (a siting result is computed, not stored): POST it, then
// hand the answer to the browser as a file named by the server's Content-Disposition.
import { apiErrorFrom } from '../api/client'
import { csrfHeaders } from '../api/csrf'

export async function postDownload(href: string, body: unknown): Promise<void> {
  const res = await fetch(href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw apiErrorFrom(href, res.status, res.statusText, await res.text())
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
