// Live changes for the wall: an EventSource on /api/events (same origin). EventSource reconnects
// by itself (the server asks for a 2 s retry); after any reconnect the wall may have missed
// changes, so `onReconnect` tells it to refetch everything it shows.

export interface ChangeMessage {
  kind: string
  communityCode?: string | null
  streetCode?: string | null
  ids?: Array<number | string>
  seq?: number
  at?: string
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting'

export interface LiveChangeHandlers {
  onChange: (change: ChangeMessage) => void
  onReconnect: () => void
  onStatus?: (status: LiveStatus) => void
}

type EventSourceLike = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'> & {
  onopen: ((this: EventSource, ev: Event) => unknown) | null
  onerror: ((this: EventSource, ev: Event) => unknown) | null
}

/** Opens the stream; returns a function that closes it. */
export function subscribeToChanges(
  handlers: LiveChangeHandlers,
  open: (url: string) => EventSourceLike = (url) => new EventSource(url),
  url = '/api/events',
): () => void {
  let source: EventSourceLike | null = null
  let everOpened = false
  let closed = false
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  const connect = () => {
    if (closed) return
    handlers.onStatus?.(everOpened ? 'reconnecting' : 'connecting')
    const s = open(url)
    source = s
    s.onopen = () => {
      handlers.onStatus?.('live')
      if (everOpened) handlers.onReconnect()
      everOpened = true
    }
    s.onerror = () => {
      handlers.onStatus?.('reconnecting')
      // CLOSED (2) means the browser gave up (e.g. a 5xx while the server restarts): reopen ourselves
      if (s.readyState === 2) {
        s.close()
        retryTimer ??= setTimeout(() => {
          retryTimer = null
          connect()
        }, 2000)
      }
    }
    s.addEventListener('change', (event) => {
      try {
        handlers.onChange(JSON.parse((event as MessageEvent<string>).data) as ChangeMessage)
      } catch {
        // a malformed message is ignored; the next refetch brings the wall up to date
      }
    })
  }
  connect()
  return () => {
    closed = true
    if (retryTimer) clearTimeout(retryTimer)
    source?.close()
  }
}
