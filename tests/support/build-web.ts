// Browser tests need the built client: build it when missing or stale.
import { ensureWebBuild } from '../../scripts/ensure-web-build'

export default function setup() {
  ensureWebBuild()
}
