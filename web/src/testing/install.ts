// Test builds only: main.tsx calls this when built with `--mode test-hooks` (the browser tests'
// build, web/dist-test); a production build drops the call, and with it this module and the hooks'. Puts the
// page's hooks on window: `window.__wangge` on the district map, `window.__wanggeWall` on /wall.
import { mapHooks } from './map-hooks'
import { wallHooks } from './wall-hooks'

export function installTestHooks(path: string): void {
  if (path.startsWith('/wall')) window.__wanggeWall = wallHooks()
  else if (!path.startsWith('/equity')) window.__wangge = mapHooks()
}
