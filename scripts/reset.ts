// `npm run reset`: throws the embedded database away (or empties the server's world) and
// regenerates the demo world (WANGGE_DEMO=off: leaves an empty world, settings and facility types kept).
// Options: --scale 0.1 --seed 42 --region tianjin (all 16 districts; Binhai is the default)
import { rmSync } from 'node:fs'
import { checkEmbeddedCapacity, EmbeddedCapacityError } from '../core/demo/embedded-capacity'
import { bootstrap } from '../server/bootstrap'
import { progressBar } from '../server/cli/progress'
import { parseSeedArgs } from '../server/cli/seed-args'
import { readConfig } from '../server/config'

const config = readConfig()
const { seed, scale, region } = parseSeedArgs(process.argv.slice(2), config)
const log = (line: string) => process.stderr.write(`[wangge] ${line}\n`)
// refused before the database is even opened (or removed): a reset always generates
const refuse = (err: unknown): never => {
  if (!(err instanceof EmbeddedCapacityError)) throw err
  log(err.message)
  process.exit(1)
}
try {
  if (config.demo) checkEmbeddedCapacity(config.databaseUrl ? 'postgres' : 'pglite', region, scale)
} catch (err) {
  refuse(err)
}
if (!config.databaseUrl) {
  log(`removing ${config.dataDir}`)
  rmSync(config.dataDir, { recursive: true, force: true })
}
const database = await bootstrap({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  demo: config.demo,
  seed,
  scale,
  region,
  reseed: true,
  log,
  progress: progressBar(),
}).catch(refuse)
await database.close()
log('done')
