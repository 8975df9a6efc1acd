// A newcomer's `npm install` is clean: every locked package accepts the Node version the README
// names (npm prints an EBADENGINE warning for each one that does not).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string) => readFileSync(resolve(root, file), 'utf8')

describe('the Node version the README names', () => {
  const named = /Node\.js (\d+\.\d+)\+/.exec(read('README.md'))?.[1]
  const engines = JSON.parse(read('package.json')).engines.node as string

  it('is the one package.json declares', () => {
    expect(named, 'README.md names no "Node.js N.N+"').toBeDefined()
    expect(semver.minVersion(engines)?.version).toBe(`${named}.0`)
  })

  it('is accepted by every package in the lock file (no EBADENGINE warning on install)', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>
    }
    const oldest = semver.minVersion(engines)!
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
      .map(
        ([path, entry]) =>
          `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`,
      )
    expect(refusing).toEqual([])
  })
})
