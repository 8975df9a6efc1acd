// What a page transfers from our API: bytes on the wire (compressed, with headers) of every
// /api/ response, split into vector tiles and data, measured through the DevTools protocol.
import type { Page } from 'playwright-core'

export interface Transfer {
  /** bytes on the wire (compressed bodies and headers) */
  tileBytes: number
  dataBytes: number
  /** the bodies' bytes once decoded (uncompressed) */
  tileBodyBytes: number
  dataBodyBytes: number
  tiles: number
  data: number
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

/** Starts counting a page's /api/ responses (attach before the page navigates). */
export async function meterTransfer(page: Page): Promise<TransferMeter> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const urls = new Map<string, string>()
  let done: { path: string; bytes: number; body: number }[] = []
  const bodies = new Map<string, number>()
  let lastActivity = Date.now()
  cdp.on('Network.requestWillBeSent', (e) => {
    const path = new URL(e.request.url).pathname
    if (path.startsWith('/api/') && !path.startsWith('/api/events')) {
      urls.set(e.requestId, `${path}${new URL(e.request.url).search}`)
      lastActivity = Date.now()
    }
  })
  cdp.on('Network.dataReceived', (e) => {
    if (urls.has(e.requestId)) bodies.set(e.requestId, (bodies.get(e.requestId) ?? 0) + e.dataLength)
  })
  const finish = (requestId: string, bytes: number) => {
    const path = urls.get(requestId)
    if (path === undefined) return
    urls.delete(requestId)
    done.push({ path, bytes, body: bodies.get(requestId) ?? 0 })
    bodies.delete(requestId)
    lastActivity = Date.now()
  }
  cdp.on('Network.loadingFinished', (e) => finish(e.requestId, e.encodedDataLength))
  cdp.on('Network.loadingFailed', (e) => finish(e.requestId, 0))
  return {
    read() {
      const isTile = (p: string) => p.startsWith('/api/tiles/')
      const tiles = done.filter((d) => isTile(d.path))
      const data = done.filter((d) => !isTile(d.path))
      const sum = (list: typeof done) => list.reduce((t, d) => t + d.bytes, 0)
      const sumBodies = (list: typeof done) => list.reduce((t, d) => t + d.body, 0)
      return {
        tileBytes: sum(tiles),
        dataBytes: sum(data),
        tileBodyBytes: sumBodies(tiles),
        dataBodyBytes: sumBodies(data),
        tiles: tiles.length,
        data: data.length,
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
        if (urls.size === 0 && Date.now() - lastActivity >= quietMs) return
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`requests still in flight: ${[...urls.values()].join(', ')}`)
    },
  }
}
