// React side of the page's live-changes client: subscribes while `enabled`, always calling the
// latest handlers (so callers need not memoise them).
import { useEffect, useRef } from 'react'
import { type LiveChangeHandlers, subscribeToChanges } from './live-changes'

export function useLiveChanges(handlers: LiveChangeHandlers, enabled = true): void {
  const latest = useRef(handlers)
  latest.current = handlers
  useEffect(() => {
    if (!enabled) return
    return subscribeToChanges({
      onChange: (change) => latest.current.onChange(change),
      onReconnect: () => latest.current.onReconnect?.(),
      onStatus: (status) => latest.current.onStatus?.(status),
    })
  }, [enabled])
}
