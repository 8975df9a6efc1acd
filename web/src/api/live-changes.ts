// Live changes: one EventSource on /api/events (same origin) per page, shared by every subscriber
// (the map, the coverage mode, the grid editor, the wall); opened with the first subscriber and
// closed with the last. EventSource reconnects by itself (the server asks for a 2 s retry); when
// the browser gives up (CLOSED, e.g. a 5xx while the server restarts) the client reopens it after
// 2 s. After any reconnect changes may have been missed, so `onReconnect` tells each subscriber to
// refetch what it shows.

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
  /** the stream opened again after a break: changes may have been missed */
  onReconnect?: () => void
  /** the connection's state, first the current one when subscribing */
  onStatus?: (status: LiveStatus) => void
}

export type EventSourceLike = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'> & {
  onopen: ((this: EventSource, ev: Event) => unknown) | null
  onerror: ((this: EventSource, ev: Event) => unknown) | null
}

export interface LiveChanges {
  /** Starts passing changes to `handlers`; returns a function that stops it. */
  subscribe: (handlers: LiveChangeHandlers) => () => void
}

const RETRY_MS = 2000
const CLOSED = 2

/** A client with its own connection (the page shares one: `subscribeToChanges`). */
export function createLiveChanges(
  open: (url: string) => EventSourceLike = (url) => new EventSource(url),
  url = '/api/events',
): LiveChanges {
  const subscribers = new Set<LiveChangeHandlers>()
  let source: EventSourceLike | null = null
  let everOpened = false
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let status: LiveStatus = 'connecting'

  // each subscriber on its own: one that throws must not keep the change from the others
  const each = (call: (handlers: LiveChangeHandlers) => void) => {
    for (const handlers of [...subscribers]) {
      try {
        call(handlers)
      } catch {
        // ignored as before: the next refetch brings that subscriber up to date
      }
    }
  }
  const setStatus = (next: LiveStatus) => {
    status = next
    each((h) => h.onStatus?.(next))
  }

  const connect = () => {
    setStatus(everOpened ? 'reconnecting' : 'connecting')
    const s = open(url)
    source = s
    s.onopen = () => {
      setStatus('live')
      if (everOpened) each((h) => h.onReconnect?.())
      everOpened = true
    }
    s.onerror = () => {
      setStatus('reconnecting')
      // CLOSED means the browser gave up (e.g. a 5xx while the server restarts): reopen ourselves
      if (s.readyState === CLOSED) {
        s.close()
        retryTimer ??= setTimeout(() => {
          retryTimer = null
          connect()
        }, RETRY_MS)
      }
    }
    s.addEventListener('change', (event) => {
      let change: ChangeMessage
      try {
        change = JSON.parse((event as MessageEvent<string>).data) as ChangeMessage
      } catch {
        return // a malformed message is ignored; the next refetch brings everyone up to date
      }
      each((h) => h.onChange(change))
    })
  }

  const disconnect = () => {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    source?.close()
    source = null
    everOpened = false
    status = 'connecting'
  }

  return {
    subscribe(handlers) {
      subscribers.add(handlers)
      if (subscribers.size === 1) connect()
      else handlers.onStatus?.(status)
      return () => {
        if (subscribers.delete(handlers) && subscribers.size === 0) disconnect()
      }
    },
  }
}

let page: LiveChanges | null = null

/** Subscribes to the page's one live-changes connection; returns a function that unsubscribes. */
export function subscribeToChanges(handlers: LiveChangeHandlers): () => void {
  if (typeof EventSource === 'undefined') return () => {}
  page ??= createLiveChanges()
  return page.subscribe(handlers)
}
