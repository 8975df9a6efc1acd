// Entry point: MapLibre's worker from our own origin, test hooks on window, then the app.
import 'maplibre-gl/dist/maplibre-gl.css'
import './ui/app.css'
import { setWorkerUrl } from 'maplibre-gl'
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { WallPage } from './features/wall/wall-page'
import { I18nProvider } from './i18n/i18n-provider'
import { exposeTestHooks } from './map/test-hooks'

setWorkerUrl(maplibreWorkerUrl)
exposeTestHooks()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nProvider>{window.location.pathname.startsWith('/wall') ? <WallPage /> : <App />}</I18nProvider>
  </StrictMode>,
)
