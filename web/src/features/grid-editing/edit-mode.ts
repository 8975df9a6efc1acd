// Which community is in edit mode: `?edit=<12-digit code>` in the address, so a reload or a shared
// link opens the same edit.
import { useCallback, useState } from 'react'

const PARAM = 'edit'

export function editCodeFromSearch(search: string): string | null {
  const code = new URLSearchParams(search).get(PARAM)
  return code && /^\d{12}$/.test(code) ? code : null
}

export function useEditMode(): [string | null, (code: string | null) => void] {
  const [code, setCode] = useState<string | null>(() => editCodeFromSearch(globalThis.location?.search ?? ''))
  const set = useCallback((next: string | null) => {
    const url = new URL(window.location.href)
    if (next) url.searchParams.set(PARAM, next)
    else url.searchParams.delete(PARAM)
    window.history.replaceState(null, '', url)
    setCode(next)
  }, [])
  return [code, set]
}
