import { useMemo } from 'react'
import type { Settings } from '../../../../core/api'
import { normsFromSettings } from '../../../../core/domain/settings'
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import { gridBandFromNorms } from './grid-band'

// /api/settings is read once per page and shared by every view that judges a figure against a norm.
let shared: Promise<Settings> | null = null
const loadSettings = (_signal: AbortSignal): Promise<Settings> => {
  shared ??= api.settings().catch((error: Error) => {
    shared = null // a failed read is tried again on retry
    throw error
  })
  return shared
}

/** The norms in force (household band, workers per 10,000, …) from /api/settings; defaults while loading or on failure. */
export function useNorms() {
  const settings = useApiResource(loadSettings)
  const norms = useMemo(() => normsFromSettings(settings.data), [settings.data])
  const band = useMemo(() => gridBandFromNorms(norms), [norms])
  return { norms, band, settings }
}
