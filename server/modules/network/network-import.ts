// The walk_network import layer (ADR 21): the dry run builds the topology of the imported lines
// (core/network/topology.ts) and reports islands as warnings; the commit replaces the stored network
// whole and re-joins every building to it, keeping the previous network in the import's undo so a
// rollback restores it. No SQL here: network.repository.ts writes, network.service.ts snaps.
import type { Kysely } from 'kysely'
import type { ImportProblem } from '../../../core/api'
import type { ImportRecord } from '../../../core/import/validate'
import { linesOfRecord } from '../../../core/network/import-lines'
import { buildTopology, type NetworkLine, type TopologyReport } from '../../../core/network/topology'
import type { WalkBarrier, WalkNetwork } from '../../../core/network/types'
import type { Database } from '../../db/schema'
import { readWalkBarriers, readWalkNetwork, writeWalkNetwork } from './network.repository'
import { rebuildBuildingAccess } from './network.service'

/** Islands listed one by one in the problems; the rest are counted in a notice. */
const ISLANDS_LISTED = 50

export interface NetworkDryRun {
  network: WalkNetwork
  report: TopologyReport
  /** the records that gave at least one line */
  used: ImportRecord[]
  problems: ImportProblem[]
  notices: string[]
}

export function dryRunWalkNetwork(records: readonly ImportRecord[]): NetworkDryRun {
  const problems: ImportProblem[] = []
  const lines: NetworkLine[] = []
  const used: ImportRecord[] = []
  for (const r of records) {
    const reading = linesOfRecord(r.values, r.geometry as { coordinates: number[][][] })
    if ('skip' in reading) {
      problems.push({
        row: r.row,
        key: r.key,
        code: 'NOT_A_WALK_LINE',
        severity: 'warning',
        message: reading.skip,
        action: 'row left out',
      })
      continue
    }
    lines.push(...reading.lines)
    used.push(r)
  }
  const { network, report } = buildTopology(lines)
  const walkable = network.edges.filter((e) => e.walkable).length
  const notices = [
    `walk network: ${report.nodes} nodes, ${report.edges} edges (${walkable} walkable), ` +
      `${report.crossingsNoded} crossings at grade noded, ${report.crossingsPassing} passing over or under`,
    report.islands.length === 0
      ? 'the network is one piece: every walkable edge reaches every other'
      : `the network falls into ${report.components.length} pieces: the largest has ${report.components[0]} nodes, ` +
        `${report.islands.length} islands hold ${report.islands.reduce((s, i) => s + i.nodes, 0)}`,
    'committing replaces the stored walk network and its barriers, and re-joins every building to the new network',
  ]
  report.islands.slice(0, ISLANDS_LISTED).forEach((island, k) => {
    problems.push({
      row: 0,
      key: null,
      code: 'NETWORK_ISLAND',
      severity: 'warning',
      message: `island ${k + 1}: ${island.nodes} nodes not connected to the main network, near ${island.lng.toFixed(5)}, ${island.lat.toFixed(5)}`,
      action: 'imported as it is: buildings that join it reach only its part of the network',
    })
  })
  if (report.islands.length > ISLANDS_LISTED)
    notices.push(`${report.islands.length - ISLANDS_LISTED} more islands not listed`)
  if (report.degenerate > 0) notices.push(`${report.degenerate} lines of fewer than two distinct points left out`)
  if (walkable === 0)
    problems.push({
      row: 0,
      key: null,
      code: 'NO_WALKABLE_EDGE',
      severity: 'error',
      message: 'no line of the file is walkable: nothing to join buildings to',
      action: 'nothing can be committed',
    })
  return { network, report, used, problems, notices }
}

export interface NetworkUndo {
  network: WalkNetwork
  barriers: WalkBarrier[]
}

/** Replaces the stored network (in the caller's transaction); answers what a rollback restores. */
export async function commitWalkNetwork(trx: Kysely<Database>, network: WalkNetwork): Promise<NetworkUndo> {
  const before: NetworkUndo = { network: await readWalkNetwork(trx), barriers: await readWalkBarriers(trx) }
  // an imported network's barriers are implicit (no edge crosses the river); the old ones belonged to the old network
  await writeWalkNetwork(trx, network, [])
  await rebuildBuildingAccess(trx, network)
  return before
}

/** Puts back the network an import replaced (in the caller's transaction). */
export async function restoreWalkNetwork(trx: Kysely<Database>, before: NetworkUndo): Promise<void> {
  await writeWalkNetwork(trx, before.network, before.barriers)
  await rebuildBuildingAccess(trx, before.network)
}
