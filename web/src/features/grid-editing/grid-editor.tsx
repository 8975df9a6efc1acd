// Edit mode for one community: its units coloured by grid on a deck.gl overlay of their own,
// the tools (click, brush, lasso, split line) previewed live on every pointer move through core's
// edit log, undo/redo, save with a reason, integrity, proposals, history and past grids. This
// component only composes: the edit (use-editor-session, use-edit-operations), the tools
// (use-edit-pointer, drawn-op), the overlay (use-editor-overlay, editor-layers), saving
// (use-save-flow) and the panels.
import { useEffect, useMemo, useState } from 'react'
import type { SplitSide } from '../../../../core/domain/grids/edit-op'
import type { ApiError } from '../../api/client'
import { describeApiError } from '../../api/describe-api-error'
import { useI18n } from '../../i18n/i18n-provider'
import { MAP_THEMES, type ThemeName } from '../../map/map-theme'
import type { MapHandle } from '../../map/map-view'
import { SignedInAs, useSignedInName } from '../auth/signed-in-as'
import { DeviationChart } from './deviation-chart'
import type { Tool } from './drawn-op'
import { EditTools } from './edit-tools'
import { createAsOfLayer, createEditorLayers } from './editor-layers'
import { proposalColouring } from './editor-model'
import { GridTable, IntegrityList, PreviewBox } from './editor-panels'
import { AsOfSection, HistorySection, ProposalSection } from './editor-sections'
import { useEditorTestHooks } from './editor-test-hooks'
import { fitUnits, useFitCommunity } from './fit-units'
import type { ShownPlan } from './proposal-view'
import { SaveBar } from './save-bar'
import { ShortcutsHelp, useEditorKeys } from './shortcuts-help'
import { useEditOperations } from './use-edit-operations'
import { useEditPointer } from './use-edit-pointer'
import { useEditorFigures } from './use-editor-figures'
import { useEditorOverlay } from './use-editor-overlay'
import { useEditorSession } from './use-editor-session'
import { useGridsAsOf } from './use-grids-as-of'
import { useSaveFlow } from './use-save-flow'
import { useUndoKeys } from './use-undo-keys'
import './grid-editing.css'

export interface GridEditorProps {
  code: string
  handle: MapHandle | null
  theme: ThemeName
  onClose: () => void
  /** after a save or revert: the district map refetches its grids */
  onSaved: () => void
  /** edit another community (a street-wide proposal paged through; the proposal stays) */
  onNavigate?: (code: string) => void
}

export function GridEditor({ code, handle, theme, onClose, onSaved, onNavigate }: GridEditorProps) {
  const { t } = useI18n()
  const session = useEditorSession(code)
  const { data, log, revision } = session
  const [tool, setTool] = useState<Tool>('click')
  const [active, setActive] = useState<number | null>(null)
  // edits are recorded under the signed-in person (the server takes it from the session)
  const editorName = useSignedInName()
  const [reason, setReason] = useState('')
  const [asOf, setAsOf] = useState('')
  const asOfPage = useGridsAsOf(code, asOf)
  const { rows, integrity, colours, unitIndex, label, band, codes } = useEditorFigures(session)
  const [codeOn, setCodeOn] = useState<SplitSide | ''>('')
  const ops = useEditOperations(session, unitIndex)
  const { pending, run, undo, redo } = ops
  const flow = useSaveFlow({
    code,
    session,
    editorName,
    reason,
    setReason,
    setMessage: ops.setMessage,
    clearPending: () => ops.setPending(null),
    onSaved,
  })
  const { proposal, busy } = flow
  const [shown, setShown] = useState<ShownPlan>('proposed')
  useUndoKeys(undo, redo)

  // the overlay, the tools on it, and its layers
  const overlay = useEditorOverlay(handle)
  const draft = useEditPointer({
    handle,
    overlay,
    tool,
    log,
    active,
    disabled: proposal !== null,
    setActive,
    run,
    preview: ops.preview,
    clearPending: () => ops.setPending(null),
    codeOn: codeOn || undefined,
  })
  const { setLayers } = overlay
  // what the map draws: the edit, or a proposal (its proposed grids, or the current grids beside it)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks a change inside `log`
  const drawn = useMemo(() => {
    if (!data || !log) return null
    const current = { assignment: log.session.assignment(), colours }
    const proposed = proposal ? proposalColouring(proposal, data, log.options.graph, colours) : null
    return { current, proposed, shown: proposed && shown === 'proposed' ? proposed : current }
  }, [data, log, revision, colours, proposal, shown])
  useEffect(() => {
    if (!data || !drawn) return
    const layers = createEditorLayers({
      units: data.units.features,
      assignment: drawn.shown.assignment,
      colours: drawn.shown.colours,
      touched: pending?.touched ?? new Set(),
      draft,
      theme: MAP_THEMES[theme],
      revision: revision + (proposal ? (shown === 'proposed' ? 0.5 : 0.25) : 0),
    })
    setLayers([...layers, ...(asOfPage ? [createAsOfLayer(asOfPage)] : [])])
  }, [data, drawn, revision, pending, draft, theme, proposal, shown, asOfPage, setLayers])
  // unit names on hover: name, households and the grid it is drawn in
  overlay.tooltip.current = (unitId) => {
    const i = data ? unitIndex.get(String(unitId)) : undefined
    if (!data || !drawn || i === undefined) return null
    const u = data.units.features[i].properties
    const key = drawn.shown.assignment[i]
    return t('edit.unitTooltip', {
      name: u.name,
      households: u.households,
      grid:
        key < 0
          ? t('edit.noGrid')
          : drawn.shown === drawn.current || data.grids.some((g) => g.id === key)
            ? label(key)
            : t('edit.proposedGrid'),
    })
  }
  useFitCommunity(data, handle)
  useEditorTestHooks(code, Boolean(data), log, rows, data, drawn?.shown ?? null)

  const [help, setHelp] = useState(false)
  useEditorKeys(help, setHelp, setTool)
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
          data-testid="edit-help"
          onClick={() => setHelp(!help)}
          title={t('edit.keys.title')}
          aria-label={t('edit.keys.title')}
          aria-expanded={help}
        >
          ?
        </button>
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
      {session.error ? (
        // a community that cannot be edited (a bad code in /?edit=): say so, offer the way back, no tools
        <div className="edit-unavailable" data-testid="edit-unavailable" role="alert">
          <p className="tone-bad">
            {(session.error as ApiError).status === 404 || (session.error as ApiError).status === 400
              ? t('edit.noSuchCommunity', { code })
              : describeApiError(session.error, t)}
          </p>
          <button type="button" onClick={onClose} data-testid="edit-back">
            {t('edit.backToMap')}
          </button>
        </div>
      ) : null}
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
      {session.loading ? <div className="muted">{t('edit.loading')}</div> : null}
      {session.error ? null : (
        <>
          <SignedInAs label={t('edit.editor')} testId="edit-editor-name" className="edit-field" />

          <EditTools
            tool={tool}
            onTool={setTool}
            rows={rows}
            active={active}
            label={label}
            ready={Boolean(log)}
            onNewGrid={() => ops.createGrid(setActive)}
            onMerge={(from) => active !== null && run({ kind: 'mergeGrids', into: active, from })}
            codeOn={codeOn}
            onCodeOn={setCodeOn}
            onDelete={() => {
              if (active === null) return
              run({ kind: 'deleteGrid', grid: active })
              setActive(null)
            }}
          />

          <PreviewBox diff={pending?.diff ?? null} error={pending?.error ?? null} label={label} />
          {proposal ? null : (
            // while a proposal is shown its own table is the legend (below): one table, the map's colours
            <>
              <GridTable rows={rows} colours={colours} active={active} label={label} onActivate={setActive} />
              <DeviationChart rows={rows} band={band} colours={colours} label={label} />
            </>
          )}

          <SaveBar
            canUndo={Boolean(log?.canUndo)}
            canRedo={Boolean(log?.canRedo)}
            steps={steps}
            busy={busy}
            reason={reason}
            onReason={setReason}
            message={ops.message}
            onUndo={undo}
            onRedo={redo}
            onSave={flow.save}
            onDiscard={ops.discard}
            codes={codes}
            outOfBand={integrity?.outOfBand.length ?? 0}
            band={{ low: band.lowHouseholds, high: band.highHouseholds }}
          />

          <IntegrityList
            report={integrity}
            band={band}
            label={label}
            onJump={(unitIds) => fitUnits(handle, data, unitIds)}
          />
          <ProposalSection
            proposal={proposal}
            busy={busy}
            communityCode={code}
            shown={shown}
            onShown={setShown}
            colours={{ current: colours, proposed: drawn?.proposed?.colours ?? new Map() }}
            label={label}
            onPropose={(mode, street) => {
              setShown('proposed')
              flow.propose(mode, street)
            }}
            onAccept={flow.accept}
            onReject={flow.rejectProposal}
            onNavigate={(next) => onNavigate?.(next)}
          />
          <AsOfSection asOf={asOf} onAsOf={setAsOf} page={asOfPage} />
          <HistorySection history={flow.history} active={active} busy={busy} onRevert={flow.revert} />
        </>
      )}
    </aside>
  )
}
