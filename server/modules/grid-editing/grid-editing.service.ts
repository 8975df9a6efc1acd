// Grid editing on the server: one edit = one transaction. The operations are replayed with the
// same pure code the browser previews with (core/domain/grid-editing), then written: grid
// versions, retired and created grids (codes, lineage), units.grid_id, the changed grids' caches,
// one revision and the community's edit version. SQL lives in the repository.
import type { Kysely } from 'kysely'
import type {
  EditOp,
  EditResult,
  EditWarning,
  GridVersionSummary,
  PlanFigures,
  Proposal,
  ProposedGrid,
  Revision,
  RevisionGridChange,
} from '../../../core/api'
import { acceptProposalOps } from '../../../core/domain/grid-editing/accept-proposal'
import { type EditPlan, PlanError, planEdit } from '../../../core/domain/grid-editing/edit-plan'
import { assignGridCodes, GridCodesExhausted } from '../../../core/domain/grid-editing/grid-codes'
import { revertOps } from '../../../core/domain/grid-editing/revert'
import {
  compareShapes,
  createsGrid,
  deviation,
  GridError,
  type GridSettings,
  gridPolsbyPopper,
  gridRefsOf,
  integrityReport,
  isInBand,
  matchedUnitsMoved,
  planReport,
  type UnitGraph,
  unitIdsOf,
  withUnitIds,
} from '../../../core/domain/grids'
import { gridName } from '../../../core/domain/place-names'
import { bandInHouseholds } from '../../../core/domain/settings'
import type { Database } from '../../db/schema'
import { AppError, badRequest, notFound } from '../../plugins/errors'
import { runAnalysis } from '../../workers/analysis-pool'
import { rebuildGridCaches } from '../grids/grids.repository'
import * as repo from './grid-editing.repository'

type Db = Kysely<Database>

/** A UnitGraph of plain arrays from unit rows and adjacency pairs (unit ids as strings). */
export function buildGraph(units: repo.UnitRow[], pairs: [number, number, number][]): UnitGraph {
  const at = new Map(units.map((u, i) => [u.id, i]))
  const adjacency: UnitGraph['adjacency'] = units.map(() => [])
  for (const [a, b, m] of pairs) {
    const ia = at.get(a)
    const ib = at.get(b)
    if (ia === undefined || ib === undefined) continue
    adjacency[ia].push({ unit: ib, sharedM: m })
    adjacency[ib].push({ unit: ia, sharedM: m })
  }
  return {
    ids: units.map((u) => String(u.id)),
    households: units.map((u) => u.households),
    residents: units.map((u) => u.residents),
    areaM2: units.map((u) => u.areaM2),
    perimeterM: units.map((u) => u.perimeterM),
    centroids: units.map((u) => u.centroid),
    adjacency,
    communityIds: units.map((u) => u.communityCode),
  }
}

/** The state an edit starts from, loaded inside its transaction. */
export interface EditState {
  community: repo.CommunityRow
  grids: repo.GridRow[]
  units: repo.UnitRow[]
}

export interface SaveOptions {
  editVersion?: number
  author: string
  reason: string
  action?: 'edit' | 'revert' | 'proposal'
  revertOf?: number
  /** the operations, or a function building them from the state (revert) */
  ops: EditOp[] | ((state: EditState) => { ops: EditOp[]; parentHints?: Map<number, number[]> })
}

const describeBand = (s: GridSettings) => bandInHouseholds(s).join('–')

async function conflict(db: Db, code: string, yours: number, current: number): Promise<AppError> {
  const changes = (await repo.communityRevisions(db, code, yours)).map(toRevision)
  return new AppError(
    'EDIT_CONFLICT',
    `community ${code} is at edit version ${current}, not ${yours}: ${changes.length} change(s) were saved since; reload and redo the edit`,
    { currentEditVersion: current, yourEditVersion: yours, changes },
  )
}

/** Saves one edit of a community in one transaction; returns what changed. */
export async function saveEdit(db: Db, code: string, options: SaveOptions): Promise<EditResult> {
  const settings = await repo.readBand(db)
  // adjacency outside the transaction (it is cached, and the embedded engine has one connection)
  const pairs = await repo.unitAdjacency(db, { community: code })
  const metrics = await repo.unitMetrics(db, { community: code })
  return db.transaction().execute(async (trx) => {
    // 1. lock the community and check the version
    const community = await repo.getCommunityRow(trx, code, true)
    if (!community) throw notFound('community', code)
    if (options.editVersion !== undefined && options.editVersion !== community.editVersion)
      throw await conflict(trx, code, options.editVersion, community.editVersion)
    const grids = await repo.currentGrids(trx, code)
    const units = await repo.unitRows(trx, { community: code }, metrics)
    const built = typeof options.ops === 'function' ? options.ops({ community, grids, units }) : { ops: options.ops }
    // 2. every unit and grid named must be of this community
    await checkScope(trx, code, units, grids, built.ops)
    // 3. replay with the pure edit session (the browser's preview code)
    const graph = buildGraph(units, pairs)
    const assignment = units.map((u) => u.gridId ?? -1)
    const emptyGrids = grids.filter((g) => !units.some((u) => u.gridId === g.id)).map((g) => g.id)
    let plan: EditPlan
    try {
      plan = planEdit({ graph, assignment, settings, emptyGrids, ops: built.ops.map((op) => withUnitIds(op, String)) })
    } catch (error) {
      if (error instanceof GridError || error instanceof PlanError) throw badRequest(error.code, error.message)
      throw error
    }
    const movedFrom = new Set(plan.moves.flatMap((m) => [m.from, m.to]))
    const keptChanged = plan.kept.filter((g) => movedFrom.has(g.key)).map((g) => g.key)
    if (keptChanged.length + plan.created.length + plan.retired.length === 0)
      throw badRequest('EMPTY_EDIT', 'the edit changes nothing')
    // 4. versions of the grids that change, then retire
    const before = await repo.gridsByIds(trx, [...keptChanged, ...plan.retired])
    const householdsBefore = grids.reduce((s, g) => s + g.households, 0)
    await repo.snapshotGridVersions(trx, [...keptChanged, ...plan.retired])
    await repo.retireGrids(trx, plan.retired)
    // 5. new grids: lineage, then codes (a split's larger part and a merge's larger grid keep
    //    theirs, a revert restores its grids' codes, the rest take the next free ones) and names
    const centroidOf = (unitIds: string[]) => {
      const at = unitIds.map((id) => units[graph.ids.indexOf(id)].centroid)
      if (at.length === 0) return [180, -90] as [number, number]
      return [at.reduce((s, c) => s + c[0], 0) / at.length, at.reduce((s, c) => s + c[1], 0) / at.length] as [
        number,
        number,
      ]
    }
    const retired = new Set(plan.retired)
    const gridOfUnit = new Map(units.map((u) => [String(u.id), u.gridId]))
    const householdsOf = new Map(units.map((u) => [String(u.id), u.households]))
    const lineage = plan.created.map((g) => {
      // the split/merged grids, else the retired grids its units came from (an accepted proposal)
      let parentIds = [...new Set([...g.parentIds, ...(built.parentHints?.get(g.key) ?? [])])]
      if (parentIds.length === 0)
        parentIds = [...new Set(g.unitIds.map((id) => gridOfUnit.get(id)!).filter((id) => retired.has(id)))]
      return parentIds.sort((a, b) => a - b)
    })
    const restoredIds = [...(built.parentHints?.values() ?? [])].flat()
    const restoredCodes = new Map(
      (restoredIds.length > 0 ? await repo.gridsByIds(trx, restoredIds) : []).map((g) => [g.id, g.code]),
    )
    let codePlan: ReturnType<typeof assignGridCodes>
    try {
      codePlan = assignGridCodes({
        communityCode: code,
        created: plan.created.map((g, i) => ({
          key: g.key,
          households: g.unitIds.reduce((s, id) => s + (householdsOf.get(id) ?? 0), 0),
          parentIds: lineage[i],
          centroid: centroidOf(g.unitIds),
        })),
        retired: grids
          .filter((g) => retired.has(g.id))
          .map((g) => ({ id: g.id, code: g.code, households: g.households })),
        keptCodes: grids.filter((g) => !retired.has(g.id)).map((g) => g.code),
        preferred: plan.codePreference,
        restore: new Map(
          [...(built.parentHints ?? [])].flatMap(([key, ids]) =>
            ids.length === 1 && restoredCodes.has(ids[0]) ? [[key, restoredCodes.get(ids[0])!] as const] : [],
          ),
        ),
        maxSequence: plan.created.length > 0 ? await repo.maxGridSequence(trx, code) : 0,
      })
    } catch (error) {
      if (error instanceof GridCodesExhausted) throw new AppError('GRID_CODES_EXHAUSTED', error.message)
      throw error
    }
    const idOfKey = new Map<number, number>(plan.kept.map((g) => [g.key, g.key]))
    const created: { id: number; parentIds: number[] }[] = []
    for (const [i, g] of plan.created.entries()) {
      const gridCodeOf = codePlan.codes.get(g.key)!
      const id = await repo.insertGrid(trx, {
        code: gridCodeOf,
        name: gridName(community.name, gridCodeOf),
        communityCode: code,
        streetCode: community.streetCode,
        parentIds: lineage[i],
      })
      idOfKey.set(g.key, id)
      created.push({ id, parentIds: lineage[i] })
    }
    // 6. units to their grids; caches of the changed grids only
    const pairsToWrite: [number, number][] = []
    const moves: { unitId: number; from: number | null; to: number; households: number }[] = []
    units.forEach((u, i) => {
      const key = plan.assignment[i]
      const to = key === -1 ? null : idOfKey.get(key)!
      if (to !== null && to !== u.gridId) {
        pairsToWrite.push([u.id, to])
        moves.push({ unitId: u.id, from: u.gridId, to, households: u.households })
      }
    })
    await repo.assignUnits(trx, code, pairsToWrite)
    const changedIds = [...keptChanged, ...created.map((c) => c.id)]
    await rebuildGridCaches(trx, changedIds)
    // 7. the integrity of the community after the edit: warnings, each recorded
    const finalAssignment = Array.from(plan.assignment)
    const emptyKeys = [...plan.kept, ...plan.created].filter((g) => g.unitIds.length === 0).map((g) => g.key)
    const report = integrityReport(graph, finalAssignment, settings, {
      communityHouseholds: { [code]: community.households },
      emptyGrids: emptyKeys,
    })
    const after = await repo.gridsByIds(trx, changedIds)
    const currentAfter = await repo.currentGrids(trx, code)
    const codeOfId = new Map(currentAfter.map((g) => [g.id, g.code]))
    const warnings = warningsOf(report, idOfKey, codeOfId, settings)
    const householdsAfter = currentAfter.reduce((s, g) => s + g.households, 0)
    const unitsOf = (id: number) => units.filter((_u, i) => idOfKey.get(plan.assignment[i]) === id).map((u) => u.id)
    const revisionId = await repo.insertRevision(trx, {
      communityCode: code,
      action: options.action ?? 'edit',
      author: options.author,
      reason: options.reason,
      before: {
        editVersion: community.editVersion,
        householdsTotal: householdsBefore,
        grids: before.map((g) => ({
          id: g.id,
          code: g.code,
          households: g.households,
          residents: g.residents,
          unitIds: units.filter((u) => u.gridId === g.id).map((u) => u.id),
        })),
      },
      after: {
        editVersion: community.editVersion + 1,
        householdsTotal: householdsAfter,
        grids: after.map((g) => ({
          id: g.id,
          code: g.code,
          households: g.households,
          residents: g.residents,
          unitIds: unitsOf(g.id),
          parentIds: g.parentIds,
        })),
        moves,
        changedGridIds: [...new Set([...changedIds, ...plan.retired])].sort((a, b) => a - b),
        created: created.map((c) => c.id),
        retired: plan.retired,
        warnings,
        revertOf: options.revertOf ?? null,
        ops: built.ops,
      },
    })
    await repo.linkVersionsToRevision(trx, [...keptChanged, ...plan.retired], revisionId)
    const editVersion = await repo.bumpEditVersion(trx, code)
    const summary = (g: repo.GridRow): GridVersionSummary => ({
      id: g.id,
      code: g.code,
      households: g.households,
      residents: g.residents,
      unitCount: g.unitCount,
      deviation: Math.round(deviation(g.households, settings) * 1e4) / 1e4,
      inBand: isInBand(g.households, settings),
      parentIds: g.parentIds,
    })
    const createdIds = new Set(created.map((c) => c.id))
    return {
      revisionId,
      editVersion,
      changedGridIds: [...new Set([...changedIds, ...plan.retired])].sort((a, b) => a - b),
      created: after.filter((g) => createdIds.has(g.id)).map(summary),
      retired: before.filter((g) => plan.retired.includes(g.id)).map((g) => ({ id: g.id, code: g.code })),
      codesRetired: codePlan.retiredCodes,
      codesCreated: codePlan.createdCodes,
      grids: after.map(summary),
      householdsBefore,
      householdsAfter,
      warnings,
    }
  })
}

async function checkScope(
  db: Db,
  code: string,
  units: repo.UnitRow[],
  grids: repo.GridRow[],
  ops: EditOp[],
): Promise<void> {
  const own = new Set(units.map((u) => u.id))
  const foreign = [...new Set(ops.flatMap(unitIdsOf))].filter((id) => !own.has(id))
  if (foreign.length > 0) {
    const where = await repo.unitCommunities(db, foreign)
    const other = foreign.find((id) => where.has(id))
    if (other !== undefined)
      throw badRequest('UNIT_OTHER_COMMUNITY', `unit ${other} belongs to community ${where.get(other)}, not ${code}`)
    throw badRequest('UNKNOWN_UNIT', `unit ${foreign[0]} does not exist`)
  }
  const ownGrids = new Set(grids.map((g) => g.id))
  // keys above the community's highest grid id name grids the edit creates (replay keys)
  const maxOwn = Math.max(0, ...ownGrids)
  const creates = ops.filter(createsGrid).length
  const isCreatedKey = (id: number) => id > maxOwn && id <= maxOwn + creates
  const refs = [...new Set(ops.flatMap(gridRefsOf))].filter((id) => id > 0 && !ownGrids.has(id) && !isCreatedKey(id))
  if (refs.length > 0) {
    const where = await repo.gridCommunities(db, refs)
    const other = refs.find((id) => where.has(id) && where.get(id) !== code)
    if (other !== undefined)
      throw badRequest('GRID_OTHER_COMMUNITY', `grid ${other} belongs to community ${where.get(other)}, not ${code}`)
  }
}

function warningsOf(
  report: ReturnType<typeof integrityReport>,
  idOfKey: Map<number, number>,
  codeOfId: Map<number, string>,
  settings: GridSettings,
): EditWarning[] {
  const name = (key: number) => codeOfId.get(idOfKey.get(key)!) ?? String(key)
  const out: EditWarning[] = []
  if (report.unassignedUnits.length)
    out.push({ code: 'UNASSIGNED_UNITS', message: `${report.unassignedUnits.length} unit(s) are in no grid` })
  for (const g of report.outOfBand)
    out.push({
      code: 'OUT_OF_BAND',
      gridId: idOfKey.get(g.grid),
      message: `grid ${name(g.grid)} has ${g.households} households, outside ${describeBand(settings)}`,
    })
  for (const g of report.multiPiece)
    out.push({
      code: 'MULTI_PIECE',
      gridId: idOfKey.get(g.grid),
      message: `grid ${name(g.grid)} is in ${g.pieces.length} pieces`,
    })
  for (const g of report.emptyGrids)
    out.push({ code: 'EMPTY_GRID', gridId: idOfKey.get(g), message: `grid ${name(g)} has no units` })
  for (const r of report.reconciliation)
    if (!r.reconciles)
      out.push({
        code: 'NOT_RECONCILED',
        message: `grids hold ${r.gridHouseholds} households, the community declares ${r.declaredHouseholds ?? r.unitHouseholds}`,
      })
  return out
}

// ── history and revert ────────────────────────────────────────────────

interface StoredGrid {
  id: number
  code: string
  households: number
  unitIds: number[]
}
interface StoredSide {
  editVersion: number
  grids: StoredGrid[]
  moves?: { unitId: number; from: number | null; to: number; households: number }[]
  changedGridIds?: number[]
  created?: number[]
  retired?: number[]
  warnings?: EditWarning[]
  revertOf?: number | null
}

export function toRevision(row: repo.RevisionRow): Revision {
  const before = (row.before ?? { grids: [] }) as StoredSide
  const after = (row.after ?? { grids: [] }) as StoredSide
  const moves = after.moves ?? []
  const ids = [...new Set([...before.grids.map((g) => g.id), ...after.grids.map((g) => g.id)])]
  const grids: RevisionGridChange[] = ids.map((id) => {
    const b = before.grids.find((g) => g.id === id)
    const a = after.grids.find((g) => g.id === id)
    const inMoves = moves.filter((m) => m.to === id)
    const outMoves = moves.filter((m) => m.from === id)
    return {
      gridId: id,
      code: (a ?? b)!.code,
      householdsBefore: b?.households ?? null,
      householdsAfter: a && !(after.retired ?? []).includes(id) ? a.households : null,
      householdsGained: inMoves.reduce((s, m) => s + m.households, 0),
      householdsLost: outMoves.reduce((s, m) => s + m.households, 0),
      unitsIn: inMoves.map((m) => m.unitId),
      unitsOut: outMoves.map((m) => m.unitId),
    }
  })
  return {
    id: row.id,
    communityCode: row.communityCode.trim(),
    action: row.action,
    author: row.author,
    reason: row.reason,
    createdAt: new Date(row.createdAt).toISOString(),
    editVersion: after.editVersion,
    unitsMoved: moves.length,
    grids,
    created: after.created ?? [],
    retired: after.retired ?? [],
    warnings: after.warnings ?? [],
    revertOf: after.revertOf ?? null,
  }
}

/** Undo a saved edit by a new edit: units go back to the grids they left (recreated if retired). */
export async function revertRevision(
  db: Db,
  revisionId: number,
  body: { author: string; reason: string; editVersion?: number },
): Promise<EditResult> {
  const row = await repo.getRevision(db, revisionId)
  if (!row) throw notFound('revision', revisionId)
  const after = row.after as StoredSide
  const code = row.communityCode.trim()
  return saveEdit(db, code, {
    author: body.author,
    reason: body.reason || `revert of revision ${revisionId}`,
    editVersion: body.editVersion,
    action: 'revert',
    revertOf: revisionId,
    ops: ({ grids, units }) => {
      const built = revertOps(
        { moves: after.moves ?? [], created: after.created ?? [], retired: after.retired ?? [] },
        { gridIds: grids.map((g) => g.id), units },
      )
      if (built.kind === 'drifted')
        throw new AppError(
          'REVERT_CONFLICT',
          `unit(s) ${built.unitIds.slice(0, 10).join(', ')} were moved again after revision ${revisionId}; revert the later changes first`,
        )
      if (built.kind === 'empty') throw badRequest('EMPTY_EDIT', `revision ${revisionId} moved no units`)
      return { ops: built.ops, parentHints: built.parentHints }
    },
  })
}

// ── proposals ─────────────────────────────────────────────────────────

/** Fresh grid keys moved above every current grid id, so no fresh grid is taken for a kept one. */
const aboveKeys = (plan: Int32Array, current: Int32Array) => {
  const offset = Math.max(-1, ...current) + 1
  return plan.map((g) => (g === -1 ? -1 : g + offset))
}
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4)

export async function proposal(
  db: Db,
  scope: { community?: string; street?: string },
  mode: 'propose' | 'rebalance',
  seed = 1,
  fresh = false,
): Promise<Proposal> {
  const settings = await repo.readBand(db)
  const units = await repo.unitRows(db, scope, await repo.unitMetrics(db, scope))
  const pairs = await repo.unitAdjacency(db, scope)
  const communities = scope.community
    ? [(await repo.getCommunityRow(db, scope.community))!]
    : await repo.communitiesOfStreet(db, scope.street!)
  const graph = buildGraph(units, pairs)
  const current = Int32Array.from(units, (u) => u.gridId ?? -1)
  // propose: the current grids rebalanced with their shapes kept, or afresh where that cannot
  // reach the band; rebalance: only the former (ADR 29); `fresh`: from scratch everywhere. The
  // search runs in the analysis worker: reads go on meanwhile (ADR 25).
  const run = (await runAnalysis('proposal', { graph, settings, mode, current, seed, fresh })) as {
    proposed: Int32Array
    elapsedMs: number
    baseline: Int32Array
  }
  const { elapsedMs, baseline } = run
  const proposed = mode === 'propose' && fresh ? aboveKeys(run.proposed, current) : run.proposed
  const shapes = new Map(compareShapes(graph, current, proposed).map((g) => [g.key, g]))
  const currentKeys = new Set(current)
  const figures = (a: Int32Array, moved: boolean): PlanFigures => ({
    ...planReport(graph, a, settings),
    unitsMoved: moved
      ? mode === 'propose'
        ? matchedUnitsMoved(a, current)
        : planReport(graph, a, settings, current).unitsMoved
      : null,
  })
  const gridsOf = (a: Int32Array): ProposedGrid[] => {
    const keys = [...new Set(Array.from(a).filter((g) => g !== -1))].sort((x, y) => x - y)
    return keys.map((key) => {
      const members = units.filter((_, i) => a[i] === key)
      const households = members.reduce((s, u) => s + u.households, 0)
      return {
        key,
        communityCode: members[0].communityCode,
        households,
        residents: members.reduce((s, u) => s + u.residents, 0),
        deviation: Math.round(deviation(households, settings) * 1e4) / 1e4,
        inBand: isInBand(households, settings),
        polsbyPopper: Math.round(gridPolsbyPopper(graph, a, key) * 1e4) / 1e4,
        ...(a === proposed
          ? {
              currentPolsbyPopper: round4(shapes.get(key)?.currentPolsbyPopper ?? null),
              belowCurrentShape: shapes.get(key)?.belowCurrentShape ?? false,
            }
          : {}),
        unitIds: members.map((u) => u.id),
      }
    })
  }
  // the edits that accept it, one per community that changes
  const edits: Proposal['edits'] = []
  for (const c of communities) {
    const at = units.map((u, i) => (u.communityCode === c.code ? i : -1)).filter((i) => i >= 0)
    if (at.every((i) => proposed[i] === current[i])) continue
    // where the proposal kept the community's grids (every key a current grid), only units move
    const kept = at.every((i) => proposed[i] === -1 || currentKeys.has(proposed[i]))
    const gridIds = kept ? [] : (await repo.currentGrids(db, c.code)).map((g) => g.id)
    const ops = acceptProposalOps({
      mode: kept ? 'rebalance' : 'propose',
      unitIds: at.map((i) => units[i].id),
      current: at.map((i) => current[i]),
      proposed: at.map((i) => proposed[i]),
      gridIds,
    })
    edits.push({ communityCode: c.code, editVersion: c.editVersion, ops })
  }
  return {
    mode,
    scope: scope.community ? { kind: 'community', code: scope.community } : { kind: 'street', code: scope.street! },
    elapsedMs: Math.round(elapsedMs * 10) / 10,
    current: figures(current, false),
    proposed: figures(proposed, true),
    baseline: figures(baseline, true),
    currentGrids: gridsOf(current),
    proposedGrids: gridsOf(proposed),
    communities: communities.map((c) => ({ code: c.code, name: c.name })),
    edits,
  }
}
