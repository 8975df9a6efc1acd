// Helpers shared by the benchmarks: one aligned row per figure, its goal and baseline; both engines.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type DatabaseHandle, openDatabase } from '../../server/db/engine'
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export function printRow(what: string, figure: string, goal: string, baseline: string) {
  console.log(`  ${what.padEnd(62)} ${figure.padStart(10)}   (${goal}; ${baseline})`)
}

/**
 * Runs a benchmark on the embedded engine (an in-memory PGlite, or one in a temporary folder on
 * disk as a server runs it), then, when DATABASE_URL is set, on a fresh database of that server,
 * dropped afterwards.
 */
export async function onBothEngines(
  name: string,
  bench: (engine: 'pglite' | 'postgres', database: DatabaseHandle) => Promise<void>,
  options: { embeddedDataDir?: 'memory' | 'disk' } = {},
): Promise<void> {
  const dataDir =
    options.embeddedDataDir === 'disk' ? mkdtempSync(join(tmpdir(), `wangge-bench-${name}-`)) : 'memory://'
  const embedded = await openDatabase({ dataDir })
  try {
    await bench('pglite', embedded)
  } finally {
    await embedded.close()
    if (dataDir !== 'memory://') rmSync(dataDir, { recursive: true, force: true })
  }
  if (!process.env.DATABASE_URL) return
  const database = `wangge_bench_${name}_${process.pid}` // [a-z0-9_] by construction
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${database}`)
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${database}`
  const server = await openDatabase({ databaseUrl: url.toString() })
  try {
    await bench('postgres', server)
  } finally {
    await server.close()
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  }
}
