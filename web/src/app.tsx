// The district map page: composition only. Data comes from useDistrictData, layers from
// useMapLayers (pure factories), panels from features/, chrome from ui/.
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { GridSummary } from '../../core/api'
import { describeApiError } from './api/describe-api-error'
import { useCan } from './features/auth/session'
import { UserMenu } from './features/auth/user-menu'
import { useCoverageMode } from './features/coverage/use-coverage-mode'
import { useDistrictData } from './features/district/use-district-data'
import { useFacilities } from './features/facilities/use-facilities'
import { AsOfMap } from './features/grid-editing/as-of-map'
import { EditEntry } from './features/grid-editing/edit-entry'
import { useEditMode } from './features/grid-editing/edit-mode'
import { GridEditor } from './features/grid-editing/grid-editor'
import { useLiveGridChanges } from './features/grid-editing/use-live-grid-changes'
import { GridTooltip } from './features/grids/grid-tooltip'
import { useFound } from './features/search/use-found'
import { selectionFromPick } from './features/selection/selection'
import { SelectionPanel, selectedOutline } from './features/selection/selection-panel'
import { useSelectedFeature } from './features/selection/use-selected-feature'
import { useSelection } from './features/selection/use-selection'
import { useBasemapUrl } from './features/settings/use-basemap-url'
import type { MessageKey } from './i18n/dictionaries'
import { useI18n } from './i18n/i18n-provider'
import { DEFAULT_LAYER_TOGGLES, type LayerToggles as Toggles } from './map/layers/build-layers'
import { LAYER_IDS } from './map/layers/layer-ids'
import { tileFeatureProperties } from './map/layers/tile-layer'
import type { ThemeName } from './map/map-theme'
import { type MapHandle, MapView } from './map/map-view'
import { useMapLayers } from './map/use-map-layers'
import { useTileRevision } from './map/use-tile-revision'
import { markMapFailed, markMapReady, updateTestHookSources } from './testing/probe'
import { BasemapSettings } from './ui/basemap-settings'
import { DeviationLegend } from './ui/deviation-legend'
import { ErrorBanner, type ErrorItem } from './ui/error-banner'
import { LanguageSwitch } from './ui/language-switch'
import { LayerDownloads } from './ui/layer-downloads'
import { LayerToggles } from './ui/layer-toggles'
import { MapTooltip } from './ui/map-tooltip'
import { SearchBox } from './ui/search-box'
import { StatusBar } from './ui/status-bar'

interface Hover {
  x: number
  y: number
  grid: GridSummary
}

const RESOURCE_LABELS: Record<string, MessageKey> = {
  streets: 'loading.streets',
  communities: 'loading.communities',
  grids: 'loading.grids',
  facilities: 'loading.facilities',
  facilityTypes: 'loading.facilityTypes',
  settings: 'loading.settings',
}

export function App({ theme = 'light' }: { theme?: ThemeName }) {
  const { t, language, formatNumber } = useI18n()
  const data = useDistrictData()
  const { selection, setSelection } = useSelection()
  const [editCode, setEditCode] = useEditMode()
  const mayEditGrids = useCan('grids.edit')
  const mayImport = useCan('import.run')
  // grids saved by anyone (or missed while disconnected): the figures are loaded again, and the
  // tile layers revalidate their tiles (only the touched ones come back with a body)
  useLiveGridChanges(() => {
    data.resources.grids.retry()
    data.resources.communities.retry()
  })
  const revision = useTileRevision()
  const { basemapUrl, setBasemapUrl } = useBasemapUrl()
  const [toggles, setToggles] = useState<Toggles>(DEFAULT_LAYER_TOGGLES)
  const [visibleTypes, setVisibleTypes] = useState<ReadonlySet<string> | null>(null)
  const [zoom, setZoom] = useState(9)
  const [handle, setHandle] = useState<MapHandle | null>(null)
  const [hover, setHover] = useState<Hover | null>(null)
  const [mapError, setMapError] = useState<string | null>(null)

  const found = useFound(handle, selection, setSelection)
  const selectedFeature = useSelectedFeature(selection, revision)
  const selectedWhole = useMemo(() => selectedOutline(selection, selectedFeature), [selection, selectedFeature])
  const selected = found.outline ?? selectedWhole
  const [coverageOn, setCoverageOn] = useState(false)
  /** on a phone the panels below the header are folded away until asked for (app.css) */
  const [panelsOpen, setPanelsOpen] = useState(false)
  // the coverage mode draws its own facilities over community shares instead of grids
  const baseToggles = coverageOn ? { ...toggles, grids: false, facilities: false, serviceRadius: false } : toggles
  // whole facilities only for their service radius; the dots are drawn from tiles
  const radiusFacilities = useFacilities(baseToggles.facilities && baseToggles.serviceRadius)
  const facilities = useMemo(() => radiusFacilities.data?.features ?? [], [radiusFacilities.data])
  const baseLayers = useMapLayers(data, {
    toggles: baseToggles,
    visibleTypes,
    zoom,
    selected,
    theme,
    revision,
    facilities,
  })
  const show = useMemo(() => ({ row: found.showRow, point: found.showPoint }), [found.showRow, found.showPoint])
  const coverage = useCoverageMode({
    enabled: coverageOn,
    handle,
    data,
    baseLayers,
    selection,
    setSelection,
    show,
    revision,
    onFacilitiesChanged: radiusFacilities.retry,
  })
  const layers = coverage.layers

  const gridIndex = data.index.grids
  const onHover = useCallback(
    (info: PickingInfo) => {
      const id = info.layer?.id === LAYER_IDS.grids ? tileFeatureProperties<{ id: number }>(info.object)?.id : undefined
      const grid = id === undefined ? null : (gridIndex.get(id)?.properties ?? null)
      setHover((current) => {
        if (!grid) return null
        if (current && current.grid.id === grid.id && Math.abs(current.x - info.x) + Math.abs(current.y - info.y) < 2)
          return current
        return { x: info.x, y: info.y, grid }
      })
    },
    [gridIndex],
  )
  const onClick = useCallback(
    (info: PickingInfo) => {
      if (coverage.onMapClick(info)) return
      setSelection(selectionFromPick(info.layer?.id, info.object))
    },
    [setSelection, coverage.onMapClick],
  )

  // test hooks follow the app's current objects; `ready` once grids are drawn (or failed)
  useEffect(() => {
    updateTestHookSources({
      map: handle?.map ?? null,
      overlay: handle?.overlay ?? null,
      grids: data.grids,
      selection,
      select: setSelection,
      language,
      outlined: selected,
    })
  }, [handle, data.grids, selection, setSelection, language, selected])
  const gridsLoaded = data.resources.grids.data !== null
  const onAfterRender = useCallback(() => {
    if (gridsLoaded) markMapReady()
  }, [gridsLoaded])
  const gridsError = data.resources.grids.error
  useEffect(() => {
    if (gridsError) markMapFailed(describeApiError(gridsError, t))
    else if (mapError) markMapFailed(mapError)
  }, [gridsError, mapError, t])

  const loading = Object.entries(data.resources)
    .filter(([, r]) => r.loading)
    .map(([key]) => t(RESOURCE_LABELS[key]))
  const errors: ErrorItem[] = Object.entries(data.resources)
    .filter(([, r]) => r.error)
    .map(([key, r]) => ({ key, message: describeApiError(r.error as Error, t), retry: r.retry }))
  if (mapError) errors.push({ key: 'map', message: t('error.map', { message: mapError }) })

  return (
    <div className={`app theme-${theme}`}>
      <MapView
        layers={layers}
        theme={theme}
        basemapUrl={basemapUrl}
        ariaLabel={t('map.label')}
        onReady={setHandle}
        onZoomThreshold={setZoom}
        onHover={coverageOn ? coverage.onHover : onHover}
        onClick={onClick}
        onAfterRender={onAfterRender}
        onError={setMapError}
      />
      {hover && !editCode ? (
        <MapTooltip x={hover.x} y={hover.y}>
          <GridTooltip grid={hover.grid} />
        </MapTooltip>
      ) : null}
      {coverage.tooltip}

      <div className={`left-column${panelsOpen ? ' panels-open' : ''}`} data-testid="left-column">
        <header className="app-header panel">
          <div className="app-title">
            <h1>{t('app.title')}</h1>
            <span className="muted">{t('app.subtitle')}</span>
          </div>
          <LanguageSwitch />
          <UserMenu />
          <div className="header-row">
            <button type="button" onClick={() => handle?.resetView()} disabled={!handle}>
              {t('map.resetView')}
            </button>
            <button
              type="button"
              aria-pressed={coverageOn}
              onClick={() => setCoverageOn((on) => !on)}
              data-testid="mode-coverage"
            >
              {t('cov.mode')}
            </button>
            <a href="/equity" data-testid="mode-equity">
              {t('equity.mode')}
            </a>
            <a href="/wall" data-testid="mode-wall">
              {t('wall.mode')}
            </a>
            {mayImport ? (
              <a href="/import" data-testid="mode-import">
                {t('import.mode')}
              </a>
            ) : null}
            {data.grids.length > 0 ? (
              <span className="muted" data-testid="grid-count">
                {t('count.grids', { n: formatNumber(data.grids.length) })}
              </span>
            ) : null}
          </div>
          <SearchBox onPick={found.pick} />
          <button
            type="button"
            className="phone-only panels-toggle"
            aria-expanded={panelsOpen}
            onClick={() => setPanelsOpen((open) => !open)}
            data-testid="panels-toggle"
          >
            {t(panelsOpen ? 'phone.hidePanels' : 'phone.showPanels')}
          </button>
          <BasemapSettings basemapUrl={basemapUrl} onChange={setBasemapUrl} />
        </header>
        {coverage.panel}
        <LayerToggles
          toggles={toggles}
          onChange={setToggles}
          facilityTypes={data.facilityTypes}
          visibleTypes={visibleTypes}
          onVisibleTypesChange={setVisibleTypes}
        />
        {baseToggles.grids ? <DeviationLegend band={data.band} /> : null}
        <LayerDownloads />
        {editCode ? null : <AsOfMap handle={handle} tolerance={data.band.tolerance} theme={theme} />}
      </div>

      <div className="top-center">
        <StatusBar loading={loading} />
        <ErrorBanner errors={errors} />
      </div>

      {editCode ? (
        <GridEditor
          code={editCode}
          handle={handle}
          theme={theme}
          onClose={() => setEditCode(null)}
          onSaved={data.resources.grids.retry}
          onNavigate={setEditCode}
        />
      ) : (
        <>
          {coverage.sidePanel ?? (
            <SelectionPanel
              selection={selection}
              index={data.index}
              feature={selectedFeature}
              onSelect={setSelection}
            />
          )}
          {mayEditGrids ? (
            <EditEntry selection={selection} index={data.index} onEdit={setEditCode} />
          ) : (
            <p className="edit-entry panel muted" data-testid="read-only">
              {t('auth.readOnly')}
            </p>
          )}
        </>
      )}
    </div>
  )
}
