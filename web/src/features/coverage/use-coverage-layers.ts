// The coverage mode's deck.gl layers around the base map's: community shares underneath, then
// the gap layer, the chosen type's facilities and the proposed sites on top.
import type { Layer } from '@deck.gl/core'
import { useMemo } from 'react'
import type { FacilityType } from '../../../../core/api'
import { hexToRgba } from '../../map/colour'
import {
  createCoverageFacilityLayers,
  createCoverageShareLayer,
  createDrawnCandidateLayer,
  createGapLayers,
  createProposalLayers,
} from '../../map/layers/coverage-layers'
import type { TileRevision } from '../../map/layers/tile-layer'
import { createBarrierLayer, createIsochroneLayer } from '../../map/layers/walk-layers'
import type { CoverageModeState } from './use-coverage'
import type { useWalk } from './use-walk'

export function useCoverageLayers(
  state: CoverageModeState,
  walk: ReturnType<typeof useWalk>,
  base: Layer[],
  enabled: boolean,
  revision: TileRevision,
  types: ReadonlyMap<string, FacilityType>,
  selectedFacilityId: number | null,
): Layer[] {
  const zoom = state.view?.zoom ?? 9
  const shares = useMemo(
    () => new Map([...state.figures.communityShares].map(([code, row]) => [code, row.share])),
    [state.figures.communityShares],
  )
  const compliant = useMemo(
    () => new Map([...state.figures.compliance].map(([id, c]) => [id, c.compliant])),
    [state.figures.compliance],
  )
  const shareLayer = useMemo(() => createCoverageShareLayer(shares, enabled, revision), [shares, enabled, revision])
  const gapLayers = useMemo(() => createGapLayers(state.figures.gaps, zoom), [state.figures.gaps, zoom])
  const colour = useMemo(() => hexToRgba(types.get(state.typeCode)?.colour), [types, state.typeCode])
  const facilityZoom = zoom < 11 ? 10 : 12 // two dot sizes: district view, closer
  const facilityLayers = useMemo(
    () =>
      createCoverageFacilityLayers(state.figures.facilities, {
        colour,
        selectedId: selectedFacilityId,
        compliant,
        zoom: facilityZoom,
      }),
    [state.figures.facilities, colour, selectedFacilityId, compliant, facilityZoom],
  )
  const proposals = useMemo(
    () => createProposalLayers(state.siting.proposal?.sites ?? [], state.siting.proposal?.radiusM ?? null),
    [state.siting.proposal],
  )
  const drawn = useMemo(() => createDrawnCandidateLayer(state.siting.drawnCandidates), [state.siting.drawnCandidates])
  const isochrones = useMemo(() => createIsochroneLayer(walk.isochrones), [walk.isochrones])
  const barrier = useMemo(() => createBarrierLayer(walk.barrier, zoom >= 11), [walk.barrier, zoom])
  return useMemo(
    () =>
      enabled
        ? [shareLayer, ...base, isochrones, ...gapLayers, barrier, ...facilityLayers, ...proposals, drawn].filter(
            (layer): layer is Layer => layer !== null,
          )
        : base,
    [enabled, shareLayer, base, isochrones, gapLayers, barrier, facilityLayers, proposals, drawn],
  )
}
