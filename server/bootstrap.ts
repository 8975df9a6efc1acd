// Opens the database, applies migrations and makes sure a demo world is loaded.
import { generateDemoWorld } from '../core/demo/generate-demo-world'
import { type DatabaseHandle, openDatabase } from './db/engine'
import { migrate } from './db/migrate'
import { clearWorld, hasWorld, loadWorld } from './modules/demo/demo.repository'
import { rebuildBuildingAccess } from './modules/network/network.service'

export interface BootstrapOptions {
  databaseUrl?: string
  dataDir?: string
  seed: number
  scale: number
  /** regenerate the demo world even when one is loaded */
  reseed?: boolean
  /** false: an empty database keeps its settings and facility types only, for a real district's import */
  demo?: boolean
  log?: (line: string) => void
  progress?: (step: string, done: number, total: number) => void
}

export async function bootstrap(options: BootstrapOptions): Promise<DatabaseHandle> {
  const log = options.log ?? (() => {})
  const t0 = Date.now()
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir })
  log(`database: ${database.kind} at ${database.location} (${Date.now() - t0} ms)`)
  try {
    const { applied } = await migrate(database.pool)
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`)
    if (options.demo === false) {
      if (options.reseed) await clearWorld(database.db)
      if (!(await hasWorld(database.db)))
        log('no demo world (WANGGE_DEMO=off): load the district with `npm run import` or the import page')
    } else if (options.reseed || !(await hasWorld(database.db))) await seedDemoWorld(database, options)
  } catch (err) {
    await database.close()
    throw err
  }
  return database
}

export async function seedDemoWorld(database: DatabaseHandle, options: BootstrapOptions): Promise<void> {
  const log = options.log ?? (() => {})
  const progress = options.progress ?? (() => {})
  log(`generating the demo world (seed ${options.seed}, scale ${options.scale}) …`)
  let t = Date.now()
  const world = generateDemoWorld({ seed: options.seed, scale: options.scale, onProgress: progress })
  const households = world.communities.reduce((s, c) => s + c.households, 0)
  log(
    `generated ${world.streets.length} streets, ${world.communities.length} communities, ${world.units.length} units, ` +
      `${world.buildings.length} buildings, ${world.grids.length} grids, ${world.facilities.length} facilities, ` +
      `${households} households (${Date.now() - t} ms)`,
  )
  t = Date.now()
  await loadWorld(database.db, world, progress)
  log(`loaded into ${database.kind} (${Date.now() - t} ms)`)
  t = Date.now()
  const joined = await rebuildBuildingAccess(database.db, world.network)
  log(
    `walk network: ${world.network.nodes.length} nodes, ${world.network.edges.length} edges, ` +
      `${world.barriers.length} barriers, ${joined} buildings joined to it (${Date.now() - t} ms)`,
  )
}
