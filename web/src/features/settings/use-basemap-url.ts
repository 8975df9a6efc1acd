import { useCallback, useState } from 'react'
import { loadBasemapUrl, saveBasemapUrl } from '../../map/basemap-setting'

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** The basemap tile URL template (null = no basemap), persisted in localStorage. */
export function useBasemapUrl() {
  const [basemapUrl, setState] = useState<string | null>(() => loadBasemapUrl(storage(), location.search))
  const setBasemapUrl = useCallback((url: string | null) => {
    saveBasemapUrl(storage(), url)
    setState(url)
  }, [])
  return { basemapUrl, setBasemapUrl }
}
