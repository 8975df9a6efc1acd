// Opens the database, applies migrations and makes sure a demo world is loaded.

import { checkEmbeddedCapacity } from '../core/demo/embedded-capacity'
import { generateDemoWorld } from '../core/demo/generate-demo-world'
import type { DemoRegion } from '../core/demo/types'
import { type DatabaseHandle, openDatabase } from './db/engine'
import { migrate } from './db/migrate'
import { checkDeploymentAccounts, ensureDemoAccounts } from './modules/auth/accounts'
import { clearWorld, hasWorld, loadWorld } from './modules/demo/demo.repository'
import { rebuildBuildingAccess } from './modules/network/network.service'

export interface BootstrapOptions {
  databaseUrl?: string
  /** a server's schema owner (DATABASE_OWNER_URL): migrations, seeding and grants run as it */
  databaseOwnerUrl?: string
  dataDir?: string
  seed: number
  scale: number
  /** the demo world's region: 'binhai' (the default) or 'tianjin' (all 16 districts; needs DATABASE_URL at full scale) */
  region?: DemoRegion
  /** regenerate the demo world even when one is loaded */
  reseed?: boolean
  /** false: an empty database keeps its settings and facility types only, for a real district's import */
  demo?: boolean
  /** WANGGE_ADMIN_PASSWORD: the first administrator's password when WANGGE_DEMO=off */
  adminPassword?: string
  log?: (line: string) => void
  progress?: (step: string, done: number, total: number) => void
}

export async function bootstrap(options: BootstrapOptions): Promise<DatabaseHandle> {
  const log = options.log ?? (() => {})
  const t0 = Date.now()
  if (options.databaseOwnerUrl && options.databaseUrl) {
    // least privilege: the owner migrates, seeds and grants; the server then runs as DATABASE_URL's role
    const owner = await openDatabase({ databaseUrl: options.databaseOwnerUrl, maxConnections: 2 })
    log(`migrating as the schema owner at ${owner.location}`)
    try {
      await prepare(owner, options, log)
      await grantAppRole(owner, new URL(options.databaseUrl).username || 'postgres')
    } finally {
      await owner.close()
    }
    const database = await openDatabase({ databaseUrl: options.databaseUrl })
    log(`database: ${database.kind} at ${database.location} (${Date.now() - t0} ms)`)
    return database
  }
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir })
  log(`database: ${database.kind} at ${database.location} (${Date.now() - t0} ms)`)
  try {
    await prepare(database, options, log)
  } catch (err) {
    await database.close()
    throw err
  }
  return database
}

/**
 * What the app role may do: read and write rows, use sequences; on audit_log only SELECT and
 * INSERT. It creates no extension and drops no table (it owns none).
 */
export async function grantAppRole(owner: DatabaseHandle, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`the app role name "${role}" must be [a-z_][a-z0-9_]*`)
  const client = await owner.pool.connect()
  try {
    const me = (await client.query('SELECT current_user AS u')).rows[0].u as string
    if (me === role) return // one role for both: nothing to separate
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`)
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, schema_migrations FROM ${role}`)
    await client.query(`REVOKE INSERT ON schema_migrations FROM ${role}`)
  } finally {
    client.release()
  }
}

async function prepare(database: DatabaseHandle, options: BootstrapOptions, log: (line: string) => void) {
  const { applied } = await migrate(database.pool).catch((err: Error) => {
    throw new Error(explainMigrationFailure(err.message))
  })
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`)
  if (options.demo === false) {
    if (options.reseed) await clearWorld(database.db)
    if (!(await hasWorld(database.db)))
      log('no demo world (WANGGE_DEMO=off): load the district with `npm run import` or the import page')
    for (const line of await checkDeploymentAccounts(database.db, options.adminPassword)) log(line)
  } else {
    if (options.reseed || !(await hasWorld(database.db))) await seedDemoWorld(database, options)
    for (const line of await ensureDemoAccounts(database.db)) log(line)
  }
}

export async function seedDemoWorld(database: DatabaseHandle, options: BootstrapOptions): Promise<void> {
  const log = options.log ?? (() => {})
  const progress = options.progress ?? (() => {})
  const region = options.region ?? 'binhai'
  checkEmbeddedCapacity(database.kind, region, options.scale)
  log(
    `generating the demo world (${region === 'binhai' ? '' : `${region}, `}seed ${options.seed}, scale ${options.scale}) …`,
  )
  let t = Date.now()
  const world = generateDemoWorld({ seed: options.seed, scale: options.scale, region, onProgress: progress })
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
  for (const line of await ensureDemoAccounts(database.db)) log(line)
}

/** A migration that fails for lack of privilege gets the one step a DBA must take (README: deployment). */
export function explainMigrationFailure(message: string): string {
  if (/permission denied to create extension|must be superuser|must be owner of extension/i.test(message))
    return (
      `${message}\n  PostGIS must be installed in this database by a superuser before Wangge's first start:\n` +
      '    psql -U postgres -d <database> -c "CREATE EXTENSION IF NOT EXISTS postgis"\n' +
      '  then start again (README, "Deploying on a PostgreSQL server")'
    )
  if (/permission denied/i.test(message))
    return `${message}\n  the migrations run as the schema owner role (DATABASE_OWNER_URL); the app role may only read and write rows (README, "Deploying on a PostgreSQL server")`
  return message
}
