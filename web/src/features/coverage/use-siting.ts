// "Where to build" in the coverage mode: the candidate points the official draws on the map,
// running a siting model for the chosen type and scenario, and adopting a proposed site as a
// planned facility.
import { useCallback, useState } from 'react'
import type { CoverageScenario, SitingResponse, SitingSite } from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { coverageApi, type SitingModel } from './coverage-api'
import type { CoverageFeedback } from './use-coverage-feedback'
import type { FacilityEdits } from './use-facility-edits'

export interface SitingOptions {
  typeCode: string
  scenario: CoverageScenario
  feedback: CoverageFeedback
  createFacility: FacilityEdits['createFacility']
}

export function useSiting({ typeCode, scenario, feedback, createFacility }: SitingOptions) {
  const { setMessage, setBusy } = feedback
  const { t } = useI18n()
  const [proposal, setProposal] = useState<SitingResponse | null>(null)
  /** candidate points the official drew for siting, and whether clicks add them */
  const [drawnCandidates, setDrawnCandidates] = useState<[number, number][]>([])
  const [drawing, setDrawing] = useState(false)

  const runSiting = useCallback(
    async (model: SitingModel, body: Record<string, unknown>) => {
      setBusy(true)
      setProposal(null)
      try {
        setProposal(await coverageApi.site(model, { type: typeCode, scenario, ...body }))
        setMessage(null)
      } catch (error) {
        setMessage({ tone: 'bad', text: describeApiError(error as Error, t) })
      } finally {
        setBusy(false)
      }
    },
    [typeCode, scenario, t, setBusy, setMessage],
  )

  const adoptSite = useCallback(
    async (site: SitingSite, name: string) => {
      await createFacility(site.lngLat, 'planned', name, t('cov.reasonAdopt'))
      setProposal((p) => (p ? { ...p, sites: p.sites.filter((s) => s !== site) } : p))
    },
    [createFacility, t],
  )

  return { proposal, setProposal, drawnCandidates, setDrawnCandidates, drawing, setDrawing, runSiting, adoptSite }
}

export type Siting = ReturnType<typeof useSiting>
