// The map: a MapLibre map (empty style, optional raster basemap) with a deck.gl overlay on top.
// It owns no data; it draws the layers it is given and reports clicks, hovers and zoom thresholds.
import type { Layer, PickingInfo } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { useI18n } from '../i18n/i18n-provider'
import { DISTRICT_BOUNDS, districtFitPadding, MAX_ZOOM, MIN_ZOOM } from './district-view'
import { createMapStyle } from './map-style'
import type { ThemeName } from './map-theme'
import { zoomVisibilityKey } from './zoom-bands'

export interface MapHandle {
  map: MapLibreMap
  overlay: MapboxOverlay
  /** fit the whole district in view */
  resetView: () => void
}

export interface MapViewProps {
  layers: Layer[]
  theme: ThemeName
  basemapUrl: string | null
  ariaLabel: string
  onReady?: (handle: MapHandle) => void
  /** called with the zoom whenever a zoom-visibility threshold is crossed (and once on load) */
  onZoomThreshold?: (zoom: number) => void
  onHover?: (info: PickingInfo) => void
  onClick?: (info: PickingInfo) => void
  /** after every deck.gl frame (test hooks use it to know the layers were drawn) */
  onAfterRender?: () => void
  onError?: (message: string) => void
  /** the scale bar's longest length in CSS pixels (MapLibre's default 100; a 4K wall wants more) */
  scaleMaxWidthPx?: number
}

export function MapView(props: MapViewProps) {
  const { t } = useI18n()
  // MapLibre's own controls speak the UI language (its `locale` option)
  const locale = {
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'AttributionControl.ToggleAttribution': t('map.attribution'),
    'Map.Title': props.ariaLabel,
  }
  const containerRef = useRef<HTMLDivElement>(null)
  const handleRef = useRef<MapHandle | null>(null)
  // latest callbacks, so the map is created once
  const callbacks = useRef(props)
  callbacks.current = props

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; props flow in through the effects below
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    let map: MapLibreMap
    try {
      map = new MapLibreMap({
        container,
        style: createMapStyle({ theme: props.theme, basemapUrl: props.basemapUrl, tileOrigin: window.location.origin }),
        bounds: DISTRICT_BOUNDS,
        fitBoundsOptions: { padding: districtFitPadding(container.clientWidth, container.clientHeight) },
        minZoom: MIN_ZOOM,
        maxZoom: MAX_ZOOM,
        attributionControl: props.basemapUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        locale,
      })
    } catch (error) {
      callbacks.current.onError?.((error as Error).message)
      return
    }
    map.touchZoomRotate.disableRotation()
    // the canvas is out of the tab order: the page's own controls (search, lists) reach every
    // feature; the map's container keeps its accessible name (role="application" below)
    map.getCanvas().setAttribute('tabindex', '-1')
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right')
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: props.scaleMaxWidthPx ?? 100 }), 'bottom-right')

    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info) => callbacks.current.onClick?.(info),
      onHover: (info) => {
        map.getCanvas().style.cursor = info.object ? 'pointer' : ''
        callbacks.current.onHover?.(info)
      },
      onAfterRender: () => callbacks.current.onAfterRender?.(),
    })
    map.addControl(overlay)

    let zoomKey = ''
    const reportZoom = () => {
      const zoom = map.getZoom()
      const key = zoomVisibilityKey(zoom)
      if (key !== zoomKey) {
        zoomKey = key
        callbacks.current.onZoomThreshold?.(zoom)
      }
    }
    map.on('zoom', reportZoom)
    map.on('load', reportZoom)
    map.on('error', (event) => callbacks.current.onError?.(event.error?.message ?? String(event)))

    const handle: MapHandle = {
      map,
      overlay,
      resetView: () =>
        map.fitBounds(DISTRICT_BOUNDS, { padding: districtFitPadding(container.clientWidth, container.clientHeight) }),
    }
    handleRef.current = handle
    callbacks.current.onReady?.(handle)
    return () => {
      handleRef.current = null
      map.removeControl(overlay)
      map.remove()
    }
  }, [])

  useEffect(() => {
    handleRef.current?.overlay.setProps({ layers: props.layers })
  }, [props.layers])

  // a basemap or theme change swaps the style; the deck overlay sits on top and is unaffected
  const firstStyle = useRef(true)
  useEffect(() => {
    if (firstStyle.current) {
      firstStyle.current = false
      return
    }
    handleRef.current?.map.setStyle(
      createMapStyle({ theme: props.theme, basemapUrl: props.basemapUrl, tileOrigin: window.location.origin }),
    )
  }, [props.theme, props.basemapUrl])

  return <div ref={containerRef} className="map-view" role="application" aria-label={props.ariaLabel} />
}
