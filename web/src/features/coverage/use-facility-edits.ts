// Facility edits in the coverage mode, under the signed-in person's name: move,
// save, retire and create. Each edit reports its outcome in the panel's message and then
// refreshes the coverage figures and the rest of the app's facilities.
import { useCallback } from 'react'
import type { FacilityPatch } from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import type { FacilityFeature } from '../../map/layers/facility-layers'
import { useSignedInName } from '../auth/signed-in-as'
import type { Selection } from '../selection/selection'
import { coverageApi } from './coverage-api'
import type { CoverageFeedback } from './use-coverage-feedback'

export interface FacilityEditOptions {
  typeCode: string
  facilityById: ReadonlyMap<number, FacilityFeature>
  feedback: CoverageFeedback
  /** refetches the coverage figures */
  refresh: () => void
  /** called after an edit so the rest of the app reloads its facilities */
  onFacilitiesChanged: () => void
  setSelection: (selection: Selection) => void
}

export function useFacilityEdits(options: FacilityEditOptions) {
  const { typeCode, facilityById, feedback, refresh, onFacilitiesChanged, setSelection } = options
  const { setMessage, setBusy } = feedback
  const { t } = useI18n()
  // recorded under the signed-in person (the server takes it from the session)
  const author = useSignedInName()

  const needAuthor = useCallback(() => {
    if (author.trim()) return false
    setMessage({ tone: 'bad', text: t('cov.needAuthor') })
    return true
  }, [author, t, setMessage])

  // runs an edit, then refreshes everything; errors are shown with the server's message
  const edit = useCallback(
    async <T>(run: () => Promise<T>, done: string): Promise<T | null> => {
      setBusy(true)
      try {
        const result = await run()
        setMessage({ tone: 'good', text: done })
        return result
      } catch (error) {
        setMessage({ tone: 'bad', text: describeApiError(error as Error, t) })
        return null
      } finally {
        setBusy(false)
        refresh()
        onFacilitiesChanged()
      }
    },
    [refresh, onFacilitiesChanged, t, setBusy, setMessage],
  )

  const moveFacility = useCallback(
    async (id: number, lngLat: [number, number]) => {
      const f = facilityById.get(id)
      if (!f || needAuthor()) return refresh()
      await edit(
        () =>
          coverageApi.patchFacility(id, {
            version: f.properties.version,
            lngLat,
            author: author.trim(),
            reason: t('cov.reasonMove'),
          }),
        t('cov.moved', { name: f.properties.name }),
      )
    },
    [facilityById, needAuthor, edit, author, t, refresh],
  )

  const saveFacility = useCallback(
    async (id: number, patch: Omit<FacilityPatch, 'version' | 'author'>) => {
      const f = facilityById.get(id)
      if (!f || needAuthor()) return
      await edit(
        () => coverageApi.patchFacility(id, { ...patch, version: f.properties.version, author: author.trim() }),
        t('cov.saved', { name: f.properties.name }),
      )
    },
    [facilityById, needAuthor, edit, author, t],
  )

  const retireFacility = useCallback(
    async (id: number, reason: string) => {
      const f = facilityById.get(id)
      if (!f || needAuthor()) return
      const done = await edit(
        () => coverageApi.retireFacility(id, { version: f.properties.version, author: author.trim(), reason }),
        t('cov.retired', { name: f.properties.name }),
      )
      if (done) setSelection(null)
    },
    [facilityById, needAuthor, edit, author, t, setSelection],
  )

  const createFacility = useCallback(
    async (lngLat: [number, number], status: 'existing' | 'planned', name: string, reason: string) => {
      if (needAuthor()) return
      const created = await edit(
        () => coverageApi.createFacility({ typeCode, name, lngLat, status, author: author.trim(), reason }),
        t('cov.created', { name }),
      )
      if (created) setSelection({ kind: 'facility', id: created.id as number })
    },
    [needAuthor, edit, typeCode, author, t, setSelection],
  )

  return { author, moveFacility, saveFacility, retireFacility, createFacility }
}

export type FacilityEdits = ReturnType<typeof useFacilityEdits>
