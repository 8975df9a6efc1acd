// The test world's identity: a hash of everything that shapes it. A template built for the same
// key is reused across runs (.cache/ for PGlite, a template database on a server).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = new URL('../../', import.meta.url).pathname
/** The demo world every database test starts from. */
export const TEST_WORLD = { seed: 20230101, scale: Number(process.env.WANGGE_TEST_SCALE ?? 1) }

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap((name) => files(join(path, name)))
}

/** Inputs of the Tianjin-wide world only (`--region tianjin`): the test world (Binhai) never reads them. */
const CITY_ONLY = /^(geodata\/tianjin-|core\/demo\/city-layout\.ts$)/

export function templateKey(): string {
  const hash = createHash('sha1')
  hash.update(JSON.stringify(TEST_WORLD))
  // only what shapes the loaded world: schema, generator and its inputs, the loader
  const inputs = [
    'migrations',
    'core/demo',
    'core/domain/grid-code.ts',
    'geodata',
    'server/modules/demo/demo.repository.ts',
    'server/modules/grids/grids.repository.ts',
    'core/network/types.ts',
    'core/network/geometry.ts',
    'core/network/components.ts',
    'core/network/snap.ts',
    'server/modules/network/network.repository.ts',
    'server/modules/network/network.service.ts',
    'server/bootstrap.ts',
  ].map((p) => join(ROOT, p))
  for (const path of inputs
    .flatMap(files)
    .filter((p) => !p.endsWith('.test.ts') && !CITY_ONLY.test(p.slice(ROOT.length)))
    .sort()) {
    hash.update(path.slice(ROOT.length))
    hash.update(readFileSync(path))
  }
  return hash.digest('hex').slice(0, 12)
}
