// Builds (once, then reuses) the ready database the tests start from: the migrated schema with
// the demo world loaded, as a PGlite data-dir dump or as a template database on a real server.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { seedDemoWorld } from '../../server/bootstrap'
import { createEmbeddedTemplate, openDatabase } from '../../server/db/engine'
import { migrate } from '../../server/db/migrate'
import { ROOT, TEST_WORLD, templateKey } from './template-key'

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres'
    templatePath: string
    templateDatabase: string
  }
}

const log = (line: string) => process.stderr.write(`[test-template] ${line}\n`)

export default async function setup(project: TestProject) {
  const key = templateKey()
  const databaseUrl = process.env.DATABASE_URL
  if (project.name.endsWith('postgres')) {
    if (!databaseUrl) throw new Error('the db-postgres project needs DATABASE_URL')
    project.provide('engine', 'postgres')
    project.provide('templateDatabase', await serverTemplate(databaseUrl, key))
    project.provide('templatePath', '')
    return
  }
  project.provide('engine', 'pglite')
  project.provide('templatePath', await embeddedTemplate(key))
  project.provide('templateDatabase', '')
}

async function embeddedTemplate(key: string): Promise<string> {
  const dir = join(ROOT, '.cache/test-templates')
  const path = join(dir, `pglite-${key}.tgz`)
  if (existsSync(path)) return path
  mkdirSync(dir, { recursive: true })
  const t = Date.now()
  log(`building the PGlite template ${key} (scale ${TEST_WORLD.scale}) …`)
  const dump = await createEmbeddedTemplate(async (handle) => {
    await migrate(handle.pool)
    await seedDemoWorld(handle, { ...TEST_WORLD, log })
  })
  // write then rename: a concurrent run never reads a half-written template
  const partial = `${path}.${process.pid}.partial`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, path)
  log(`PGlite template ready in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  return path
}

async function serverTemplate(databaseUrl: string, key: string): Promise<string> {
  const name = `wangge_tpl_${key}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    // one builder at a time (db-postgres and browser-postgres both ask for it); a database left
    // half-built by a killed run is not yet a template: built again
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name])
    const exists = await admin.query<{ is_template: boolean }>(
      'SELECT datistemplate AS is_template FROM pg_database WHERE datname = $1',
      [name],
    )
    if (exists.rows[0]?.is_template) return name
    if (exists.rowCount) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    const t = Date.now()
    log(`building the PostgreSQL template ${name} …`)
    await admin.query(`CREATE DATABASE ${name}`) // name is [a-z0-9_] by construction
    const url = new URL(databaseUrl)
    url.pathname = `/${name}`
    const handle = await openDatabase({ databaseUrl: url.toString() })
    try {
      await migrate(handle.pool)
      await seedDemoWorld(handle, { ...TEST_WORLD, log })
    } catch (err) {
      await handle.close()
      await admin.query(`DROP DATABASE IF EXISTS ${name}`)
      throw err
    }
    await handle.close()
    await admin.query(`ALTER DATABASE ${name} WITH is_template = true`)
    log(`PostgreSQL template ready in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    return name
  } finally {
    await admin.end()
  }
}
