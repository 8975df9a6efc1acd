// The listening process: `npm start`. Builds nothing itself: bootstrap() prepares the database,
// buildApp() the routes.
import { buildApp } from './app'
import { bootstrap } from './bootstrap'
import { progressBar } from './cli/progress'
import { readConfig } from './config'

const config = readConfig()
const log = (line: string) => process.stderr.write(`[wangge] ${line}\n`)
const startedAt = Date.now()

const database = await bootstrap({
  databaseUrl: config.databaseUrl,
  databaseOwnerUrl: config.databaseOwnerUrl,
  adminPassword: config.adminPassword,
  dataDir: config.dataDir,
  demo: config.demo,
  seed: config.demoSeed,
  scale: config.demoScale,
  log,
  progress: progressBar(),
})
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
