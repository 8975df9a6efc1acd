// What a page transfers from our API: bytes on the wire (compressed bodies and headers) and the
// decoded bodies of every /api/ response, split into vector tiles and data. Counted from
// Playwright's request events, which also see the requests of MapLibre's web workers.
import type { Page, Request } from 'playwright-core'

export interface Transfer {
  /** bytes on the wire (compressed bodies and headers) */
  tileBytes: number
  dataBytes: number
  /** the bodies' bytes once decoded (uncompressed) */
  tileBodyBytes: number
  dataBodyBytes: number
  tiles: number
  data: number
  /** revalidated by ETag: answered 304, the body taken from the browser's cache */
  notModified: number
  /** wire bytes of the tiles per layer */
  tileBytesByLayer: Record<string, number>
  /** the data responses' paths, largest first (to see what a page still loads whole) */
  largest: { path: string; bytes: number }[]
}

export interface TransferMeter {
  /** what was transferred since the start or the last reset */
  read(): Transfer
  reset(): void
  /** resolves once no /api/ request is in flight (after at least `quietMs` of quiet) */
  settled(quietMs?: number, timeoutMs?: number): Promise<void>
}

interface Done {
  path: string
  bytes: number
  /** the body's bytes on the wire (0 for a 304 the browser answered from its cache) */
  wireBody: number
  body: number
  status: number
}

/** Starts counting a page's /api/ responses (call before the page navigates). */
export function meterTransfer(page: Page): TransferMeter {
  const inFlight = new Set<Request>()
  let done: Done[] = []
  let lastActivity = Date.now()
  const pathOf = (r: Request) => {
    const url = new URL(r.url())
    return url.pathname.startsWith('/api/') && url.pathname !== '/api/events' ? `${url.pathname}${url.search}` : null
  }
  page.on('request', (r) => {
    if (pathOf(r) === null) return
    inFlight.add(r)
    lastActivity = Date.now()
  })
  const finish = async (r: Request, failed: boolean) => {
    const path = pathOf(r)
    if (path === null) return
    try {
      const response = failed ? null : await r.response()
      const sizes = await r.sizes()
      const body =
        response && response.status() !== 304 ? (await response.body().catch(() => Buffer.alloc(0))).length : 0
      done.push({
        path,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        wireBody: sizes.responseBodySize,
        body,
        status: response?.status() ?? 0,
      })
    } finally {
      inFlight.delete(r)
      lastActivity = Date.now()
    }
  }
  page.on('requestfinished', (r) => void finish(r, false))
  page.on('requestfailed', (r) => void finish(r, true))
  return {
    read() {
      const isTile = (p: string) => p.startsWith('/api/tiles/')
      const tiles = done.filter((d) => isTile(d.path))
      const data = done.filter((d) => !isTile(d.path))
      const sum = (list: Done[], key: 'bytes' | 'body') => list.reduce((t, d) => t + d[key], 0)
      return {
        tileBytes: sum(tiles, 'bytes'),
        dataBytes: sum(data, 'bytes'),
        tileBodyBytes: sum(tiles, 'body'),
        dataBodyBytes: sum(data, 'body'),
        tiles: tiles.length,
        data: data.length,
        notModified: done.filter((d) => d.status === 304 || (d.wireBody === 0 && d.body > 0)).length,
        tileBytesByLayer: tiles.reduce<Record<string, number>>((by, d) => {
          const layer = d.path.split('/')[3]
          by[layer] = (by[layer] ?? 0) + d.bytes
          return by
        }, {}),
        largest: [...data]
          .sort((a, b) => b.bytes - a.bytes)
          .slice(0, 5)
          .map(({ path, bytes }) => ({ path, bytes })),
      }
    },
    reset() {
      done = []
    },
    async settled(quietMs = 1500, timeoutMs = 120_000) {
      const end = Date.now() + timeoutMs
      while (Date.now() < end) {
        if (inFlight.size === 0 && Date.now() - lastActivity >= quietMs) return
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`requests still in flight: ${[...inFlight].map((r) => r.url()).join(', ')}`)
    },
  }
}
