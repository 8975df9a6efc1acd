// The listening process: `npm start`. Builds nothing itself: bootstrap() prepares the database,
// buildApp() the routes.

import { existsSync } from 'node:fs'
import { checkEmbeddedCapacity, EmbeddedCapacityError } from '../core/demo/embedded-capacity'
import { buildApp } from './app'
import { bootstrap } from './bootstrap'
import { progressBar } from './cli/progress'
import { parseSeedArgs } from './cli/seed-args'
import { readConfig } from './config'

const config = readConfig()
// `npm start -- --region tianjin --scale 0.1`: the demo world an empty database gets (as WANGGE_DEMO_*)
const { seed, scale, region } = parseSeedArgs(process.argv.slice(2), config)
const log = (line: string) => process.stderr.write(`[wangge] ${line}\n`)
const startedAt = Date.now()
/** The city on the embedded engine: a clear stop (its message alone, exit 1), not a stack. */
function refuse(err: unknown): never {
  if (!(err instanceof EmbeddedCapacityError)) throw err
  log(err.message)
  process.exit(1)
}

// a first start on the embedded engine (no data folder yet) will generate: refuse the city up front
if (!config.databaseUrl && config.demo && !existsSync(config.dataDir))
  try {
    checkEmbeddedCapacity('pglite', region, scale)
  } catch (err) {
    refuse(err)
  }
const database = await bootstrap({
  databaseUrl: config.databaseUrl,
  databaseOwnerUrl: config.databaseOwnerUrl,
  adminPassword: config.adminPassword,
  dataDir: config.dataDir,
  demo: config.demo,
  seed,
  scale,
  region,
  log,
  progress: progressBar(),
}).catch(refuse)
const app = await buildApp({
  database,
  logLevel: config.logLevel,
  corsOrigins: config.corsOrigins,
  basemapOrigins: config.basemapOrigins,
  trustProxy: config.trustProxy,
  rateLimits: config.rateLimits,
})
const address = await app.listen({ port: config.port, host: config.host })
// today's snapshot of the key figures (the wall's trends), then one a day (ADR 30)
app.snapshots.startDaily((error) => log(`daily snapshot failed: ${(error as Error).message}`))
const url = address.replace('127.0.0.1', 'localhost')
log(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
process.stdout.write(`\n  Wangge 网格 is running:  ${url}\n  API docs:               ${url}/docs\n\n`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    log(`${signal}: closing`)
    await app.close()
    await database.close()
    process.exit(0)
  })
}
