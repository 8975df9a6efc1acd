// Builds the web client when its build is missing or older than its sources: web/dist, the
// production build `npm start` serves, or with `testHooks` web/dist-test, the browser tests' build
// (`vite build --mode test-hooks`: the same app plus the hooks the tests read on window).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../', import.meta.url).pathname

/** Where a build lands: web/dist (production) or web/dist-test (with the test hooks). */
export function webBuildDir(options: { testHooks?: boolean } = {}): string {
  return join(root, options.testHooks ? 'web/dist-test' : 'web/dist')
}

function newest(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))))
}

export function ensureWebBuild(options: { testHooks?: boolean; log?: (line: string) => void } = {}): string {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`))
  const dir = webBuildDir(options)
  const built = join(dir, 'index.html')
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'core/api'].map((p) =>
    join(root, p),
  )
  const stale = !existsSync(built) || sources.some((p) => existsSync(p) && newest(p) > statSync(built).mtimeMs)
  if (!stale) return dir
  log(`[wangge] building the web client${options.testHooks ? ' with test hooks' : ''} …`)
  const mode = options.testHooks ? ['--mode', 'test-hooks'] : []
  // a build that fails part-way must not leave an index.html that looks fresh to the next start
  rmSync(built, { force: true })
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      ...mode,
      '--logLevel',
      'warn',
    ],
    // always a production build, even when called from the tests (vitest sets NODE_ENV=test)
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  )
  return dir
}

if (import.meta.url === `file://${process.argv[1]}`) ensureWebBuild()
