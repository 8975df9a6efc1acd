// The coverage mode's state: chosen type and scenario, the figures and gap layer for them, the
// facilities of the type, proposed sites; refetched after every edit (ours or, via SSE, anyone's).
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  CoverageGaps,
  CoverageRow,
  CoverageScenario,
  CoverageSummary,
  FacilityCompliance,
  FacilityPatch,
  SitingResponse,
  SitingSite,
} from '../../../../core/api'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { COVERAGE_LAYER_IDS, GAP_POINTS_MIN_ZOOM } from '../../map/layers/coverage-layers'
import type { FacilityFeature } from '../../map/layers/facility-layers'
import type { MapHandle } from '../../map/map-view'
import type { Selection } from '../selection/selection'
import { coverageApi, type SitingModel } from './coverage-api'

const AUTHOR_KEY = 'wangge.editorName'

export interface CoverageView {
  zoom: number
  bbox: string
}

function readAuthor(): string {
  try {
    return globalThis.localStorage?.getItem(AUTHOR_KEY) ?? ''
  } catch {
    return ''
  }
}

function viewOf(handle: MapHandle): CoverageView {
  const b = handle.map.getBounds()
  const r = (v: number) => v.toFixed(4)
  return { zoom: handle.map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(r).join(',') }
}

export interface CoverageOptions {
  enabled: boolean
  handle: MapHandle | null
  selection: Selection
  setSelection: (selection: Selection) => void
  /** called after an edit so the rest of the app reloads its facilities */
  onFacilitiesChanged: () => void
}

export function useCoverage(options: CoverageOptions) {
  const { enabled, handle, setSelection, onFacilitiesChanged } = options
  const { t } = useI18n()
  const [typeCode, setTypeCode] = useState('community_service_station')
  const [scenario, setScenario] = useState<CoverageScenario>('as-is')
  const [revision, setRevision] = useState(0)
  const [view, setView] = useState<CoverageView | null>(null)
  const [summary, setSummary] = useState<CoverageSummary | null>(null)
  /** the district share in each scenario, for the as-is / with-planned comparison */
  const [scenarioShares, setScenarioShares] = useState<Record<CoverageScenario, number> | null>(null)
  /** the share of the type's whole life-circle tier (any of its types), tiers never substituting */
  const [tierShare, setTierShare] = useState<{ tier: string; share: number } | null>(null)
  /** candidate points the official drew for siting, and whether clicks add them */
  const [drawnCandidates, setDrawnCandidates] = useState<[number, number][]>([])
  const [drawing, setDrawing] = useState(false)
  const [communityShares, setCommunityShares] = useState<Map<string, CoverageRow>>(new Map())
  const [worstLevel, setWorstLevel] = useState<'grid' | 'unit' | 'community'>('grid')
  const [worstSort, setWorstSort] = useState<'unserved' | 'share'>('unserved')
  const [worst, setWorst] = useState<CoverageRow[]>([])
  const [gaps, setGaps] = useState<CoverageGaps | null>(null)
  const [facilities, setFacilities] = useState<FacilityFeature[]>([])
  const [compliance, setCompliance] = useState<Map<number, FacilityCompliance>>(new Map())
  const [proposal, setProposal] = useState<SitingResponse | null>(null)
  const [author, setAuthorState] = useState(readAuthor)
  const [addStatus, setAddStatus] = useState<'existing' | 'planned' | null>(null)
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [loading, setLoading] = useState(false)
  const refresh = useCallback(() => setRevision((n) => n + 1), [])
  const subject = useMemo(() => ({ type: typeCode, scenario }), [typeCode, scenario])

  const setAuthor = useCallback((name: string) => {
    setAuthorState(name)
    try {
      globalThis.localStorage?.setItem(AUTHOR_KEY, name)
    } catch {}
  }, [])

  // the map view: zoom decides points vs hexagons, the bbox limits the points
  useEffect(() => {
    if (!enabled || !handle) return
    const update = () => setView(viewOf(handle))
    update()
    handle.map.on('moveend', update)
    return () => {
      handle.map.off('moveend', update)
    }
  }, [enabled, handle])

  // figures, worst list, facilities and compliance for the type and scenario
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` re-runs it after edits
  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    const { signal } = controller
    setLoading(true)
    const other: CoverageScenario = subject.scenario === 'as-is' ? 'with-planned' : 'as-is'
    Promise.all([
      coverageApi.summary(subject, 'district', signal),
      coverageApi.summary({ ...subject, scenario: other }, 'district', signal),
      coverageApi.tierSummary(subject.type, subject.scenario, signal),
      coverageApi.summary(subject, 'community', signal),
      coverageApi.facilities(subject.type, signal),
      coverageApi.compliance(subject.type, signal),
    ]).then(
      ([district, otherDistrict, tier, communities, fc, comp]) => {
        if (signal.aborted) return
        setSummary(district)
        setTierShare(tier ? { tier: tier.subject.tier, share: tier.totals.share } : null)
        setScenarioShares({
          [subject.scenario]: district.totals.share,
          [other]: otherDistrict.totals.share,
        } as Record<CoverageScenario, number>)
        setCommunityShares(new Map(communities.rows.map((r) => [r.key, r])))
        setFacilities(fc.features as FacilityFeature[])
        setCompliance(new Map(comp.items.map((c) => [c.id, c])))
        setLoading(false)
      },
      (error: Error) => {
        if (signal.aborted) return
        setLoading(false)
        setMessage({ tone: 'bad', text: describeApiError(error, t) })
      },
    )
    return () => controller.abort()
  }, [enabled, subject, revision, t])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` re-runs it after edits
  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    coverageApi.worst(subject, worstLevel, worstSort, controller.signal).then(
      (w) => setWorst(w.rows),
      () => {},
    )
    return () => controller.abort()
  }, [enabled, subject, worstLevel, worstSort, revision])

  // the gap layer: hexagons for the district when zoomed out, points in view when zoomed in
  const zoomedIn = (view?.zoom ?? 0) >= GAP_POINTS_MIN_ZOOM
  const gapBbox = zoomedIn ? view?.bbox : undefined
  const cellMeters = (view?.zoom ?? 9) < 10 ? 2000 : 1000
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` re-runs it after edits
  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    const request = zoomedIn
      ? coverageApi.gaps(subject, { aggregate: 'none', bbox: gapBbox }, controller.signal)
      : coverageApi.gaps(subject, { aggregate: 'hex', cellMeters }, controller.signal)
    request.then(
      (g) => setGaps(g),
      () => {},
    )
    return () => controller.abort()
  }, [enabled, subject, zoomedIn, gapBbox, cellMeters, revision])

  // anyone's facility edit (another map, the API) refreshes the figures
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return
    const source = new EventSource('/api/events')
    source.addEventListener('change', (event) => {
      const data = JSON.parse((event as MessageEvent).data) as { kind?: string }
      if (data.kind === 'facilities' || data.kind === 'grids') refresh()
    })
    return () => source.close()
  }, [enabled, refresh])

  const needAuthor = useCallback(() => {
    if (author.trim()) return false
    setMessage({ tone: 'bad', text: t('cov.needAuthor') })
    return true
  }, [author, t])

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
    [refresh, onFacilitiesChanged, t],
  )

  const facilityById = useMemo(() => new Map(facilities.map((f) => [f.id as number, f])), [facilities])

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
    [typeCode, scenario, t],
  )

  const adoptSite = useCallback(
    async (site: SitingSite, name: string) => {
      await createFacility(site.lngLat, 'planned', name, t('cov.reasonAdopt'))
      setProposal((p) => (p ? { ...p, sites: p.sites.filter((s) => s !== site) } : p))
    },
    [createFacility, t],
  )

  /** A click on the map in coverage mode: add a facility, or select one. True when handled. */
  const addStatusRef = useRef(addStatus)
  addStatusRef.current = addStatus
  const drawingRef = useRef(drawing)
  drawingRef.current = drawing
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
    [createFacility, setSelection, t],
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
    [setSelection],
  )

  return {
    typeCode,
    chooseType,
    scenario,
    setScenario,
    summary,
    scenarioShares,
    tierShare,
    drawnCandidates,
    setDrawnCandidates,
    drawing,
    setDrawing,
    communityShares,
    worst,
    worstLevel,
    setWorstLevel,
    worstSort,
    setWorstSort,
    gaps,
    view,
    facilities,
    facilityById,
    compliance,
    proposal,
    setProposal,
    author,
    setAuthor,
    addStatus,
    setAddStatus,
    message,
    setMessage,
    busy,
    loading,
    moveFacility,
    saveFacility,
    retireFacility,
    runSiting,
    adoptSite,
    onMapClick,
    flyTo,
    refresh,
  }
}

export type CoverageModeState = ReturnType<typeof useCoverage>
