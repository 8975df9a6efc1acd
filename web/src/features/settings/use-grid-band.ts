import { useMemo } from 'react'
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import { gridBandFromSettings } from './grid-band'

const loadSettings = (signal: AbortSignal) => api.settings(signal)

/** The household band (target ± tolerance) from /api/settings; defaults while loading or on failure. */
export function useGridBand() {
  const settings = useApiResource(loadSettings)
  const band = useMemo(() => gridBandFromSettings(settings.data), [settings.data])
  return { band, settings }
}
