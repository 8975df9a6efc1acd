// `npm run import -- <file> --layer <layer> [options]` (--help): one file into Wangge, through the
// running server when there is one, else straight into the database. Exit 0 when committed (or a
// clean dry run), 1 when problems leave nothing to write, 2 on a usage error.
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { ColumnMapping, DryRunResult } from '../core/api'
import { IMPORT_LAYERS } from '../core/import/layers'
import { directClient, dryRunWithProgress, httpClient, type ImportClient, serverAt } from '../server/cli/import-client'
import { progressBar } from '../server/cli/progress'
import { readConfig } from '../server/config'
import { openDatabase } from '../server/db/engine'
import { migrate } from '../server/db/migrate'
import { IMPORT_HELP, type ImportArgs, parseImportArgs } from './import-args'

const log = (line: string) => process.stderr.write(`${line}\n`)

async function connect(args: ImportArgs): Promise<ImportClient> {
  const config = readConfig()
  const url = args.server ?? `http://127.0.0.1:${config.port}`
  const server = await serverAt(url)
  if (server) return httpClient(server)
  if (args.server) throw new Error(`no Wangge server answers at ${args.server}`)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrate(database.pool)
  return directClient(database)
}

function report(r: DryRunResult) {
  const c = r.counts
  log(
    `  ${c.added} added, ${c.changed} changed, ${c.removed} no longer in the file, ${c.unchanged} unchanged, ${c.rejected} rejected (CRS ${r.crs})`,
  )
  const f = r.figures
  const arrow = (a: { before: number; after: number }) => `${a.before} → ${a.after}`
  log(
    `  households ${arrow(f.households)}; grids out of band ${arrow(f.gridsOutOfBand)}; households in no grid ${arrow(f.householdsOutsideGrids)}`,
  )
  for (const g of f.grids.slice(0, 10)) log(`  grid ${g.code} ${g.name}: households ${g.before} → ${g.after}`)
  for (const g of f.communities.slice(0, 10))
    log(`  community ${g.code} ${g.name}: households ${g.before} → ${g.after}`)
  if (f.unitsSplitBetweenGrids.length)
    log(`  units split between grids (settle them in the grid editor): ${f.unitsSplitBetweenGrids.join(', ')}`)
  if (f.gridsNotWholeUnits.length) log(`  grids that are not whole units: ${f.gridsNotWholeUnits.join(', ')}`)
  for (const n of r.notices) log(`  note: ${n}`)
  for (const p of r.problems.slice(0, 20))
    log(`  row ${p.row}${p.key ? ` (${p.key})` : ''}: ${p.severity} ${p.code} — ${p.message}; ${p.action}`)
  if (r.problemCount > 20) log(`  … ${r.problemCount - 20} more problems (--problems file.csv writes them all)`)
}

async function main(): Promise<number> {
  let args: ImportArgs | 'help'
  try {
    args = parseImportArgs(process.argv.slice(2), process.env)
  } catch (err) {
    log((err as Error).message)
    return 2
  }
  if (args === 'help') {
    process.stdout.write(IMPORT_HELP)
    return 0
  }
  const client = await connect(args)
  try {
    log(`importing ${args.file} as ${args.layer} into ${client.where}`)
    const up = await client.upload(basename(args.file), readFileSync(args.file))
    const layer = args.sheet ? up.layers.find((l) => l.name === args.sheet) : up.layers[0]
    if (!layer) throw new Error(`no layer "${args.sheet}" in the file: ${up.layers.map((l) => l.name).join(', ')}`)
    for (const n of up.notices) log(`  note: ${n}`)
    log(
      `  ${layer.name}: ${layer.featureCount} rows, ${layer.geometryType} geometry, encoding ${layer.encoding.encoding} (${layer.encoding.source})${layer.encoding.garbled ? ' — names look garbled: try --encoding' : ''}`,
    )
    const guess = layer.guesses[args.layer]
    const mapping: ColumnMapping = {
      fields: { ...guess.fields, ...args.map },
      coordinates: args.lnglat
        ? { kind: 'lnglat', ...args.lnglat }
        : args.wkt
          ? { kind: 'wkt', column: args.wkt }
          : guess.coordinates,
    }
    log(
      `  columns: ${Object.entries(mapping.fields)
        .map(([f, h]) => `${f}=${h ?? '—'}`)
        .join(', ')}`,
    )
    const tableOnly = IMPORT_LAYERS.find((l) => l.id === args.layer)?.geometry === 'none'
    const crs = args.crs ?? layer.crs.code ?? (tableOnly ? 'EPSG:4326' : null)
    if (!crs) throw new Error(`${layer.crs.reason}: pass --crs`)
    if (!args.crs && !tableOnly) log(`  CRS ${crs} (${layer.crs.reason})`)
    const bar = progressBar()
    const result = await dryRunWithProgress(
      client,
      up.id,
      {
        sourceLayer: layer.name,
        target: args.layer as DryRunResult['target'],
        mapping,
        crs,
        encoding: args.encoding,
        tolerances: args.toleranceM === undefined ? undefined : { containmentM: args.toleranceM },
      },
      (stage, share) => bar(`dry run: ${stage}`, Math.round(share * 1000), 1000),
    )
    report(result)
    if (args.problems) {
      writeFileSync(args.problems, await client.problemsCsv(up.id))
      log(`  problems written to ${args.problems}`)
    }
    if (args.dryRun) return result.canCommit ? 0 : 1
    if (!result.canCommit) {
      log('  nothing can be written: fix the problems and run again')
      return 1
    }
    const done = await client.commit(up.id, { author: args.author, reason: args.reason })
    log(`committed: import ${done.id}, revision ${done.revisionId}`)
    return 0
  } finally {
    await client.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`import failed: ${(err as Error).message}`)
    process.exit(1)
  },
)
