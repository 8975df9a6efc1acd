// The revision of the tiled data this page has seen: bumped (debounced) by every change event
// and after a reconnect. The tile layers fetch their tiles again when it moves; the browser
// revalidates each tile by its ETag, so only the tiles an edit touched are transferred again.
import { useRef, useState } from 'react'
import { useLiveChanges } from '../api/use-live-changes'
import type { TileRevision } from './layers/tile-layer'

export function useTileRevision(debounceMs = 300): TileRevision {
  const [revision, setRevision] = useState(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const bump = () => {
    timer.current ??= setTimeout(() => {
      timer.current = null
      setRevision((n) => n + 1)
    }, debounceMs)
  }
  useLiveChanges({ onChange: bump, onReconnect: bump })
  return revision
}
