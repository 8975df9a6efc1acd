import { useCallback, useEffect, useState } from 'react'
import { type Selection, sameSelection } from './selection'

/** The current selection; Escape clears it. */
export function useSelection() {
  const [selection, setSelectionState] = useState<Selection>(null)
  const setSelection = useCallback(
    (next: Selection) => setSelectionState((current) => (sameSelection(current, next) ? current : next)),
    [],
  )
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSelectionState(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return { selection, setSelection }
}
