// Undo / redo, the reason, save and discard, and the message line. Presentation only.
import { useI18n } from '../../i18n/i18n-provider'
import type { Message } from './use-edit-operations'

export interface SaveBarProps {
  canUndo: boolean
  canRedo: boolean
  /** operations applied and not yet saved */
  steps: number
  busy: boolean
  reason: string
  onReason: (reason: string) => void
  message: Message | null
  onUndo: () => void
  onRedo: () => void
  onSave: () => void
  onDiscard: () => void
  /** grid codes saving would end and start */
  codes: { retired: string[]; created: string[] } | null
}

export function SaveBar(props: SaveBarProps) {
  const { t } = useI18n()
  const { steps, busy, message } = props
  return (
    <>
      <div className="edit-tools">
        <button type="button" data-testid="edit-undo" disabled={!props.canUndo} onClick={props.onUndo}>
          {t('edit.undo')}
        </button>
        <button type="button" data-testid="edit-redo" disabled={!props.canRedo} onClick={props.onRedo}>
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
          value={props.reason}
          maxLength={500}
          placeholder={t('edit.reasonPlaceholder')}
          onChange={(e) => props.onReason(e.target.value)}
        />
      </label>
      {props.codes && props.codes.retired.length + props.codes.created.length > 0 ? (
        <div className="edit-codes" data-testid="edit-codes">
          {props.codes.retired.length > 0 ? (
            <div data-testid="edit-codes-retired">
              {t('edit.codesRetired', { codes: props.codes.retired.join('、') })}
            </div>
          ) : null}
          {props.codes.created.length > 0 ? (
            <div data-testid="edit-codes-created">
              {t('edit.codesCreated', { codes: props.codes.created.join('、') })}
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="edit-tools">
        <button type="button" data-testid="edit-save" disabled={busy || steps === 0} onClick={props.onSave}>
          {busy ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" data-testid="edit-discard" disabled={busy || steps === 0} onClick={props.onDiscard}>
          {t('edit.discard')}
        </button>
      </div>
      {message ? (
        <div className={`tone-${message.tone}`} data-testid="edit-message" role="status">
          {message.text}
        </div>
      ) : null}
    </>
  )
}
