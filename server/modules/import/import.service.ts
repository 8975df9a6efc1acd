// The import pipeline on the server: keeps an uploaded file in memory while it is mapped and
// dry-run, runs core/import's readers and row checks, adds the checks that need the database
// (parents exist, containment, validity, which grid a new unit joins), and commits or rolls back
// through import.repository.ts. Shared by the HTTP routes and the CLI (which opens the database
// itself when no server runs).
import type { Kysely } from 'kysely'
import {
  type CommitRequest,
  type CommitResult,
  type DryRunRequest,
  type DryRunResult,
  IMPORT_MAX_UNZIPPED_BYTES,
  IMPORT_SAMPLE_ROWS,
  type ImportCounts,
  type ImportLayerId,
  type ImportPreviewProperties,
  type ImportProblem,
  type ImportStage,
  type ImportSummary,
  type ImportUploadResult,
  type SourceLayer,
} from '../../../core/api'
import { type ErrorCodeWithStatus, isErrorCode } from '../../../core/api/errors'
import { parseCrs } from '../../../core/geo/crs'
import { guessColumns, normaliseHeader } from '../../../core/import/column-guess'
import { IMPORT_LAYERS, type ImportLayer, importLayer } from '../../../core/import/layers'
import {
  type Lang,
  localizeProblem,
  type NoticeItem,
  notice,
  noticeText,
  type Params,
  problem,
} from '../../../core/import/messages'
import { rowsNearNeighbours } from '../../../core/import/near-miss'
import {
  extentOf,
  ImportFileError,
  readImportFile,
  type SourceFile,
  type SourceTable,
} from '../../../core/import/read-file'
import type { TextEncodingId } from '../../../core/import/text-encoding'
import { geometryKey, type ImportRecord, type Validation, validateRowsInBatches } from '../../../core/import/validate'
import type { Database } from '../../db/schema'
import { AppError, badRequest, notFound } from '../../plugins/errors'
import type { ChangeEvent } from '../../plugins/events'
import { forgetUnitCaches } from '../grid-editing/grid-editing.repository'
import { joinNewBuildings } from '../network/network.service'
import {
  commitWalkNetwork,
  dryRunWalkNetwork,
  type NetworkDryRun,
  type NetworkUndo,
  restoreWalkNetwork,
} from '../network/network-import'
import * as repo from './import.repository'
import { type GridMove, importFigures, unitChanges } from './import-figures'
import { applyGridImport } from './import-grids.repository'
import { type PreviewRow, previewOf } from './preview-rows'
import { readOsmPbf } from './read-osm-pbf'
import { rowsRemovedFromFile } from './removed-rows'

const PROBLEMS_ANSWERED = 1000
/** rows per PostGIS geometry check (progress moves after each) */
const GEOMETRY_BATCH = 2000
/** uploads held in memory at once, waiting for a dry run or commit */
const MAX_HELD_UPLOADS = 8

/** A dry run's answer in the requested language: problems and notices worded from the message table. */
function worded(result: DryRunAnswer, lang: Lang): DryRunResult {
  return {
    ...result,
    problems: result.problems.map((p) => localizeProblem(p, lang)),
    notices: result.notices.map((n) => noticeText(n, lang)),
  }
}

/** A dry run's answer as kept: notices as codes and values, worded per request (core/import/messages.ts). */
type DryRunAnswer = Omit<DryRunResult, 'notices'> & { notices: NoticeItem[] }

interface DryRunState {
  result: DryRunAnswer
  problems: ImportProblem[]
  planned: repo.PlannedRow[]
  preview: PreviewRow[]
  /** grids: stored grids the file leaves out and the import leaves empty, retired by the commit */
  retire: number[]
  /** a walk_network import: the network its lines build */
  network?: NetworkDryRun
  /** the sliver tolerance the dry run snapped with (the commit snaps stored neighbours with it) */
  sliverM?: number
}

interface Upload {
  filename: string
  bytes: Uint8Array
  read: Map<string, SourceFile>
  progress: number
  stage: ImportStage | null
  busy: 'validating' | 'committing' | null
  dryRun: DryRunState | null
}

const conflict = (code: ErrorCodeWithStatus<409>, message: string) => new AppError(code, message)

function fileError(err: unknown): never {
  if (err instanceof ImportFileError) throw new AppError(isErrorCode(err.code) ? err.code : 'BAD_REQUEST', err.message)
  throw err
}

export class ImportService {
  private readonly uploads = new Map<number, Upload>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly publish: (event: ChangeEvent) => void = () => {},
    /** told of every step of progress (the CLI draws it; tests record it) */
    private readonly onProgress: (id: number, stage: ImportStage, progress: number) => void = () => {},
  ) {}

  private async readAs(upload: Upload, encoding?: TextEncodingId): Promise<SourceFile> {
    const key = encoding ?? 'guess'
    const hit = upload.read.get(key)
    if (hit) return hit
    const file = await readImportFile(upload.filename, upload.bytes, {
      encoding,
      maxUnzippedBytes: IMPORT_MAX_UNZIPPED_BYTES,
      readOsm: readOsmPbf,
    }).catch(fileError)
    upload.read.set(key, file)
    return file
  }

  async upload(filename: string, body: Buffer | undefined, lang: Lang = 'en'): Promise<ImportUploadResult> {
    if (!body || body.length === 0) throw badRequest('EMPTY_FILE', 'the request body is empty: send the file itself')
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    const upload: Upload = { filename, bytes, read: new Map(), progress: 0, stage: null, busy: null, dryRun: null }
    const file = await this.readAs(upload)
    const id = await repo.insertImport(this.db, { filename, format: file.format, sizeBytes: bytes.length })
    this.uploads.set(id, upload)
    // uploads wait in memory for their commit: the oldest idle ones go (they answer UPLOAD_GONE)
    for (const [old, u] of this.uploads)
      if (this.uploads.size > MAX_HELD_UPLOADS && !u.busy && old !== id) this.uploads.delete(old)
    const notices = [...file.notices]
    const layers = file.tables.map((t) => describeTable(t))
    const personal = [...new Set(layers.flatMap((l) => Object.values(l.guesses).flatMap((g) => g.personal)))]
    if (personal.length) notices.push(notice('PERSONAL_FOUND', { columns: personal.join(', ') }))
    return {
      id,
      filename,
      format: file.format,
      sizeBytes: bytes.length,
      layers,
      notices: notices.map((n) => noticeText(n, lang)),
    }
  }

  async list(): Promise<ImportSummary[]> {
    return (await repo.listImports(this.db)).map((r) => this.toSummary(r))
  }

  async summary(id: number): Promise<ImportSummary> {
    const row = await repo.getImport(this.db, id)
    if (!row) throw notFound('import', id)
    return this.toSummary(row)
  }

  private toSummary(row: repo.ImportRow): ImportSummary {
    const upload = this.uploads.get(row.id)
    const status = upload?.busy ?? row.status
    const progress = upload?.busy ? upload.progress : row.status === 'uploaded' ? 0 : 1
    const { sizeBytes: _s, encoding: _e, ...rest } = row
    return { ...rest, status, progress, stage: upload?.busy ? upload.stage : null }
  }

  private async uploadOf(id: number): Promise<Upload> {
    const row = await repo.getImport(this.db, id)
    if (!row) throw notFound('import', id)
    if (row.status === 'committed' || row.status === 'rolled_back')
      throw conflict('IMPORT_CLOSED', `import ${id} is ${row.status.replace('_', ' ')}: upload the file again`)
    const upload = this.uploads.get(id)
    if (!upload)
      throw conflict('UPLOAD_GONE', `import ${id}'s file is no longer held (the server restarted): upload it again`)
    if (upload.busy) throw conflict('IMPORT_BUSY', `import ${id} is ${upload.busy}: wait for it`)
    return upload
  }

  async dryRun(id: number, req: DryRunRequest, lang: Lang = 'en'): Promise<DryRunResult> {
    const upload = await this.uploadOf(id)
    let crs: string
    try {
      crs = parseCrs(req.crs).code
    } catch (err) {
      throw badRequest('BAD_CRS', (err as Error).message)
    }
    upload.busy = 'validating'
    upload.progress = 0
    upload.stage = 'reading'
    try {
      const file = await this.readAs(upload, req.encoding)
      const table = req.sourceLayer ? file.tables.find((t) => t.name === req.sourceLayer) : file.tables[0]
      if (!table)
        throw badRequest(
          'UNKNOWN_SOURCE_LAYER',
          `no layer "${req.sourceLayer}" in the file: one of ${file.tables.map((t) => t.name).join(', ')}`,
        )
      const layer = importLayer(req.target)
      const personal = guessColumns(
        layer,
        table.headers,
        table.rows.slice(0, 200).map((r) => r.attrs),
      ).personal
      const used = [
        ...Object.values(req.mapping.fields),
        ...(req.mapping.coordinates?.kind === 'lnglat'
          ? [req.mapping.coordinates.x, req.mapping.coordinates.y]
          : req.mapping.coordinates
            ? [req.mapping.coordinates.column]
            : []),
      ].filter((h): h is string => !!h)
      for (const h of used) {
        if (!table.headers.includes(h))
          throw badRequest(
            'UNKNOWN_COLUMN',
            `column "${h}" is not in ${table.name}: one of ${table.headers.join(', ')}`,
          )
        if (personal.includes(h))
          throw badRequest('PERSONAL_COLUMN', `column "${h}" holds personal data: it is never imported`)
      }
      const stage = (name: ImportStage, from: number, to: number) => (done: number, total: number) => {
        upload.stage = name
        upload.progress = from + (to - from) * (total > 0 ? done / total : 1)
        this.onProgress(id, name, upload.progress)
      }
      const validation = await validateRowsInBatches(layer, table.rows, req.mapping, crs, stage('rows', 0.05, 0.4))
      const state = await this.checkAgainstDatabase(id, req, crs, validation, personal, {
        parents: stage('parents', 0.4, 0.45),
        geometry: stage('geometry', 0.45, 0.85),
        removed: stage('removed', 0.85, 0.9),
        figures: stage('figures', 0.9, 1),
      })
      upload.progress = 1
      await repo.markValidated(this.db, id, {
        target: req.target,
        crs,
        encoding: req.encoding ?? table.encoding.encoding,
        counts: state.result.counts,
        problemCount: state.result.problemCount,
      })
      upload.dryRun = state
      return worded(state.result, lang)
    } finally {
      upload.busy = null
      upload.stage = null
    }
  }

  private async checkAgainstDatabase(
    id: number,
    req: DryRunRequest,
    crs: string,
    validation: Validation,
    personal: string[],
    progress: Record<'parents' | 'geometry' | 'removed' | 'figures', (done: number, total: number) => void>,
  ): Promise<DryRunState> {
    const target = req.target
    const problems = [...validation.problems]
    const notices = [...validation.notices]
    if (personal.length) notices.push(notice('PERSONAL_DROPPED', { columns: personal.join(', ') }))
    if (crs !== 'EPSG:4326' && crs !== 'EPSG:4490') notices.push(notice('CRS_CONVERTED', { crs }))
    if (target === 'walk_network') return this.checkWalkNetwork(id, crs, validation, problems, notices)
    let records = validation.records
    let rejected = validation.rejected
    const preview: DryRunState['preview'] = validation.rejectedRows.map((r) =>
      previewOf(r, 'rejected', { code: r.code, reason: r.reason }),
    )
    const reject = (r: ImportRecord, code: string, params: Params) => {
      const p = problem({ row: r.row, key: r.key, severity: 'error' }, code, params, 'ROW_SKIPPED')
      problems.push(p)
      preview.push(previewOf(r, 'rejected', { code, reason: p.message }))
      rejected++
    }
    const warn = (
      r: { row: number; key: string | null } | null,
      code: string,
      params: Params,
      action: string,
      actionParams: Params = {},
    ) =>
      problems.push(
        problem({ row: r?.row ?? 0, key: r?.key ?? null, severity: 'warning' }, code, params, action, actionParams),
      )

    // parents must exist (loaded earlier, in the order of IMPORT_LAYERS)
    const parentOf = (r: ImportRecord): { table: 'streets' | 'communities' | 'units'; code: string } | null => {
      if (target === 'communities') return { table: 'streets', code: String(r.values.streetCode ?? r.key.slice(0, 9)) }
      if (target === 'units' || target === 'workers')
        return { table: 'communities', code: String(r.values.communityCode) }
      if (target === 'grids') return { table: 'communities', code: r.key.slice(0, 12) }
      if (target === 'counts') return { table: 'units', code: r.key }
      if (target === 'buildings') return { table: 'units', code: String(r.values.unitCode) }
      return null
    }
    progress.parents(0, 1)
    for (const t of ['streets', 'communities', 'units'] as const) {
      const codes = [...new Set(records.flatMap((r) => (parentOf(r)?.table === t ? [parentOf(r)!.code] : [])))]
      if (codes.length === 0) continue
      const have = await repo.existingCodes(this.db, t, codes)
      records = records.filter((r) => {
        const p = parentOf(r)
        if (!p || p.table !== t || have.has(p.code)) return true
        reject(r, 'NO_PARENT', {
          parent: t === 'communities' ? 'community' : t.replace(/s$/, ''),
          code: p.code,
          table: t,
        })
        return false
      })
    }

    const existing = await repo.existingRows(
      this.db,
      target,
      records.map((r) => r.key),
    )
    const layer = importLayer(target)
    const planned: repo.PlannedRow[] = []
    let unchanged = 0
    const candidates: { record: ImportRecord; status: 'added' | 'changed'; existing: repo.ExistingRow | undefined }[] =
      []
    const grids =
      target === 'grids'
        ? await this.checkGrids(records, existing, planned, preview, warn)
        : { unchanged: 0, split: [], notWhole: [], unitsLeft: null, moves: [], newGrids: [] }
    unchanged += grids.unchanged
    for (const r of target === 'grids' ? [] : records) {
      const old = existing.get(r.key)
      if (!old) {
        candidates.push({ record: r, status: 'added', existing: undefined })
        continue
      }
      const same = sameValues(layer, r, old) && (layer.geometry === 'none' || geometryKey(r.geometry) === old.geometry)
      if (same) {
        unchanged++
        preview.push(previewOf(r, 'unchanged'))
      } else candidates.push({ record: r, status: 'changed', existing: old })
    }

    // PostGIS checks: validity (repairable ones repaired), containment, the grid a new unit joins
    progress.geometry(0, candidates.length)
    const checks: repo.GeometryCheck[] = []
    if (target === 'streets' || target === 'communities' || target === 'units')
      for (let start = 0; start < candidates.length; start += GEOMETRY_BATCH) {
        const batch = candidates.slice(start, start + GEOMETRY_BATCH)
        checks.push(
          ...(await repo.checkGeometries(
            this.db,
            target,
            batch.map((c, i) => ({
              ord: start + i,
              parent: target === 'streets' ? null : (parentOf(c.record)?.code ?? null),
              geometry: JSON.stringify(c.record.geometry),
              assignGrid: target === 'units' && c.status === 'added',
            })),
            req.tolerances?.containmentM ?? 5,
          )),
        )
        progress.geometry(start + batch.length, candidates.length)
      }
    const places =
      target === 'facilities'
        ? await repo.facilityChecks(
            this.db,
            candidates.map((c, ord) => ({
              ord,
              typeCode: String(c.record.values.typeCode),
              geom: JSON.stringify(c.record.geometry),
            })),
          )
        : []
    // overlaps and sliver gaps between neighbours (units of a community, communities of a street)
    const sliverM = req.tolerances?.sliverM ?? 1
    const neighbours =
      target === 'units' || target === 'communities'
        ? await this.checkNeighbours(
            target,
            candidates.map((c, ord) => ({
              key: c.record.key,
              parent: parentOf(c.record)?.code ?? '',
              geometry: c.record.geometry,
              valid: checks[ord]?.valid ?? true,
            })),
            sliverM,
          )
        : []
    const noun = target === 'units' ? 'unit' : 'community'
    const split: string[] = [...grids.split]
    for (const [ord, c] of candidates.entries()) {
      const check = checks[ord]
      if (check && !check.valid) warn(c.record, 'INVALID_GEOMETRY', { reason: check.reason ?? '' }, 'REPAIRED')
      const nb = neighbours[ord]
      let snapped = false
      if (nb && nb.pairs.length > 0) {
        const wide = nb.pairs.filter((p) => p.kind === 'overlap' && !p.sliver)
        const area = (m2: number) => (m2 < 10 ? m2.toFixed(1) : String(Math.round(m2)))
        const list = (ps: typeof wide) => ps.map((p) => `${p.other}=${area(p.areaM2)}`).join('|')
        // two rows of the file claiming the same land: the file contradicts itself, the later row is refused
        const inFile = wide.filter((p) => !p.stored)
        if (inFile.length > 0) {
          reject(c.record, 'OVERLAP', { noun, pairs: list(inFile), inFile: 1, tolerance: sliverM })
          continue
        }
        // a stored unit under a new one (a compound carved out of another): kept as drawn, for the editor
        if (wide.length > 0)
          warn(c.record, 'OVERLAP', { noun, pairs: list(wide), inFile: 0, tolerance: sliverM }, 'KEPT_AS_DRAWN')
        for (const p of nb.pairs)
          if (p.sliver && p.kind === 'overlap')
            warn(
              c.record,
              'OVERLAP_SNAPPED',
              { noun, other: p.other, area: area(p.areaM2), tolerance: sliverM },
              'TRIMMED',
              { other: p.other },
            )
          else if (p.kind === 'gap')
            warn(
              c.record,
              'GAP_SNAPPED',
              { noun, other: p.other, area: area(p.areaM2), tolerance: sliverM },
              'FILLED',
              { other: p.other },
            )
      }
      if (nb?.geometry) {
        c.record = { ...c.record, geometry: JSON.parse(nb.geometry) }
        snapped = true
        // a file stored before with its slivers snapped: unchanged once snapped again
        if (
          c.existing &&
          geometryKey(c.record.geometry) === c.existing.geometry &&
          sameValues(layer, c.record, c.existing)
        ) {
          unchanged++
          preview.push(previewOf(c.record, 'unchanged'))
          continue
        }
      }
      if (check?.outsideM2) {
        reject(c.record, 'OUTSIDE_PARENT', {
          area: Math.round(check.outsideM2),
          parent: target === 'units' ? 'community' : 'street',
          tolerance: req.tolerances?.containmentM ?? 5,
        })
        continue
      }
      const place = places[ord]
      if (place && !place.typeKnown) {
        reject(c.record, 'UNKNOWN_TYPE', { type: String(c.record.values.typeCode) })
        continue
      }
      if (place && !place.street) {
        reject(c.record, 'OUTSIDE_DISTRICT', {})
        continue
      }
      if (target === 'units' && c.status === 'added') {
        if (check?.gridId == null) warn(c.record, 'NO_GRID', {}, 'NO_GRID_YET')
        else if ((check.gridShare ?? 1) < 0.99) {
          split.push(c.record.key)
          warn(c.record, 'SPLIT_BETWEEN_GRIDS', { share: Math.round((check.gridShare ?? 0) * 100) }, 'LARGEST_GRID')
        }
      }
      planned.push({
        record: c.record,
        status: c.status,
        existingId: c.existing?.id ?? null,
        gridId: check?.gridId ?? null,
        repair: snapped || (check ? !check.valid : false),
      })
      preview.push(previewOf(c.record, c.status))
    }

    progress.removed(0, 1)
    const removed = await rowsRemovedFromFile(
      this.db,
      target,
      records,
      [...validation.records.map((r) => r.key), ...validation.rejectedRows.flatMap((r) => (r.key ? [r.key] : []))],
      new Set(existing.keys()),
      grids.unitsLeft,
    )
    problems.push(...removed.problems)
    preview.push(...removed.preview)
    progress.figures(0, 1)
    const figures = await importFigures(
      this.db,
      await unitChanges(
        this.db,
        target,
        planned,
        existing,
        target === 'buildings' ? unchangedRecords(records, preview) : [],
      ),
      target === 'grids' ? { moves: grids.moves, newGrids: grids.newGrids, retire: removed.retire } : null,
    )
    // totals reconciled against the community figures where both are given
    if (target === 'units' || target === 'counts')
      for (const c of figures.communities)
        if (c.registered > 0 && c.after !== c.registered)
          warn(
            null,
            'TOTALS_DIFFER',
            { name: c.name, code: c.code, after: c.after, registered: c.registered },
            'AS_GIVEN',
          )
    const counts: ImportCounts = {
      added: planned.filter((p) => p.status === 'added').length,
      changed: planned.filter((p) => p.status === 'changed').length,
      removed: removed.removed,
      unchanged,
      rejected,
    }
    problems.sort((a, b) => a.row - b.row)
    const committable = repo.COMMITTABLE.includes(target)
    if (!committable)
      notices.push(notice('NOT_COMMITTABLE', { layer: layer.nameEn.toLowerCase(), layerZh: layer.nameZh }))
    const result: DryRunAnswer = {
      id,
      target,
      crs,
      counts,
      problems: problems.slice(0, PROBLEMS_ANSWERED),
      problemCount: problems.length,
      figures: {
        ...figures,
        communities: figures.communities.map(({ registered: _, ...c }) => c),
        unitsSplitBetweenGrids: split,
        gridsNotWholeUnits: grids.notWhole,
      },
      notices,
      canCommit: committable && planned.length + unchanged + removed.retire.length > 0,
    }
    return { result, problems, planned, preview, retire: removed.retire, sliverM }
  }

  /** A walk network replaces the stored one whole: every usable line is added, topology reported. */
  private async checkWalkNetwork(
    id: number,
    crs: string,
    validation: Validation,
    problems: ImportProblem[],
    notices: NoticeItem[],
  ): Promise<DryRunState> {
    const network = dryRunWalkNetwork(validation.records)
    problems.push(...network.problems)
    problems.sort((a, b) => a.row - b.row)
    const used = new Set(network.used)
    const planned: repo.PlannedRow[] = network.used.map((record) => ({
      record,
      status: 'added',
      existingId: null,
      gridId: null,
      repair: false,
    }))
    const figures = await importFigures(this.db, [], null)
    const result: DryRunAnswer = {
      id,
      target: 'walk_network',
      crs,
      counts: {
        added: planned.length,
        changed: 0,
        removed: 0,
        unchanged: 0,
        rejected: validation.rejected + validation.records.length - planned.length,
      },
      problems: problems.slice(0, PROBLEMS_ANSWERED),
      problemCount: problems.length,
      figures: { ...figures, communities: [], unitsSplitBetweenGrids: [], gridsNotWholeUnits: [] },
      notices: [...notices, ...network.notices],
      canCommit: planned.length > 0 && !network.problems.some((p) => p.severity === 'error'),
    }
    const preview = validation.records.map((record) => previewOf(record, used.has(record) ? 'added' : 'rejected'))
    return { result, problems, planned, preview, retire: [], network }
  }

  /**
   * Existing grids: each unit of their communities goes to the imported grid holding most of its
   * area; units split between grids and grids left without a unit are listed for the editor.
   * A grid is unchanged when its name and its units are what is stored.
   */
  private async checkGrids(
    records: ImportRecord[],
    existing: Map<string, repo.ExistingRow>,
    planned: repo.PlannedRow[],
    preview: DryRunState['preview'],
    warn: (r: ImportRecord | null, code: string, params: Params, action: string, actionParams?: Params) => void,
  ): Promise<{
    unchanged: number
    split: string[]
    notWhole: string[]
    unitsLeft: Map<number, number>
    moves: GridMove[]
    newGrids: { code: string; name: string }[]
  }> {
    const units = await repo.unitsInGrids(
      this.db,
      records.map((r) => ({ key: r.key, community: r.key.slice(0, 12), geom: JSON.stringify(r.geometry) })),
    )
    const byGrid = new Map<string, number[]>()
    const split: string[] = []
    // grids that are not whole units: they cut through a unit
    const notWhole = new Set<string>()
    let uncovered = 0
    for (const u of units) {
      // a unit the imported grids only touch keeps its grid; one they hold most of joins that grid
      if (!u.gridKey || u.share < 0.01) {
        uncovered++
        continue
      }
      const grid = records.find((r) => r.key === u.gridKey)!
      const pct = { unit: u.unitCode, share: Math.round(u.share * 100), grid: u.gridKey }
      if (u.share < 0.99) notWhole.add(u.gridKey)
      if (u.share <= 0.5) {
        split.push(u.unitCode)
        warn(grid, 'SPLIT_BETWEEN_GRIDS', pct, 'KEEPS_ITS_GRID')
        continue
      }
      byGrid.set(u.gridKey, [...(byGrid.get(u.gridKey) ?? []), u.unitId])
      if (u.share < 0.99) {
        split.push(u.unitCode)
        warn(grid, 'SPLIT_BETWEEN_GRIDS', pct, 'JOINS_LARGEST')
      }
    }
    if (uncovered) warn(null, 'UNITS_OUTSIDE_GRIDS', { count: uncovered }, 'KEEP_GRIDS')
    // units each current grid keeps: those that join no grid of the file
    const moving = new Set([...byGrid.values()].flat())
    const unitsLeft = new Map<number, number>()
    for (const u of units)
      if (u.currentGridId !== null && !moving.has(u.unitId))
        unitsLeft.set(u.currentGridId, (unitsLeft.get(u.currentGridId) ?? 0) + 1)
    const members = await repo.gridMembers(
      this.db,
      [...existing.values()].map((e) => e.id),
    )
    let unchanged = 0
    for (const r of records) {
      const unitIds = byGrid.get(r.key) ?? []
      if (unitIds.length === 0) warn(r, 'EMPTY_GRID', {}, 'CREATED_EMPTY')
      const old = existing.get(r.key)
      const same =
        old &&
        (r.values.name === null || r.values.name === old.values.name) &&
        JSON.stringify(members.get(old.id) ?? []) === JSON.stringify([...unitIds].sort((a, b) => a - b))
      if (same) {
        unchanged++
        preview.push(previewOf(r, 'unchanged'))
        continue
      }
      const status = old ? 'changed' : 'added'
      planned.push({ record: r, status, existingId: old?.id ?? null, gridId: null, repair: false, unitIds })
      preview.push(previewOf(r, status))
    }
    // what the figures need: the units that change grid, and the new grids
    const moves: GridMove[] = []
    const keyOfUnit = new Map([...byGrid].flatMap(([key, ids]) => ids.map((id) => [id, key] as const)))
    for (const u of units) {
      const key = keyOfUnit.get(u.unitId)
      const to = key === undefined ? undefined : (existing.get(key)?.id ?? key)
      if (to !== undefined && to !== u.currentGridId)
        moves.push({ community: u.communityCode, households: u.households, from: u.currentGridId, to })
    }
    const newGrids = records
      .filter((r) => !existing.has(r.key))
      .map((r) => ({ code: r.key, name: (r.values.name as string | null) ?? r.key }))
    return { unchanged, split, notWhole: [...notWhole].sort(), unitsLeft, moves, newGrids }
  }

  private dryRunOf(id: number): DryRunState {
    const state = this.uploads.get(id)?.dryRun
    if (!state) throw conflict('NO_DRY_RUN', `import ${id} has no dry run: POST /api/imports/${id}/dry-run first`)
    return state
  }

  problemsCsv(id: number, lang: Lang = 'zh'): string {
    const state = this.dryRunOf(id)
    const cell = (v: unknown) => {
      let t = v === null || v === undefined ? '' : String(v)
      if (/^[=+\-@\t\r]/.test(t)) t = `'${t}` // no formula reaches a spreadsheet from us either
      return /[",\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t
    }
    const lines = [lang === 'zh' ? '行号,代码,问题代码,级别,问题,处理' : 'row,key,code,severity,message,action']
    const severity = (s: string) => (lang === 'zh' ? (s === 'error' ? '错误' : '警告') : s)
    for (const q of state.problems) {
      const p = localizeProblem(q, lang)
      lines.push([p.row, p.key, p.code, severity(p.severity), p.message, p.action].map(cell).join(','))
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`
  }

  preview(id: number): string {
    const state = this.dryRunOf(id)
    const features = state.preview
      .filter((p) => p.geometry)
      .map(({ geometry, ...properties }, i) => ({
        type: 'Feature',
        id: i + 1,
        geometry,
        properties: properties satisfies ImportPreviewProperties,
      }))
    return JSON.stringify({ type: 'FeatureCollection', features })
  }

  /** The neighbour check (ADR 18): only the rows near a neighbour other than at shared vertices, or overlapping one, are reworked by PostGIS (ADR 26). */
  private async checkNeighbours(
    target: 'units' | 'communities',
    rows: { key: string; parent: string; geometry: ImportRecord['geometry']; valid: boolean }[],
    sliverM: number,
  ): Promise<repo.NeighbourCheck[]> {
    const stored = await repo.storedOutlines(
      this.db,
      target,
      [...new Set(rows.map((r) => r.parent))],
      rows.map((r) => r.key),
    )
    const work = rowsNearNeighbours(rows, stored, sliverM / 111_320)
    return repo.checkNeighbours(
      this.db,
      target,
      rows.map((r, ord) => ({
        ord,
        key: r.key,
        parent: r.parent,
        geometry: JSON.stringify(r.geometry),
        // a repaired geometry (ST_MakeValid) may have vertices the file's has not
        work: work[ord] || !r.valid,
      })),
      sliverM,
    )
  }

  async commit(id: number, req: CommitRequest & { author: string }): Promise<CommitResult> {
    const upload = await this.uploadOf(id)
    const state = this.dryRunOf(id)
    if (!state.result.canCommit)
      throw new AppError('NOTHING_TO_COMMIT', `import ${id} has nothing that can be written: see its problems`)
    upload.busy = 'committing'
    upload.progress = 0
    upload.stage = 'writing'
    try {
      const target = state.result.target
      const result = await this.db.transaction().execute(async (trx) => {
        const row = await repo.getImport(trx, id, true)
        if (row?.status !== 'validated') throw conflict('IMPORT_CLOSED', `import ${id} is ${row?.status}`)
        const undo: repo.Undo =
          target === 'walk_network' && state.network
            ? {
                target,
                added: [],
                addedDistrict: null,
                before: { walk_network: [await commitWalkNetwork(trx, state.network.network)] },
              }
            : target === 'grids'
              ? (
                  await applyGridImport(trx, state.planned, {
                    importId: id,
                    author: req.author,
                    reason: req.reason ?? '',
                    retireIfEmpty: state.retire,
                  })
                ).undo
              : await repo.applyImport(trx, target, state.planned, { sliverM: state.sliverM })
        // new or moved buildings join the walk network
        if (target === 'buildings')
          await joinNewBuildings(
            trx,
            state.planned.flatMap((p) => (p.status === 'changed' && p.existingId ? [p.existingId] : [])),
          )
        const revisionId = await repo.insertImportRevision(trx, {
          importId: id,
          action: 'import',
          author: req.author,
          reason: req.reason ?? '',
          after: { target, filename: upload.filename, crs: state.result.crs, counts: state.result.counts },
        })
        await repo.markCommitted(trx, id, { author: req.author, reason: req.reason ?? '', revisionId, undo })
        return { revisionId, undo }
      })
      this.announce(id, result.revisionId, state.planned.length + state.retire.length > 0)
      this.uploads.delete(id)
      return { id, status: 'committed', revisionId: result.revisionId, counts: state.result.counts }
    } finally {
      upload.busy = null
      upload.stage = null
    }
  }

  async rollback(id: number, req: CommitRequest & { author: string }): Promise<CommitResult> {
    const row = await repo.getImport(this.db, id)
    if (!row) throw notFound('import', id)
    if (row.status !== 'committed')
      throw conflict('NOT_COMMITTED', `import ${id} is ${row.status}: only a committed import rolls back`)
    const latest = await repo.latestCommittedId(this.db)
    if (latest !== id) throw conflict('NOT_LATEST', `import ${latest} was committed after ${id}: roll it back first`)
    const revisionId = await this.db.transaction().execute(async (trx) => {
      const locked = await repo.getImport(trx, id, true)
      if (locked?.status !== 'committed') throw conflict('NOT_COMMITTED', `import ${id} is ${locked?.status}`)
      const undo = await repo.readUndo(trx, id)
      if (!undo) throw conflict('NO_UNDO', `import ${id} kept nothing to roll back`)
      if (undo.target === 'walk_network') await restoreWalkNetwork(trx, undo.before.walk_network[0] as NetworkUndo)
      else await repo.undoImport(trx, undo)
      // buildings put back where they were join the network again (removed ones took their access along)
      if (undo.target === 'buildings') await joinNewBuildings(trx, changedBuildingIds(undo))
      const revision = await repo.insertImportRevision(trx, {
        importId: id,
        action: 'rollback',
        author: req.author,
        reason: req.reason ?? '',
        after: { target: row.target, rolledBack: id },
      })
      await repo.markRolledBack(trx, id, revision)
      return revision
    })
    this.announce(id, revisionId, true)
    return { id, status: 'rolled_back', revisionId, counts: row.counts ?? emptyCounts() }
  }

  /** Every cache derived from units and buildings is told; open maps and walls refetch. */
  private announce(id: number, revisionId: number, changed: boolean) {
    if (!changed) return
    forgetUnitCaches(this.db)
    this.publish({ kind: 'units', ids: [id], revisionId })
    this.publish({ kind: 'grids', ids: [], revisionId })
  }
}

/** The row's values are what is stored (a value the file leaves empty keeps the stored one). */
function sameValues(layer: ImportLayer, r: ImportRecord, old: repo.ExistingRow): boolean {
  return layer.fields.every(
    (f) => r.values[f.id] === null || r.values[f.id] === undefined || r.values[f.id] === old.values[f.id],
  )
}

function unchangedRecords(records: ImportRecord[], preview: PreviewRow[]): ImportRecord[] {
  const keys = new Set(preview.flatMap((p) => (p.status === 'unchanged' && p.code ? [p.code] : [])))
  return records.filter((r) => keys.has(r.key))
}

const emptyCounts = (): ImportCounts => ({ added: 0, changed: 0, removed: 0, unchanged: 0, rejected: 0 })

function geometryTypeOf(t: SourceTable): SourceLayer['geometryType'] {
  const kinds = new Set(
    t.rows
      .slice(0, 1000)
      .map((r) => r.geometry?.type)
      .filter(Boolean)
      .map((k) => (k!.includes('Polygon') ? 'polygon' : k!.includes('Point') ? 'point' : 'line')),
  )
  if (kinds.size === 0) return 'none'
  return kinds.size > 1 ? 'mixed' : ([...kinds][0] as SourceLayer['geometryType'])
}

function describeTable(t: SourceTable): SourceLayer {
  const sample = t.rows.slice(0, IMPORT_SAMPLE_ROWS).map((r) => r.attrs)
  const geometryType = geometryTypeOf(t)
  const guesses: SourceLayer['guesses'] = {}
  let best: { id: ImportLayerId; score: number } | null = null
  for (const layer of IMPORT_LAYERS) {
    const g = guessColumns(layer, t.headers, sample)
    guesses[layer.id] = g
    const required = layer.fields.filter((f) => f.required)
    const mapped = required.filter((f) => g.fields[f.id]).length
    // an exact synonym counts more than a header that merely contains one (小区名称 is not a community's name)
    const quality = (ids: typeof layer.fields) =>
      ids.reduce((q, f) => {
        const h = g.fields[f.id]
        return q + (h ? (f.headers.includes(normaliseHeader(h)) ? 1 : 0.5) : 0)
      }, 0)
    const hasGeometry = geometryType !== 'none' || g.coordinates !== null
    const fits =
      layer.geometry === 'none'
        ? !hasGeometry
        : layer.geometry === 'polygon'
          ? geometryType === 'polygon' || g.coordinates?.kind === 'wkt'
          : layer.geometry === 'line'
            ? geometryType === 'line'
            : hasGeometry && geometryType !== 'line'
    const score =
      quality(required) / Math.max(1, required.length) +
      (fits ? 0.5 : 0) +
      0.05 * quality(layer.fields.filter((f) => !f.required))
    if (mapped === required.length && (!best || score > best.score)) best = { id: layer.id as ImportLayerId, score }
  }
  return {
    name: t.name,
    geometryType,
    featureCount: t.rows.length,
    headers: t.headers,
    sample,
    crs: t.crs,
    encoding: t.encoding,
    extent: extentOf(t.rows),
    guesses,
    suggestedTarget: best?.id ?? null,
  }
}

/** The buildings a buildings import changed, from its undo (their rows as they were). */
function changedBuildingIds(undo: repo.Undo): number[] {
  return (undo.before.buildings ?? []).flatMap((row) => {
    const id = (row as { id?: unknown }).id
    return typeof id === 'number' ? [id] : []
  })
}
