// Entry point: MapLibre's worker from our own origin, test hooks on window in a test build only,
// then the page for the path.
import 'maplibre-gl/dist/maplibre-gl.css'
import './ui/app.css'
import { setWorkerUrl } from 'maplibre-gl'
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { SessionGate } from './features/auth/session'
import { UsersPage } from './features/auth/users-page'
import { EquityPage } from './features/equity/equity-page'
import { WallPage } from './features/wall/wall-page'
import { I18nProvider } from './i18n/i18n-provider'
import { installTestHooks } from './testing/install'

// the import wizard (and the CRS library it lists from) loads only on /import
const ImportPage = lazy(() => import('./features/import/import-page').then((m) => ({ default: m.ImportPage })))

setWorkerUrl(maplibreWorkerUrl)
// `vite build --mode test-hooks` (the browser tests' build) only: Vite makes the condition a
// constant, so a production build drops the call and, unused, testing/install.ts with it
if (import.meta.env.MODE === 'test-hooks') installTestHooks(window.location.pathname)

/** The page for the path: /wall (the command-centre wall), /users, /equity (equalization), /import, else the map; nobody signed in gets the sign-in page. */
function page() {
  const path = window.location.pathname
  if (path.startsWith('/wall')) return <WallPage />
  if (path.startsWith('/users')) return <UsersPage />
  if (path.startsWith('/equity')) return <EquityPage />
  if (path.startsWith('/import'))
    return (
      <Suspense fallback={null}>
        <ImportPage />
      </Suspense>
    )
  return <App />
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionGate>{page()}</SessionGate>
    </I18nProvider>
  </StrictMode>,
)
