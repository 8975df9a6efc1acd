// The "设施覆盖 / Coverage" mode in one hook for the app shell: its state, its layers around the
// base map's, its left panel, the facility editor for the selected facility and the map click.
import type { Layer, PickingInfo } from '@deck.gl/core'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { useI18n } from '../../i18n/i18n-provider'
import { COVERAGE_LAYER_IDS } from '../../map/layers/coverage-layers'
import type { TileRevision } from '../../map/layers/tile-layer'
import type { MapHandle } from '../../map/map-view'
import { updateCoverageTestHooks } from '../../testing/probe'
import { MapTooltip } from '../../ui/map-tooltip'
import type { DistrictData } from '../district/use-district-data'
import { FacilityEditor } from '../facilities/facility-editor'
import { useDragMarker } from '../facilities/use-drag-marker'
import type { Selection } from '../selection/selection'
import { CoveragePanel, type ShowOnMap } from './coverage-panel'
import { useCoverage } from './use-coverage'
import { useCoverageLayers } from './use-coverage-layers'
import { useWalk } from './use-walk'

export interface CoverageModeOptions {
  enabled: boolean
  handle: MapHandle | null
  data: DistrictData
  baseLayers: Layer[]
  selection: Selection
  setSelection: (selection: Selection) => void
  /** fly to a list's row or a proposed site and outline it until the next selection */
  show: ShowOnMap
  /** the data revision the tile layers are fetched at */
  revision: TileRevision
  /** after a facility edit (the whole facilities the base map holds, if any, are loaded again) */
  onFacilitiesChanged: () => void
}

export interface CoverageMode {
  layers: Layer[]
  panel: ReactNode
  /** the facility editor when a facility of the chosen type is selected, else null */
  sidePanel: ReactNode
  onMapClick: (info: PickingInfo) => boolean
  /** hover over the gap layer: households and distance to the nearest facility */
  onHover: (info: PickingInfo) => void
  tooltip: ReactNode
}

interface GapHover {
  x: number
  y: number
  households: number
  nearestMeters: number | null
  buildings: number | null
}

export function useCoverageMode(options: CoverageModeOptions): CoverageMode {
  const { enabled, handle, data, selection, setSelection } = options
  const { t, language, formatNumber } = useI18n()
  const [gapHover, setGapHover] = useState<GapHover | null>(null)
  const retryFacilities = options.onFacilitiesChanged
  const state = useCoverage({ enabled, handle, setSelection, onFacilitiesChanged: retryFacilities })
  const selectedId = enabled && selection?.kind === 'facility' ? selection.id : null
  const selected = selectedId !== null ? (state.figures.facilityById.get(selectedId) ?? null) : null
  const [dragPoint, setDragPoint] = useState<[number, number] | null>(null)
  const walk = useWalk({
    enabled,
    typeCode: state.typeCode,
    scenario: state.scenario,
    method: state.figures.summary?.method ?? state.method ?? 'radius',
    facilityId: selected ? selectedId : null,
    dragPoint,
    revision: state.revision,
  })
  const layers = useCoverageLayers(
    state,
    walk,
    options.baseLayers,
    enabled,
    options.revision,
    data.index.facilityTypes,
    selected ? selectedId : null,
  )
  useDragMarker(
    enabled ? handle : null,
    selected ? (selected.geometry.coordinates as [number, number]) : null,
    selected ? (selected.id as number) : null,
    t('cov.dragHint'),
    state.edits.moveFacility,
    setDragPoint,
  )

  // the community whose share the panel shows: the selected one, or the selected facility's
  const communityCode = selection?.kind === 'community' ? selection.code : (selected?.properties.communityCode ?? null)

  useEffect(() => {
    if (!enabled) return
    updateCoverageTestHooks(
      state,
      (lngLat) => {
        if (!handle) return null
        const p = handle.map.project(lngLat)
        const rect = handle.map.getContainer().getBoundingClientRect()
        return { x: p.x + rect.left, y: p.y + rect.top }
      },
      walk,
    )
  })

  const type = data.index.facilityTypes.get(state.typeCode)
  const newName = type ? `${language === 'zh' ? type.nameZh : type.nameEn} ${t('cov.new')}` : state.typeCode
  const onMapClick = useCallback(
    (info: PickingInfo) => enabled && state.onMapClick(info, newName),
    [enabled, state, newName],
  )

  const panel = useMemo(
    () =>
      enabled ? (
        <CoveragePanel
          state={state}
          facilityTypes={data.facilityTypes}
          communities={data.index.communities}
          streets={data.streets}
          communityCode={communityCode}
          onSelectFacility={(id) => setSelection({ kind: 'facility', id })}
          walk={walk}
          show={options.show}
        />
      ) : null,
    [
      enabled,
      state,
      data.facilityTypes,
      data.index.communities,
      data.streets,
      communityCode,
      setSelection,
      walk,
      options.show,
    ],
  )
  const sidePanel =
    enabled && selected ? (
      <FacilityEditor
        facility={selected.properties}
        types={data.facilityTypes}
        compliance={state.figures.compliance.get(selected.id as number) ?? null}
        busy={state.feedback.busy}
        onSave={(patch) => void state.edits.saveFacility(selected.id as number, patch)}
        onRetire={(reason) => void state.edits.retireFacility(selected.id as number, reason)}
        onClose={() => setSelection(null)}
      />
    ) : null
  const gaps = state.figures.gaps
  const onHover = useCallback(
    (info: PickingInfo) => {
      if (info.layer?.id === COVERAGE_LAYER_IDS.gapPoints && gaps && typeof info.object === 'number') {
        const i = info.object
        setGapHover({
          x: info.x,
          y: info.y,
          households: gaps.points.households[i],
          nearestMeters: gaps.points.nearestMeters[i],
          buildings: null,
        })
      } else if (info.layer?.id === COVERAGE_LAYER_IDS.gapHexagons && info.object) {
        const hex = info.object as { households: number; buildings: number }
        setGapHover({ x: info.x, y: info.y, households: hex.households, nearestMeters: null, buildings: hex.buildings })
      } else setGapHover(null)
    },
    [gaps],
  )
  const tooltip =
    enabled && gapHover ? (
      <MapTooltip x={gapHover.x} y={gapHover.y}>
        <div data-testid="gap-tooltip">
          {t('cov.tipUnserved', { n: formatNumber(gapHover.households) })}
          {gapHover.buildings !== null ? (
            <div>{t('cov.tipBuildings', { n: formatNumber(gapHover.buildings) })}</div>
          ) : null}
          {gapHover.nearestMeters !== null ? (
            <div className="muted">{t('cov.tipNearest', { n: formatNumber(gapHover.nearestMeters) })}</div>
          ) : null}
        </div>
      </MapTooltip>
    ) : null
  return { layers, panel, sidePanel, onMapClick, onHover, tooltip }
}
