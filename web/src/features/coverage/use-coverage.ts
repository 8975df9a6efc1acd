// The coverage mode's state, composed by concern: the chosen type and scenario, the map view,
// the figures and gap layer for them (use-coverage-figures), facility edits (use-facility-edits),
// siting (use-siting) and the panel's message; refetched after every edit (ours or, via the
// page's live-changes client, anyone's). Also decides what a map click means in the mode.
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useMemo, useRef, useState } from 'react'
import type { CoverageScenario, DistanceMethod } from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useLiveChanges } from '../../api/use-live-changes'
import { useI18n } from '../../i18n/i18n-provider'
import { COVERAGE_LAYER_IDS } from '../../map/layers/coverage-layers'
import type { FacilityFeature } from '../../map/layers/facility-layers'
import type { MapHandle } from '../../map/map-view'
import type { Selection } from '../selection/selection'
import { useCoverageFeedback } from './use-coverage-feedback'
import { useCoverageFigures, type WorstLevel, type WorstSort } from './use-coverage-figures'
import { useCoverageView } from './use-coverage-view'
import { useFacilityEdits } from './use-facility-edits'
import { useSiting } from './use-siting'

export interface CoverageOptions {
  enabled: boolean
  handle: MapHandle | null
  setSelection: (selection: Selection) => void
  /** called after an edit so the rest of the app reloads its facilities */
  onFacilitiesChanged: () => void
}

export function useCoverage(options: CoverageOptions) {
  const { enabled, handle, setSelection, onFacilitiesChanged } = options
  const { t } = useI18n()
  const [typeCode, setTypeCode] = useState('community_service_station')
  const [scenario, setScenario] = useState<CoverageScenario>('as-is')
  // undefined: the server's default (walking where it has a walk network); the panel shows what it answered
  const [method, setMethod] = useState<DistanceMethod | undefined>(undefined)
  const [revision, setRevision] = useState(0)
  const [worstLevel, setWorstLevel] = useState<WorstLevel>('grid')
  const [worstSort, setWorstSort] = useState<WorstSort>('unserved')
  const [addStatus, setAddStatus] = useState<'existing' | 'planned' | null>(null)
  const refresh = useCallback(() => setRevision((n) => n + 1), [])
  const subject = useMemo(() => ({ type: typeCode, scenario, method }), [typeCode, scenario, method])
  const feedback = useCoverageFeedback()
  const { setMessage } = feedback

  const view = useCoverageView(enabled, handle)
  const onError = useCallback(
    (error: Error) => setMessage({ tone: 'bad', text: describeApiError(error, t) }),
    [setMessage, t],
  )
  const figures = useCoverageFigures({ enabled, subject, revision, view, worstLevel, worstSort, onError })

  // anyone's facility or grid edit (another map, the API) refreshes the figures
  useLiveChanges(
    {
      onChange: (change) => {
        if (change.kind === 'facilities' || change.kind === 'grids') refresh()
      },
    },
    enabled,
  )

  const edits = useFacilityEdits({
    typeCode,
    facilityById: figures.facilityById,
    feedback,
    refresh,
    onFacilitiesChanged,
    setSelection,
  })
  const siting = useSiting({ typeCode, scenario, feedback, createFacility: edits.createFacility })

  /** A click on the map in coverage mode: add a drawn candidate or a facility, or select one. True when handled. */
  const addStatusRef = useRef(addStatus)
  addStatusRef.current = addStatus
  const drawingRef = useRef(siting.drawing)
  drawingRef.current = siting.drawing
  const { setDrawnCandidates, setProposal } = siting
  const { createFacility } = edits
  const onMapClick = useCallback(
    (info: PickingInfo, name: string): boolean => {
      if (drawingRef.current && info.coordinate) {
        const point: [number, number] = [info.coordinate[0], info.coordinate[1]]
        setDrawnCandidates((list) => [...list, point])
        return true
      }
      if (addStatusRef.current && info.coordinate) {
        const status = addStatusRef.current
        setAddStatus(null)
        void createFacility([info.coordinate[0], info.coordinate[1]], status, name, t('cov.reasonAdd'))
        return true
      }
      if (info.layer?.id === COVERAGE_LAYER_IDS.facilities && info.object) {
        setSelection({ kind: 'facility', id: (info.object as FacilityFeature).id as number })
        return true
      }
      return false
    },
    [createFacility, setSelection, setDrawnCandidates, t],
  )

  const flyTo = useCallback(
    (bbox: [number, number, number, number]) => {
      handle?.map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: 120, maxZoom: 16, duration: 600 },
      )
    },
    [handle],
  )

  // select a different type: forget proposals and the selected facility
  const chooseType = useCallback(
    (code: string) => {
      setTypeCode(code)
      setProposal(null)
      setSelection(null)
    },
    [setSelection, setProposal],
  )

  return {
    typeCode,
    chooseType,
    scenario,
    setScenario,
    method,
    setMethod,
    revision,
    view,
    figures,
    worstList: { level: worstLevel, setLevel: setWorstLevel, sort: worstSort, setSort: setWorstSort },
    edits,
    siting,
    addStatus,
    setAddStatus,
    feedback,
    onMapClick,
    flyTo,
  }
}

export type CoverageModeState = ReturnType<typeof useCoverage>
