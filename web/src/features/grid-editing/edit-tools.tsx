// The tools of the edit panel: click / brush / lasso / split line, the active grid, and new,
// merge and delete grid. Presentation only: the operations are the caller's.
import type { SplitSide } from '../../../../core/domain/grids/edit-op'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { TOOLS, type Tool } from './drawn-op'
import type { GridRow } from './editor-model'

export interface EditToolsProps {
  tool: Tool
  onTool: (tool: Tool) => void
  rows: GridRow[]
  active: number | null
  label: (key: number) => string
  /** false until the community is loaded */
  ready: boolean
  onNewGrid: () => void
  onMerge: (from: number) => void
  onDelete: () => void
  /** the side of a split line that keeps the grid's code ('' = the side with more households) */
  codeOn: SplitSide | ''
  onCodeOn: (side: SplitSide | '') => void
}

export function EditTools(props: EditToolsProps) {
  const { t } = useI18n()
  const { tool, active } = props
  const activeRow = props.rows.find((r) => r.key === active)
  const others = props.rows.filter((r) => r.key !== active)
  return (
    <>
      <div className="edit-tools" role="toolbar">
        {TOOLS.map((k) => (
          <button
            type="button"
            key={k}
            className={tool === k ? 'pressed' : undefined}
            aria-pressed={tool === k}
            data-testid={`edit-tool-${k}`}
            onClick={() => props.onTool(k)}
          >
            {t(`edit.tool.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="muted">{t(`edit.hint.${tool}` as MessageKey)}</div>
      {tool === 'line' ? (
        <label className="edit-field">
          {t('edit.codeOn')}
          <select
            data-testid="edit-code-on"
            value={props.codeOn}
            onChange={(e) => props.onCodeOn(e.target.value as SplitSide | '')}
          >
            <option value="">{t('edit.codeOn.larger')}</option>
            <option value="sideA">{t('edit.codeOn.left')}</option>
            <option value="sideB">{t('edit.codeOn.right')}</option>
          </select>
        </label>
      ) : null}
      <div data-testid="edit-active">
        {activeRow ? t('edit.activeGrid', { label: props.label(activeRow.key) }) : t('edit.noActiveGrid')}
      </div>
      <div className="edit-tools">
        <button type="button" data-testid="edit-new-grid" disabled={!props.ready} onClick={props.onNewGrid}>
          {t('edit.newGrid')}
        </button>
        <select
          data-testid="edit-merge"
          value=""
          disabled={active === null || others.length === 0}
          onChange={(e) => props.onMerge(Number(e.target.value))}
        >
          <option value="">{t('edit.mergeWith')}</option>
          {others.map((r) => (
            <option key={r.key} value={r.key}>
              {props.label(r.key)}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="edit-delete-grid"
          disabled={!activeRow || activeRow.units > 0}
          onClick={props.onDelete}
        >
          {t('edit.deleteGrid')}
        </button>
      </div>
    </>
  )
}
