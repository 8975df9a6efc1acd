// Builds the web client when web/dist is missing or older than its sources (run by `npm start`
// and by the browser tests' setup).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../', import.meta.url).pathname

function newest(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))))
}

export function ensureWebBuild(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  const built = join(root, 'web/dist/index.html')
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'core/api'].map((p) =>
    join(root, p),
  )
  const stale = !existsSync(built) || sources.some((p) => existsSync(p) && newest(p) > statSync(built).mtimeMs)
  if (!stale) return
  log('[wangge] building the web client …')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    // always a production build, even when called from the tests (vitest sets NODE_ENV=test)
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  )
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuild()
