// Browser tests need the built client with its test hooks (web/dist-test): build it when missing
// or stale. The production build (web/dist) is left to `npm start` and production-build.test.ts.
import { ensureWebBuild } from '../../scripts/ensure-web-build'

export default function setup() {
  ensureWebBuild({ testHooks: true })
}
