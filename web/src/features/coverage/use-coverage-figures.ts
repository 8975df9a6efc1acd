// What the coverage mode shows for the chosen type and scenario, loaded while the mode is on and
// again after every edit (`revision`): the district figures (both scenarios, the type's tier),
// community shares, the type's facilities and their compliance; the worst list; the gap layer
// (hexagons for the district when zoomed out, points in view when zoomed in).
import { useEffect, useMemo, useRef } from 'react'
import type { CoverageRow, CoverageScenario, CoverageSummary, FacilityCompliance } from '../../../../core/api'
import { useApiResource } from '../../api/use-api-resource'
import { GAP_POINTS_MIN_ZOOM } from '../../map/layers/coverage-layers'
import type { FacilityFeature } from '../../map/layers/facility-layers'
import { coverageApi, type Subject } from './coverage-api'
import type { CoverageView } from './use-coverage-view'

export type WorstLevel = 'grid' | 'unit' | 'community'
export type WorstSort = 'unserved' | 'share'

export interface CoverageFigures {
  summary: CoverageSummary
  /** the district share in each scenario, for the as-is / with-planned comparison */
  scenarioShares: Record<CoverageScenario, number>
  /** the share of the type's whole life-circle tier (any of its types), tiers never substituting */
  tierShare: { tier: string; share: number } | null
  communityShares: Map<string, CoverageRow>
  facilities: FacilityFeature[]
  compliance: Map<number, FacilityCompliance>
}

async function loadFigures(subject: Subject, signal: AbortSignal): Promise<CoverageFigures> {
  const other: CoverageScenario = subject.scenario === 'as-is' ? 'with-planned' : 'as-is'
  const [district, otherDistrict, tier, communities, fc, comp] = await Promise.all([
    coverageApi.summary(subject, 'district', signal),
    coverageApi.summary({ ...subject, scenario: other }, 'district', signal),
    coverageApi.tierSummary(subject.type, subject.scenario, signal, subject.method),
    coverageApi.summary(subject, 'community', signal),
    coverageApi.facilities(subject.type, signal),
    coverageApi.compliance(subject.type, signal),
  ])
  return {
    summary: district,
    tierShare: tier ? { tier: tier.subject.tier, share: tier.totals.share } : null,
    scenarioShares: {
      [subject.scenario]: district.totals.share,
      [other]: otherDistrict.totals.share,
    } as Record<CoverageScenario, number>,
    communityShares: new Map(communities.rows.map((r) => [r.key, r])),
    facilities: fc.features as FacilityFeature[],
    compliance: new Map(comp.items.map((c) => [c.id, c])),
  }
}

export interface CoverageFigureOptions {
  enabled: boolean
  subject: Subject
  revision: number
  view: CoverageView | null
  worstLevel: WorstLevel
  worstSort: WorstSort
  /** a failure to load the figures, for the panel's message */
  onError: (error: Error) => void
}

const NO_FACILITIES: FacilityFeature[] = []
const NO_ROWS: CoverageRow[] = []
const NO_SHARES = new Map<string, CoverageRow>()
const NO_COMPLIANCE = new Map<number, FacilityCompliance>()

export function useCoverageFigures(options: CoverageFigureOptions) {
  const { enabled, subject, revision, view, worstLevel, worstSort, onError } = options
  const { type, scenario, method } = subject
  const figures = useApiResource(enabled ? (signal) => loadFigures(subject, signal) : null, [
    type,
    scenario,
    method,
    revision,
  ])
  const worst = useApiResource(enabled ? (signal) => coverageApi.worst(subject, worstLevel, worstSort, signal) : null, [
    type,
    scenario,
    method,
    worstLevel,
    worstSort,
    revision,
  ])
  const zoomedIn = (view?.zoom ?? 0) >= GAP_POINTS_MIN_ZOOM
  const gapBbox = zoomedIn ? view?.bbox : undefined
  const cellMeters = (view?.zoom ?? 9) < 10 ? 2000 : 1000
  const gaps = useApiResource(
    enabled
      ? (signal) =>
          zoomedIn
            ? coverageApi.gaps(subject, { aggregate: 'none', bbox: gapBbox }, signal)
            : coverageApi.gaps(subject, { aggregate: 'hex', cellMeters }, signal)
      : null,
    [type, scenario, method, zoomedIn, gapBbox, cellMeters, revision],
  )

  const latestOnError = useRef(onError)
  latestOnError.current = onError
  useEffect(() => {
    if (figures.error) latestOnError.current(figures.error)
  }, [figures.error])

  const data = figures.data
  const facilities = data?.facilities ?? NO_FACILITIES
  const facilityById = useMemo(() => new Map(facilities.map((f) => [f.id as number, f])), [facilities])
  return {
    summary: data?.summary ?? null,
    scenarioShares: data?.scenarioShares ?? null,
    tierShare: data?.tierShare ?? null,
    communityShares: data?.communityShares ?? NO_SHARES,
    facilities,
    facilityById,
    compliance: data?.compliance ?? NO_COMPLIANCE,
    worst: worst.data?.rows ?? NO_ROWS,
    gaps: gaps.data,
    loading: figures.loading,
  }
}

export type CoverageFigureState = ReturnType<typeof useCoverageFigures>
