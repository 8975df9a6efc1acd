import { useMemo } from 'react'
import type { Settings } from '../../../../core/api'
import { normsFromSettings } from '../../../../core/domain/settings'
import { api } from '../../api/client'
import { useApiResource } from '../../api/use-api-resource'
import { gridBandFromNorms } from './grid-band'

// /api/settings is read once per page and shared by every view that judges a figure against a norm.
let shared: Promise<Settings> | null = null
// the answer once it is in: a view mounted later judges with it from its first render, never with
// the defaults for a moment (a community panel opened after the map loaded showed 18, not 20)
let answered: Settings | undefined
const loadSettings = (_signal: AbortSignal): Promise<Settings> => {
  shared ??= api.settings().then(
    (settings) => {
      answered = settings
      return settings
    },
    (error: Error) => {
      shared = null // a failed read is tried again on retry
      throw error
    },
  )
  return shared
}

/** The norms in force (household band, workers per 10,000, …) from /api/settings; defaults while loading or on failure. */
export function useNorms() {
  const settings = useApiResource(loadSettings)
  const data = settings.data ?? answered
  const norms = useMemo(() => normsFromSettings(data), [data])
  const band = useMemo(() => gridBandFromNorms(norms), [norms])
  return { norms, band, settings }
}
