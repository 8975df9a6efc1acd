// Edit mode for one community: its units coloured by grid on a deck.gl overlay of their own,
// the tools (click, brush, lasso, split line) previewed live on every pointer move through core's
// edit session, undo/redo, save with a reason, integrity, proposals, history and past grids.
import type { PickingInfo } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import { MapboxOverlay } from '@deck.gl/mapbox'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GridPage, Proposal, Revision } from '../../../../core/api'
import { type PlanOp, resolveOp } from '../../../../core/domain/grid-editing/edit-plan'
import type { GridDiff, LngLat } from '../../../../core/domain/grids'
import { DEFAULT_NORMS } from '../../../../core/domain/settings'
import type { ApiError } from '../../api/client'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { MAP_THEMES, type ThemeName } from '../../map/map-theme'
import type { MapHandle } from '../../map/map-view'
import { updateTestHookSources } from '../../map/test-hooks'
import { gridBandFromNorms } from '../settings/grid-band'
import { createEditorLayers, type Draft, EDITOR_LAYER_IDS, type UnitFeature } from './editor-layers'
import {
  editorIntegrity,
  firstNewKey,
  gridColours,
  gridLabel,
  gridNeighbours,
  gridRows,
  unitsBbox,
  wireOps,
} from './editor-model'
import { loadEditorName, saveEditorName } from './editor-name'
import { AsOfView, GridTable, HistoryList, IntegrityList, PreviewBox, ProposalView } from './editor-panels'
import { gridEditingApi } from './grid-editing-api'
import { useEditorSession } from './use-editor-session'
import { useLiveGridChanges } from './use-live-grid-changes'
import { useMapDrawing } from './use-map-drawing'
import './grid-editing.css'

type Tool = 'click' | 'brush' | 'lasso' | 'line'
const TOOLS: Tool[] = ['click', 'brush', 'lasso', 'line']
/** the brush picks units every this many pixels along the stroke */
const BRUSH_STEP_PX = 6

interface Pending {
  diff: GridDiff[]
  touched: Set<number>
  error: string | null
}

export interface GridEditorProps {
  code: string
  handle: MapHandle | null
  theme: ThemeName
  onClose: () => void
  /** after a save or revert: the district map refetches its grids */
  onSaved: () => void
}

const storage = () => {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

export function GridEditor({ code, handle, theme, onClose, onSaved }: GridEditorProps) {
  const { t } = useI18n()
  const session = useEditorSession(code)
  const { data, log, revision } = session
  const [tool, setTool] = useState<Tool>('click')
  const [active, setActive] = useState<number | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null)
  const [editorName, setEditorName] = useState(() => loadEditorName(storage()))
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [history, setHistory] = useState<Revision[]>([])
  const [onlyActive, setOnlyActive] = useState(false)
  const [asOf, setAsOf] = useState('')
  const [asOfPage, setAsOfPage] = useState<GridPage | null>(null)

  // ── derived figures (recomputed from the session on every change) ──
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks a change inside `log`
  const rows = useMemo(() => (log && data ? gridRows(log, data) : []), [log, data, revision])
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const integrity = useMemo(() => (log && data ? editorIntegrity(log, data) : null), [log, data, revision])
  // touching grids get different colours; a grid keeps its colour through the edit
  const previousColours = useRef(new Map<number, [number, number, number]>())
  const colours = useMemo(() => {
    const next = gridColours(
      rows.map((r) => r.key),
      log ? gridNeighbours(log.options.graph, log.session.assignment()) : new Map(),
      previousColours.current,
    )
    previousColours.current = next
    return next
  }, [rows, log])
  const unitIndex = useMemo(
    () => new Map((data?.units.features ?? []).map((f, i) => [String(f.id), i] as const)),
    [data],
  )
  const newKey0 = data ? firstNewKey(data) : 0
  const label = useCallback(
    (key: number) =>
      gridLabel(
        { key, code: data?.grids.find((g) => g.id === key)?.code ?? null },
        { existing: (n) => t('map.gridLabel', { n }), created: (n) => t('edit.newLabel', { n }) },
        newKey0,
      ),
    [data, newKey0, t],
  )
  const band = gridBandFromNorms(data?.settings ?? DEFAULT_NORMS)

  // ── operations ──
  const showError = useCallback((e: unknown) => {
    setMessage({ tone: 'bad', text: (e as Error).message })
  }, [])
  const run = useCallback(
    (op: PlanOp) => {
      if (!log) return
      try {
        log.apply(op)
        setMessage(null)
      } catch (e) {
        showError(e)
      }
      setPending(null)
      session.bump()
    },
    [log, session.bump, showError],
  )
  const preview = useCallback(
    (op: PlanOp | null) => {
      if (!log || !op) return setPending(null)
      try {
        const resolved = resolveOp(log.session, log.options.graph, op)
        const moved =
          resolved.kind === 'moveUnits' ? resolved.unitIds : resolved.kind === 'splitByAssignment' ? resolved.sideB : []
        const diff = log.preview(op)
        setPending({ diff, touched: new Set(moved.map((id) => unitIndex.get(id)!)), error: null })
      } catch (e) {
        setPending({ diff: [], touched: new Set(), error: (e as Error).message })
      }
    },
    [log, unitIndex],
  )
  const undo = useCallback(() => {
    log?.undo()
    setPending(null)
    session.bump()
  }, [log, session.bump])
  const redo = useCallback(() => {
    log?.redo()
    setPending(null)
    session.bump()
  }, [log, session.bump])

  // ── our own deck.gl overlay on the shared map ──
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const pointer = useRef<{ onClick: (info: PickingInfo) => void; onHover: (info: PickingInfo) => void }>({
    onClick: () => {},
    onHover: () => {},
  })
  useEffect(() => {
    const map = handle?.map
    if (!map) return
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info) => pointer.current.onClick(info),
      onHover: (info) => pointer.current.onHover(info),
    })
    map.addControl(overlay)
    overlayRef.current = overlay
    return () => {
      overlayRef.current = null
      map.removeControl(overlay)
    }
  }, [handle])
  const unitAt = (info: PickingInfo) =>
    info.layer?.id === EDITOR_LAYER_IDS.units ? ((info.object as UnitFeature | null)?.id ?? null) : null
  pointer.current = {
    onClick: (info) => {
      const unit = unitAt(info)
      if (tool !== 'click' || unit === null || !log || proposal) return
      const grid = log.session.gridOf(String(unit))
      if (active === null || grid === active) return setActive(grid)
      run({ kind: 'moveUnits', unitIds: [String(unit)], toGrid: active })
    },
    onHover: (info) => {
      if (tool !== 'click' || !log || proposal) return
      const unit = unitAt(info)
      if (unit === null || active === null || log.session.gridOf(String(unit)) === active) return preview(null)
      preview({ kind: 'moveUnits', unitIds: [String(unit)], toGrid: active })
    },
  }

  // ── drawing: brush, lasso, split line ──
  const brushed = useRef(new Set<string>())
  const lastPixel = useRef<{ x: number; y: number } | null>(null)
  const opFor = (points: LngLat[]): PlanOp | null => {
    if (!log || !handle) return null
    if (tool === 'line') {
      if (points.length < 2 || (points[0][0] === points[1][0] && points[0][1] === points[1][1])) return null
      // the grid split: the current grid, else the one under the middle of the line
      const mid = handle.map.project([(points[0][0] + points[1][0]) / 2, (points[0][1] + points[1][1]) / 2])
      const picked = overlayRef.current?.pickObject({ x: mid.x, y: mid.y, layerIds: [EDITOR_LAYER_IDS.units] })
      const unit = (picked?.object as UnitFeature | undefined)?.id
      const grid = active ?? (unit !== undefined ? log.session.gridOf(String(unit)) : null)
      return grid === null ? null : { kind: 'splitByLine', grid, line: points }
    }
    if (active === null) return null
    if (tool === 'lasso')
      return points.length >= 3 ? { kind: 'moveUnitsInPolygon', ring: points, toGrid: active } : null
    const ids = [...brushed.current].filter((id) => log.session.gridOf(id) !== active)
    return ids.length ? { kind: 'moveUnits', unitIds: ids, toGrid: active } : null
  }
  useMapDrawing(handle?.map ?? null, tool === 'click' || proposal ? null : tool, {
    onMove: (points, pixel) => {
      if (tool === 'brush') {
        // pick under the pointer and every few pixels back to the last position: a fast stroke skips no unit
        const last = lastPixel.current ?? pixel
        const steps = Math.max(1, Math.ceil(Math.hypot(pixel.x - last.x, pixel.y - last.y) / BRUSH_STEP_PX))
        for (let i = 1; i <= steps; i++) {
          const x = last.x + ((pixel.x - last.x) * i) / steps
          const y = last.y + ((pixel.y - last.y) * i) / steps
          const picked = overlayRef.current?.pickObject({ x, y, radius: 4, layerIds: [EDITOR_LAYER_IDS.units] })
          const unit = (picked?.object as UnitFeature | undefined)?.id
          if (unit !== undefined) brushed.current.add(String(unit))
        }
        lastPixel.current = pixel
      }
      setDraft({ kind: tool as Draft['kind'], points })
      preview(opFor(points))
    },
    onEnd: (points) => {
      const op = opFor(points)
      brushed.current = new Set()
      lastPixel.current = null
      setDraft(null)
      if (op) run(op)
      else setPending(null)
    },
  })

  // ── keyboard: Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo ──
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return
      if (!(e.ctrlKey || e.metaKey)) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) undo()
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, redo])

  // ── layers ──
  useEffect(() => {
    const overlay = overlayRef.current
    if (!overlay || !data || !log) return
    let assignment: ArrayLike<number> = log.session.assignment()
    let fills = colours
    if (proposal) {
      const keyOf = new Map(proposal.proposedGrids.flatMap((g) => g.unitIds.map((u) => [u, g.key] as const)))
      assignment = data.units.features.map((f) => keyOf.get(f.id) ?? -1)
      fills = gridColours(
        proposal.proposedGrids.map((g) => g.key),
        gridNeighbours(log.options.graph, assignment),
      )
    }
    const layers = createEditorLayers({
      units: data.units.features,
      assignment,
      colours: fills,
      touched: pending?.touched ?? new Set(),
      draft,
      theme: MAP_THEMES[theme],
      revision: revision + (proposal ? 0.5 : 0),
    })
    const past = asOfPage
      ? [
          new GeoJsonLayer({
            id: 'edit-as-of',
            data: asOfPage.features,
            filled: false,
            stroked: true,
            getLineColor: [17, 17, 17, 255],
            getLineWidth: 3,
            lineWidthUnits: 'pixels',
          }),
        ]
      : []
    overlay.setProps({ layers: [...layers, ...past] })
  }, [data, log, revision, colours, pending, draft, theme, proposal, asOfPage])

  // fit the community in view once its units arrive (not again after each save)
  const fitted = useRef<string | null>(null)
  useEffect(() => {
    if (!data || !handle || fitted.current === data.community.code) return
    fitted.current = data.community.code
    const box = unitsBbox(
      data,
      data.units.features.map((f) => String(f.id)),
    )
    if (box)
      handle.map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: { top: 60, bottom: 60, left: 300, right: 440 }, duration: 0 },
      )
  }, [data, handle])

  // ── history ──
  const refreshHistory = useCallback(() => {
    gridEditingApi.history(code).then(setHistory, () => setHistory([]))
  }, [code])
  useEffect(refreshHistory, [refreshHistory])

  // ── someone else saved this community: reload when nothing is pending, else warn ──
  const ours = useRef(new Set<number>())
  useLiveGridChanges((changes) => {
    const theirs = changes.filter((c) => c.communityCode === code && !ours.current.has(c.revisionId ?? -1))
    if (changes.length > 0 && theirs.length === 0) return
    refreshHistory()
    if ((log?.ops.length ?? 0) === 0) session.reload()
    else setMessage({ tone: 'bad', text: t('edit.changedElsewhere') })
  })

  // ── test hooks ──
  useEffect(() => {
    updateTestHookSources({
      editor: {
        communityCode: code,
        loaded: Boolean(data && log),
        rows: () => rows,
        gridOfUnit: (id) => log?.session.gridOf(String(id)) ?? -1,
        pendingSteps: () => log?.ops.length ?? 0,
      },
    })
  }, [code, data, log, rows])
  useEffect(() => () => updateTestHookSources({ editor: null }), [])

  // ── saving, proposals, revert, past grids ──
  const needName = () => {
    if (editorName.trim()) return false
    setMessage({ tone: 'bad', text: t('edit.needName') })
    return true
  }
  const afterSave = (version: number, warnings: number, revisionId: number) => {
    ours.current.add(revisionId)
    setMessage({ tone: 'good', text: t('edit.saved', { version, n: warnings }) })
    setReason('')
    setPending(null)
    session.reload()
    refreshHistory()
    onSaved()
  }
  const onConflictOrError = async (e: unknown, ops: PlanOp[] = []) => {
    const error = e as ApiError & { details?: { changes?: Revision[] } }
    if (error.status === 409 && error.details?.changes) {
      const changes = error.details.changes.map((c) => `${c.author}：${c.reason}`).join('；')
      refreshHistory()
      if (ops.length === 0) {
        setMessage({ tone: 'bad', text: t('edit.conflict', { changes }) })
        return session.reload()
      }
      // nothing is lost: the planner's steps are redone on the latest version, to check and save again
      const { applied, dropped } = await session.rebase(ops)
      setPending(null)
      setMessage({
        tone: 'bad',
        text: t('edit.rebased', {
          changes,
          applied: applied.length,
          dropped: dropped.length ? t('edit.rebasedDropped', { n: dropped.length }) : '',
        }),
      })
    } else showError(e)
  }
  const save = async () => {
    if (!data || !log || needName()) return
    setBusy(true)
    try {
      const result = await gridEditingApi.save(code, {
        editVersion: data.community.editVersion,
        author: editorName.trim(),
        reason,
        ops: wireOps(log.ops),
      })
      afterSave(result.editVersion, result.warnings.length, result.revisionId)
    } catch (e) {
      await onConflictOrError(e, log.ops)
    } finally {
      setBusy(false)
    }
  }
  const propose = async (mode: 'propose' | 'rebalance', street = false) => {
    if (!data) return
    setBusy(true)
    try {
      setProposal(
        street
          ? await gridEditingApi.proposeStreet(data.community.streetCode, mode)
          : await gridEditingApi.propose(code, mode),
      )
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  const accept = async () => {
    if (!proposal || needName()) return
    setBusy(true)
    try {
      let last = null
      for (const edit of proposal.edits)
        last = await gridEditingApi.save(edit.communityCode, {
          editVersion: edit.editVersion,
          author: editorName.trim(),
          reason: reason || t('edit.acceptReason'),
          ops: edit.ops,
        })
      setProposal(null)
      if (last) afterSave(last.editVersion, last.warnings.length, last.revisionId)
    } catch (e) {
      onConflictOrError(e)
    } finally {
      setBusy(false)
    }
  }
  const revert = async (id: number) => {
    if (needName()) return
    setBusy(true)
    try {
      const result = await gridEditingApi.revert(id, editorName.trim(), t('edit.revertReason', { id }))
      afterSave(result.editVersion, result.warnings.length, result.revisionId)
    } catch (e) {
      onConflictOrError(e)
    } finally {
      setBusy(false)
    }
  }
  useEffect(() => {
    if (!asOf) return setAsOfPage(null)
    const controller = new AbortController()
    gridEditingApi.gridsAsOf(code, asOf, controller.signal).then(setAsOfPage, () => setAsOfPage(null))
    return () => controller.abort()
  }, [code, asOf])
  const jump = (unitIds: string[]) => {
    const box = data && unitsBbox(data, unitIds)
    if (box && handle)
      handle.map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: { top: 80, bottom: 80, left: 320, right: 460 }, maxZoom: 17 },
      )
  }

  const activeRow = rows.find((r) => r.key === active)
  const others = rows.filter((r) => r.key !== active)
  const steps = log?.ops.length ?? 0

  return (
    <aside className="side-panel panel edit-panel" data-testid="grid-editor" aria-label={t('edit.title')}>
      <header className="side-panel-header">
        <div>
          <div className="side-panel-kind">{t('edit.title')}</div>
          <h2 data-testid="edit-title">{data?.community.name ?? code}</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          title={t('edit.close')}
          aria-label={t('edit.close')}
        >
          ×
        </button>
      </header>
      {session.error ? <div className="tone-bad">{session.error.message}</div> : null}
      {session.loading ? <div className="muted">{t('edit.loading')}</div> : null}

      <label className="edit-field">
        {t('edit.editor')}
        <input
          data-testid="edit-editor-name"
          value={editorName}
          placeholder={t('edit.editorPlaceholder')}
          onChange={(e) => {
            setEditorName(e.target.value)
            saveEditorName(storage(), e.target.value)
          }}
        />
      </label>

      <div className="edit-tools" role="toolbar">
        {TOOLS.map((k) => (
          <button
            type="button"
            key={k}
            className={tool === k ? 'pressed' : undefined}
            aria-pressed={tool === k}
            data-testid={`edit-tool-${k}`}
            onClick={() => setTool(k)}
          >
            {t(`edit.tool.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="muted">{t(`edit.hint.${tool}` as MessageKey)}</div>
      <div data-testid="edit-active">
        {activeRow ? t('edit.activeGrid', { label: label(activeRow.key) }) : t('edit.noActiveGrid')}
      </div>
      <div className="edit-tools">
        <button
          type="button"
          data-testid="edit-new-grid"
          disabled={!log}
          onClick={() => {
            if (!log) return
            try {
              const { createdGrid } = log.apply({ kind: 'createGrid' })
              setActive(createdGrid ?? null)
            } catch (e) {
              showError(e)
            }
            session.bump()
          }}
        >
          {t('edit.newGrid')}
        </button>
        <select
          data-testid="edit-merge"
          value=""
          disabled={active === null || others.length === 0}
          onChange={(e) => active !== null && run({ kind: 'mergeGrids', into: active, from: Number(e.target.value) })}
        >
          <option value="">{t('edit.mergeWith')}</option>
          {others.map((r) => (
            <option key={r.key} value={r.key}>
              {label(r.key)}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="edit-delete-grid"
          disabled={!activeRow || activeRow.units > 0}
          onClick={() => {
            if (active === null) return
            run({ kind: 'deleteGrid', grid: active })
            setActive(null)
          }}
        >
          {t('edit.deleteGrid')}
        </button>
      </div>

      <PreviewBox diff={pending?.diff ?? null} error={pending?.error ?? null} label={label} />
      <GridTable rows={rows} colours={colours} active={active} label={label} onActivate={setActive} />

      <div className="edit-tools">
        <button type="button" data-testid="edit-undo" disabled={!log?.canUndo} onClick={undo}>
          {t('edit.undo')}
        </button>
        <button type="button" data-testid="edit-redo" disabled={!log?.canRedo} onClick={redo}>
          {t('edit.redo')}
        </button>
        <span className="muted" data-testid="edit-steps">
          {t('edit.steps', { n: steps })}
        </span>
      </div>
      <label className="edit-field">
        {t('edit.reason')}
        <input
          data-testid="edit-reason"
          value={reason}
          maxLength={500}
          placeholder={t('edit.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="edit-tools">
        <button type="button" data-testid="edit-save" disabled={busy || steps === 0} onClick={save}>
          {busy ? t('edit.saving') : t('edit.save')}
        </button>
        <button
          type="button"
          data-testid="edit-discard"
          disabled={busy || steps === 0}
          onClick={() => {
            setPending(null)
            session.discard()
          }}
        >
          {t('edit.discard')}
        </button>
      </div>
      {message ? (
        <div className={`tone-${message.tone}`} data-testid="edit-message" role="status">
          {message.text}
        </div>
      ) : null}

      <IntegrityList report={integrity} band={band} label={label} onJump={jump} />

      <section className="edit-section">
        <h3>{t('edit.proposals')}</h3>
        <div className="edit-tools">
          <button type="button" data-testid="edit-propose" disabled={busy} onClick={() => propose('propose')}>
            {t('edit.propose')}
          </button>
          <button type="button" data-testid="edit-rebalance" disabled={busy} onClick={() => propose('rebalance')}>
            {t('edit.rebalance')}
          </button>
          <button
            type="button"
            data-testid="edit-propose-street"
            disabled={busy}
            onClick={() => propose('propose', true)}
          >
            {t('edit.proposeStreet')}
          </button>
        </div>
        {proposal ? (
          <ProposalView proposal={proposal} busy={busy} onAccept={accept} onReject={() => setProposal(null)} />
        ) : null}
      </section>

      <section className="edit-section">
        <h3>{t('edit.asOf')}</h3>
        <div className="edit-tools">
          <input type="date" data-testid="edit-as-of-date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          <button type="button" disabled={!asOf} onClick={() => setAsOf('')}>
            {t('edit.asOfClear')}
          </button>
        </div>
        <AsOfView date={asOf} page={asOfPage} />
      </section>

      <section className="edit-section">
        <h3>{t('edit.history')}</h3>
        <label className="edit-field">
          <input
            type="checkbox"
            data-testid="edit-history-active"
            checked={onlyActive}
            disabled={active === null}
            onChange={(e) => setOnlyActive(e.target.checked)}
          />
          {t('edit.historyOnlyActive')}
        </label>
        <HistoryList
          revisions={
            onlyActive && active !== null ? history.filter((r) => r.grids.some((g) => g.gridId === active)) : history
          }
          busy={busy}
          onRevert={revert}
        />
      </section>
    </aside>
  )
}
