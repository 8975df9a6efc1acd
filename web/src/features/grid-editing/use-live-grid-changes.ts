// Grid changes saved by anyone (server-sent events, kind 'grids'): the callback runs once per
// burst of changes (debounced), and after a reconnect, when changes may have been missed.
import { useEffect, useRef } from 'react'
import { type ChangeMessage, subscribeToChanges } from '../../api/live-changes'

export type GridChange = ChangeMessage & { revisionId?: number }

export function useLiveGridChanges(onChanges: (changes: GridChange[]) => void, debounceMs = 400) {
  const latest = useRef(onChanges)
  latest.current = onChanges
  useEffect(() => {
    let pending: GridChange[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      timer = null
      const batch = pending
      pending = []
      latest.current(batch)
    }
    const close = subscribeToChanges({
      onChange: (change) => {
        if (change.kind !== 'grids') return
        pending.push(change as GridChange)
        timer ??= setTimeout(flush, debounceMs)
      },
      onReconnect: () => latest.current([]),
    })
    return () => {
      if (timer) clearTimeout(timer)
      close()
    }
  }, [debounceMs])
}
